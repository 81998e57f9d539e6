// The delivery log's pages (GET /api/webhooks/<endpointId>/deliveries): newest first, 50 a page,
// keyset on (createdAt, id) so rows sharing a time are neither repeated nor skipped, a status
// filter, owners and admins of the endpoint's account only. A row carries what the table shows;
// its tries come from GET /api/webhooks/<endpointId>/deliveries/<deliveryId> when it is opened.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/webhooks/[endpointId]/deliveries/route";
import { GET as getTries } from "@/app/api/webhooks/[endpointId]/deliveries/[deliveryId]/route";
import { db } from "@/lib/db/client";
import { DELIVERY_LOG_SIZE } from "@/lib/webhooks/queries";
import type { DeliveryAttempts, DeliveryLogPage } from "@/lib/webhooks/webhooks.validation";
import { as, teamTenant, type Actor, type TeamTenant } from "@/tests/helpers/published-flows";

const TOTAL = 130;
const STATUSES = ["succeeded", "succeeded", "failed", "pending"] as const;
let t: TeamTenant;
let endpointId: string;
let expected: { id: string; status: string }[];

beforeAll(async () => {
  t = await teamTenant();
  endpointId = (await db.webhookEndpoint.create({
    data: { accountId: t.account.id, url: "https://hooks.example.com/rf", events: ["session.completed"], secret: "whsec_dGVzdA==" },
    select: { id: true },
  })).id;
  // Ten deliveries share each creation time (a burst of events): the id breaks the tie.
  const base = Date.parse("2026-06-15T12:00:00Z");
  const rows = Array.from({ length: TOTAL }, (_, i) => ({ id: randomUUID(), eventId: randomUUID(), status: STATUSES[i % 4], createdAt: new Date(base - Math.floor(i / 10) * 60_000) }));
  await db.webhookEvent.createMany({ data: rows.map((r) => ({ id: r.eventId, accountId: t.account.id, type: "session.completed", payload: {}, createdAt: r.createdAt })) });
  await db.webhookDelivery.createMany({ data: rows.map((r) => ({ id: r.id, endpointId, eventId: r.eventId, status: r.status, attempts: 1, createdAt: r.createdAt })) });
  await db.webhookAttempt.createMany({ data: rows.map((r) => ({ deliveryId: r.id, attempt: 1, statusCode: r.status === "succeeded" ? 200 : 500, durationMs: 12 })) });
  expected = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => ({ id: r.id, status: r.status }));
});

async function get(user: Actor | null, query: Record<string, string> = {}, id = endpointId) {
  const url = `http://localhost/api/webhooks/${id}/deliveries?${new URLSearchParams(query)}`;
  return as(user, () => GET(new Request(url), { params: Promise.resolve({ endpointId: id }) }));
}

async function allPages(user: Actor, status?: string) {
  const seen: DeliveryLogPage["deliveries"] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await get(user, { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    expect(response.status).toBe(200);
    const page = (await response.json()) as DeliveryLogPage;
    expect(page.deliveries.length).toBeLessThanOrEqual(DELIVERY_LOG_SIZE);
    seen.push(...page.deliveries);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 10);
  return { seen, pages };
}

describe("delivery log pages", () => {
  it("walks every delivery once, newest first, 50 a page, each row without its tries", async () => {
    const { seen, pages } = await allPages(t.admin);
    expect(pages).toBe(3);
    expect(seen.map((d) => d.id)).toEqual(expected.map((d) => d.id));
    expect(seen[0]).toMatchObject({ eventType: "session.completed", attempts: 1 });
    expect(seen[0]).not.toHaveProperty("tries");
  });

  it("an opened row's tries: newest first, with the answer's start; owners and admins of the account only", async () => {
    const deliveryId = expected[0].id;
    await db.webhookAttempt.create({ data: { deliveryId, attempt: 2, statusCode: 502, durationMs: 40, responseExcerpt: "bad gateway", error: null } });
    const tries = (deliveryUser: Actor | null, endpoint = endpointId, delivery = deliveryId) =>
      as(deliveryUser, () => getTries(new Request(`http://localhost/api/webhooks/${endpoint}/deliveries/${delivery}`), { params: Promise.resolve({ endpointId: endpoint, deliveryId: delivery }) }));
    const response = await tries(t.owner);
    expect(response.status).toBe(200);
    const body = (await response.json()) as DeliveryAttempts;
    expect(body.tries.map((a) => a.attempt)).toEqual([2, 1]);
    expect(body.tries[0]).toMatchObject({ statusCode: 502, durationMs: 40, responseExcerpt: "bad gateway" });
    expect((await tries(null)).status).toBe(401);
    expect((await tries(t.engineer)).status).toBe(403);
    expect((await tries(t.other.owner)).status).toBe(404);
    expect((await tries(t.owner, randomUUID())).status).toBe(404);
    expect((await tries(t.owner, endpointId, "nope")).status).toBe(404);
  });

  it("filters by status, paging within the filter", async () => {
    for (const status of ["succeeded", "failed", "pending"]) {
      const { seen } = await allPages(t.owner, status);
      expect(seen.map((d) => d.id), status).toEqual(expected.filter((d) => d.status === status).map((d) => d.id));
    }
    // An unknown filter shows everything rather than failing.
    const response = await get(t.owner, { status: "bogus" });
    expect(((await response.json()) as DeliveryLogPage).deliveries).toHaveLength(DELIVERY_LOG_SIZE);
  });

  it("owners and admins of the account only; another account's endpoint is not found; a forged cursor is refused", async () => {
    expect((await get(null)).status).toBe(401);
    expect((await get(t.engineer)).status).toBe(403);
    expect((await get(t.other.owner)).status).toBe(404);
    expect((await get(t.admin, {}, randomUUID())).status).toBe(404);
    expect((await get(t.admin, {}, "not-a-uuid")).status).toBe(404);
    const forged = await get(t.admin, { cursor: "eyJub3QiOiJhIGN1cnNvciJ9" });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: "invalid", error: expect.stringMatching(/reload/) });
  });
});
