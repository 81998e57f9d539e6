// Webhooks against the real database and a real HTTP receiver: signed sends with the right
// payload, retry after a 500, nothing from a rolled-back transaction, batch.completed once under
// racing completions, two drainers never sending one delivery at the same time, and the
// private-address refusal (at save and at send, after DNS changes).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db/client";
import { launchBatch } from "@/lib/maintenance/batches.actions";
import { completeSession, startPreparedSession, startSession } from "@/lib/sessions/sessions.actions";
import type { LookupAll } from "@/lib/webhooks/address-policy";
import { drainWebhooks, LEASE_MS, RETRY_DELAYS_MS } from "@/lib/webhooks/drain";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import { createWebhookEndpoint, redeliverWebhook, revealWebhookSecret, rotateWebhookSecret, sendTestWebhook } from "@/lib/webhooks/webhooks.actions";
import { sampleProcedure } from "@/tests/helpers/flow-fixtures";
import { as, ok, publishAs, publishProcedure, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { startReceiver } from "@/tests/helpers/webhook-receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let receivers: Receiver[] = [];
const receiver = async (...args: Parameters<typeof startReceiver>) => { const r = await startReceiver(...args); receivers.push(r); return r; };

beforeEach(async () => {
  // Other tests in this worker's database leave pending deliveries: the drains below are ours alone.
  await db.webhookDelivery.updateMany({ where: { status: "pending" }, data: { status: "failed" } });
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
});
afterEach(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function endpointFor(t: TeamTenant, url: string, events: ("session.completed" | "batch.completed")[] = ["session.completed"]) {
  const { id } = ok(await as(t.admin, () => createWebhookEndpoint({ url, description: "PSA", events, active: true })));
  const { secret } = ok(await as(t.admin, () => revealWebhookSecret({ endpointId: id })));
  return { id, secret };
}

async function completedSession(t: TeamTenant) {
  const { flowId } = await publishProcedure(t.engineer);
  const { id } = ok(await as(t.engineer, () => startSession({ flowId })));
  ok(await as(t.engineer, () => completeSession({ sessionId: id, outcome: "completed", notes: "Replaced the toner" })));
  return id;
}

const headersOf = (r: { headers: Record<string, string | string[] | undefined> }) =>
  Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));

describe("delivery", () => {
  it("signs per Standard Webhooks, sends the session.completed payload, retries after a 500, then succeeds", async () => {
    const t = await teamTenant();
    const hooks = await receiver((_, i) => (i === 0 ? { status: 500, body: "database down" } : { status: 204 }));
    const endpoint = await endpointFor(t, hooks.url);
    const sessionId = await completedSession(t);

    const first = await drainWebhooks(db, { allowPrivate: true });
    expect(first).toEqual({ sent: 1, succeeded: 0, retrying: 1, failed: 0 });
    const pending = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastResponseExcerpt: "database down", lastError: "Answered 500." });
    expect(pending.nextAttemptAt.getTime() - pending.updatedAt.getTime()).toBeGreaterThan(RETRY_DELAYS_MS[0] - 5_000);
    // Not due yet: a drain now sends nothing.
    expect((await drainWebhooks(db, { allowPrivate: true })).sent).toBe(0);

    const later = new Date(pending.nextAttemptAt.getTime() + 1000);
    expect(await drainWebhooks(db, { allowPrivate: true, now: () => later })).toEqual({ sent: 1, succeeded: 1, retrying: 0, failed: 0 });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 204 });
    expect(await db.webhookAttempt.count({ where: { delivery: { endpointId: endpoint.id } } })).toBe(2);

    expect(hooks.received).toHaveLength(2);
    const [a, b] = hooks.received;
    expect(a.headers["webhook-id"]).toBe(b.headers["webhook-id"]);
    expect(a.body).toBe(b.body);
    // The reference verifier accepts it; it rejects a tampered body or another secret.
    const verified = new Webhook(endpoint.secret).verify(a.body, headersOf(a)) as { id: string; type: string; data: { session: Record<string, unknown> } };
    expect(verified).toMatchObject({ id: a.headers["webhook-id"], type: "session.completed" });
    expect(verified.data.session).toMatchObject({ id: sessionId, outcome: "completed", notes: "Replaced the toner", flow: { type: "procedural" }, engineer: { id: t.engineer.id } });
    expect(() => new Webhook(endpoint.secret).verify(a.body.replace("Replaced", "Removed"), headersOf(a))).toThrow();
    const { secret: rotated } = ok(await as(t.admin, () => rotateWebhookSecret({ endpointId: endpoint.id })));
    expect(() => new Webhook(rotated).verify(a.body, headersOf(a))).toThrow();
  });

  it("gives up after the last attempt and marks the delivery failed; Redeliver sends it again", async () => {
    const t = await teamTenant();
    let status = 503;
    const hooks = await receiver(() => ({ status }));
    const endpoint = await endpointFor(t, hooks.url);
    await completedSession(t);
    let now = new Date();
    for (let i = 0; i < RETRY_DELAYS_MS.length + 1; i++) {
      await drainWebhooks(db, { allowPrivate: true, now: () => now });
      now = new Date(now.getTime() + (RETRY_DELAYS_MS[i] ?? 0) + 1000);
    }
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_MS.length + 1 });
    expect(hooks.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect((await drainWebhooks(db, { allowPrivate: true, now: () => new Date(now.getTime() + 86_400_000) })).sent).toBe(0);

    status = 200;
    expect(ok(await as(t.admin, () => redeliverWebhook({ deliveryId: failed.id })))).toMatchObject({ status: "succeeded", lastStatusCode: 200 });
    expect(hooks.received).toHaveLength(RETRY_DELAYS_MS.length + 2);
  });

  it("Send test event reaches the endpoint at once and shows in the log", async () => {
    const t = await teamTenant();
    const hooks = await receiver(() => ({ status: 200, body: "thanks" }));
    const endpoint = await endpointFor(t, hooks.url);
    expect(ok(await as(t.admin, () => sendTestWebhook({ endpointId: endpoint.id })))).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200 });
    const verified = new Webhook(endpoint.secret).verify(hooks.received[0].body, headersOf(hooks.received[0]));
    expect(verified).toMatchObject({ type: "webhook.test", data: { endpointId: endpoint.id } });
  });
});

describe("the outbox", () => {
  it("a rolled-back transaction emits nothing; a committed one emits once per listening active endpoint", async () => {
    const t = await teamTenant();
    const hooks = await receiver();
    await endpointFor(t, hooks.url);
    await endpointFor(t, hooks.url, ["batch.completed"]);
    await db.webhookEndpoint.create({ data: { accountId: t.account.id, url: hooks.url, events: ["session.completed"], active: false, secret: "whsec_AAAA" } });

    await expect(db.$transaction(async (tx) => {
      await emitWebhookEvent(tx, { accountId: t.account.id, type: "session.completed", payload: { n: 1 } });
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    expect(await db.webhookEvent.count({ where: { accountId: t.account.id } })).toBe(0);

    // A completion refused inside its transaction (wrong outcome for the flow type) emits nothing either.
    const { flowId } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.engineer, () => startSession({ flowId })));
    expect(await as(t.engineer, () => completeSession({ sessionId: id, outcome: "resolved" }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await db.webhookEvent.count({ where: { accountId: t.account.id } })).toBe(0);

    const emitted = await db.$transaction((tx) => emitWebhookEvent(tx, { accountId: t.account.id, type: "session.completed", payload: { n: 2 } }));
    expect(emitted.deliveries).toBe(1);
    // No listener: no event row at all.
    expect(await emitWebhookEvent(db, { accountId: t.other.account.id, type: "session.completed", payload: {} })).toEqual({ eventId: null, deliveries: 0 });
    expect(await db.webhookEvent.count({ where: { accountId: t.account.id } })).toBe(1);
  });

  it("batch.completed is emitted exactly once when the last two sessions of a batch complete at the same time", async () => {
    const t = await teamTenant();
    const hooks = await receiver();
    await endpointFor(t, hooks.url, ["batch.completed"]);
    const { flowId } = await publishAs(t.engineer, "maintenance", sampleProcedure(2), { name: "Patching" });
    const batchId = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: [{ label: "SRV-01", notes: "", values: {} }, { label: "SRV-02", notes: "", values: {} }, { label: "SRV-03", notes: "", values: {} }] } }))).id;
    const sessions = await db.session.findMany({ where: { batchId }, orderBy: { targetLabel: "asc" } });
    for (const s of sessions) ok(await as(t.engineer, () => startPreparedSession({ sessionId: s.id })));
    ok(await as(t.engineer, () => completeSession({ sessionId: sessions[0].id, outcome: "completed" })));
    expect(await db.webhookEvent.count({ where: { accountId: t.account.id, type: "batch.completed" } })).toBe(0);

    const results = await raceOnLockedRow({ sql: `SELECT id FROM "Batch" WHERE id = $1 FOR UPDATE`, params: [batchId] }, () => [
      as(t.engineer, () => completeSession({ sessionId: sessions[1].id, outcome: "completed" })),
      as(t.engineer, () => completeSession({ sessionId: sessions[2].id, outcome: "aborted" })),
    ]);
    results.forEach(ok);
    const events = await db.webhookEvent.findMany({ where: { accountId: t.account.id, type: "batch.completed" } });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ batch: { id: batchId, targets: 3, completed: 2, aborted: 1, flow: { name: "Patching" } } });
  });
});

describe("concurrent drainers", () => {
  it("never send one delivery twice at the same time: a drainer running while another's sends are in flight claims none of them", async () => {
    const t = await teamTenant();
    const hooks = await receiver();
    await endpointFor(t, hooks.url);
    for (let i = 0; i < 12; i++) await db.$transaction((tx) => emitWebhookEvent(tx, { accountId: t.account.id, type: "session.completed", payload: { i } }));

    hooks.hold();
    const first = drainWebhooks(db, { allowPrivate: true, batchSize: 12 });
    await hooks.waitFor(10); // ten sends at a time: all of them in flight, answers held back
    const second = await drainWebhooks(db, { allowPrivate: true });
    expect(second.sent).toBe(0);
    hooks.release();
    expect((await first).succeeded).toBe(12);
    const ids = hooks.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
  });

  it("three drainers started together send every delivery once", async () => {
    const t = await teamTenant();
    const hooks = await receiver();
    await endpointFor(t, hooks.url);
    for (let i = 0; i < 30; i++) await emitWebhookEvent(db, { accountId: t.account.id, type: "session.completed", payload: { i } });
    const tallies = await Promise.all([1, 2, 3].map(() => drainWebhooks(db, { allowPrivate: true, batchSize: 4 })));
    expect(tallies.reduce((sum, x) => sum + x.succeeded, 0)).toBe(30);
    const ids = hooks.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);
  });

  it("a drainer that died mid-send leaves its lease to run out; the next tick sends again (at least once)", async () => {
    const t = await teamTenant();
    const hooks = await receiver();
    const endpoint = await endpointFor(t, hooks.url);
    await emitWebhookEvent(db, { accountId: t.account.id, type: "session.completed", payload: {} });
    // A claim whose sender never came back: attempts moved, lease set, no result written.
    await db.webhookDelivery.updateMany({ where: { endpointId: endpoint.id }, data: { attempts: 1, nextAttemptAt: new Date(Date.now() + LEASE_MS) } });
    expect((await drainWebhooks(db, { allowPrivate: true })).sent).toBe(0);
    expect((await drainWebhooks(db, { allowPrivate: true, now: () => new Date(Date.now() + LEASE_MS + 1000) })).succeeded).toBe(1);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ status: "succeeded", attempts: 2 });
  });
});

describe("private addresses (production)", () => {
  it("refuses a private URL at save, and at send time after the endpoint's DNS changes", async () => {
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
    const t = await teamTenant();
    const hooks = await receiver();
    const refused = await as(t.admin, () => createWebhookEndpoint({ url: hooks.url, events: ["session.completed"] }));
    expect(refused).toMatchObject({ ok: false, code: "invalid", fieldErrors: { url: [expect.stringMatching(/127\.0\.0\.1, a private or reserved address/)] } });
    for (const url of ["http://localhost:1/", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/"]) {
      expect(await as(t.admin, () => createWebhookEndpoint({ url, events: ["session.completed"] })), url).toMatchObject({ ok: false, code: "invalid" });
    }

    // Saved while its name resolved to a public address; by send time it points at the receiver on loopback.
    const url = `http://hooks.customer.test:${hooks.port}/hooks`;
    const endpoint = await db.webhookEndpoint.create({ data: { accountId: t.account.id, url, events: ["session.completed"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHQ=" } });
    await emitWebhookEvent(db, { accountId: t.account.id, type: "session.completed", payload: {} });
    const rebound: LookupAll = async () => [{ address: "93.184.216.34", family: 4 }, { address: "127.0.0.1", family: 4 }];
    expect(await drainWebhooks(db, { lookup: rebound })).toMatchObject({ sent: 1, retrying: 1 });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ lastStatusCode: null, lastError: expect.stringMatching(/^Refused: hooks\.customer\.test resolves to 127\.0\.0\.1/) });
    expect(hooks.received).toHaveLength(0);
  });

  it("connects to the address it checked (pinned), not to a second DNS answer", async () => {
    const t = await teamTenant();
    const hooks = await receiver();
    // This name resolves nowhere: the send reaches the receiver only through the pinned address.
    await db.webhookEndpoint.create({ data: { accountId: t.account.id, url: `http://pinned.invalid:${hooks.port}/hooks`, events: ["session.completed"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHQ=" } });
    await emitWebhookEvent(db, { accountId: t.account.id, type: "session.completed", payload: {} });
    expect(await drainWebhooks(db, { allowPrivate: true, lookup: async () => [{ address: "127.0.0.1", family: 4 }] })).toMatchObject({ succeeded: 1 });
    expect(hooks.received[0].headers.host).toBe(`pinned.invalid:${hooks.port}`);
  });
});
