// Outbox retention (lib/webhooks/prune.ts, run by the cron tick): succeeded and failed deliveries
// older than WEBHOOK_RETENTION_DAYS go (with their attempts), pending ones stay whatever their
// age, events go once no delivery is left and they are past the cutoff; bounded batches.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bootProblems, webhookRetentionDays } from "@/lib/env";
import { pruneWebhookOutbox } from "@/lib/webhooks/prune";
import { teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

let t: TeamTenant;
let endpointId: string;

beforeEach(async () => {
  t = await teamTenant();
  endpointId = (await db.webhookEndpoint.create({
    data: { accountId: t.account.id, url: "https://hooks.example.com/rf", events: ["session.completed"], secret: "whsec_dGVzdA==" },
    select: { id: true },
  })).id;
});

/** An event `age` days old with one delivery in `status`, last touched `touched` days ago, and one attempt. */
async function delivery(status: "pending" | "succeeded" | "failed", age: number, touched = age) {
  const eventId = randomUUID();
  const id = randomUUID();
  await db.$executeRaw`INSERT INTO "WebhookEvent" (id, "accountId", type, payload, "createdAt") VALUES (${eventId}::uuid, ${t.account.id}::uuid, 'session.completed', '{}'::jsonb, ${daysAgo(age)})`;
  await db.$executeRaw`
    INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", status, attempts, "nextAttemptAt", "createdAt", "updatedAt")
    VALUES (${id}::uuid, ${endpointId}::uuid, ${eventId}::uuid, ${status}::"WebhookDeliveryStatus", 1, ${daysAgo(touched)}, ${daysAgo(age)}, ${daysAgo(touched)})`;
  await db.$executeRaw`INSERT INTO "WebhookAttempt" (id, "deliveryId", attempt, "statusCode", "durationMs", at) VALUES (gen_random_uuid(), ${id}::uuid, 1, 200, 12, ${daysAgo(touched)})`;
  return { id, eventId };
}

const exists = async (d: { id: string; eventId: string }) => ({
  delivery: (await db.webhookDelivery.count({ where: { id: d.id } })) === 1,
  event: (await db.webhookEvent.count({ where: { id: d.eventId } })) === 1,
});

describe("webhook outbox retention", () => {
  it("prunes finished deliveries past the retention, their attempts and their events; keeps pending and recent ones", async () => {
    const oldSucceeded = await delivery("succeeded", 40);
    const oldFailed = await delivery("failed", 45, 31);
    const oldPending = await delivery("pending", 60, 1);
    const recentSucceeded = await delivery("succeeded", 40, 29); // created long ago, last retried 29 days ago
    const fresh = await delivery("failed", 2);
    // An old event whose only delivery was removed with its endpoint: nothing left to keep it for.
    const orphan = randomUUID();
    await db.$executeRaw`INSERT INTO "WebhookEvent" (id, "accountId", type, payload, "createdAt") VALUES (${orphan}::uuid, ${t.account.id}::uuid, 'batch.completed', '{}'::jsonb, ${daysAgo(50)})`;

    await pruneWebhookOutbox(db, { now: NOW, retentionDays: 30 });

    expect(await exists(oldSucceeded)).toEqual({ delivery: false, event: false });
    expect(await exists(oldFailed)).toEqual({ delivery: false, event: false });
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: [oldSucceeded.id, oldFailed.id] } } })).toBe(0);
    expect(await exists(oldPending)).toEqual({ delivery: true, event: true });
    expect(await exists(recentSucceeded)).toEqual({ delivery: true, event: true });
    expect(await exists(fresh)).toEqual({ delivery: true, event: true });
    expect(await db.webhookEvent.count({ where: { id: orphan } })).toBe(0);
    expect(await db.webhookAttempt.count({ where: { deliveryId: recentSucceeded.id } })).toBe(1);

    // A shorter retention reaches the 29-day-old one.
    await pruneWebhookOutbox(db, { now: NOW, retentionDays: 7 });
    expect(await exists(recentSucceeded)).toEqual({ delivery: false, event: false });
    expect(await exists(fresh)).toEqual({ delivery: true, event: true });
  });

  it("works in bounded batches: at most batchSize × maxBatches rows a run, the rest the next run", async () => {
    const old = await Promise.all(Array.from({ length: 5 }, () => delivery("succeeded", 90)));
    const ours = { id: { in: old.map((d) => d.id) } };
    const first = await pruneWebhookOutbox(db, { now: NOW, retentionDays: 30, batchSize: 2, maxBatches: 2 });
    expect(first.deliveries).toBe(4);
    expect(await db.webhookDelivery.count({ where: ours })).toBe(1);
    const second = await pruneWebhookOutbox(db, { now: NOW, retentionDays: 30, batchSize: 2, maxBatches: 2 });
    expect(second.deliveries).toBe(1);
    expect(await db.webhookDelivery.count({ where: ours })).toBe(0);
    expect(await db.webhookEvent.count({ where: { id: { in: old.map((d) => d.eventId) } } })).toBe(0);
  });
});

describe("WEBHOOK_RETENTION_DAYS", () => {
  it("defaults to 30 days and must be a whole number of days from 1 to 3650, checked at boot", () => {
    expect(webhookRetentionDays({})).toBe(30);
    expect(webhookRetentionDays({ WEBHOOK_RETENTION_DAYS: "" })).toBe(30);
    expect(webhookRetentionDays({ WEBHOOK_RETENTION_DAYS: "7" })).toBe(7);
    for (const bad of ["0", "-3", "1.5", "thirty", "4000"]) {
      expect(() => webhookRetentionDays({ WEBHOOK_RETENTION_DAYS: bad }), bad).toThrow(/WEBHOOK_RETENTION_DAYS/);
    }
    const base = { DATABASE_URL: "postgres://u:p@localhost:5432/db", AUTH_SECRET: "x".repeat(32), NODE_ENV: "development" };
    expect(bootProblems({ ...base, WEBHOOK_RETENTION_DAYS: "90" })).toEqual([]);
    expect(bootProblems({ ...base, WEBHOOK_RETENTION_DAYS: "0" })).toEqual([expect.stringMatching(/^WEBHOOK_RETENTION_DAYS: .*1 to 3650/)]);
  });
});
