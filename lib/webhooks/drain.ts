// The outbox drainer: sends due deliveries, at least once, with exponential backoff.
// Run by the cron tick (Vercel Cron, `npm run cron:tick`) and `npm start`'s 60 s timer, and
// at once for "Send test event" / "Redeliver". Any number may run at the same time:
// - a claim is ONE statement: the due rows are locked with FOR UPDATE SKIP LOCKED (two
//   drainers never wait on, nor take, the same row) and given a lease (nextAttemptAt moves
//   LEASE_MS ahead, attempts + 1) before the statement commits, so no other drainer picks them
//   up while this one sends (no transaction stays open across HTTP calls);
// - results are written in two statements per batch, only where the lease is still ours
//   (same attempt number); a drainer that dies mid-send leaves rows whose lease runs out, and
//   the next tick sends them again (at-least-once: receivers dedupe on webhook-id).
import type { Db } from "@/lib/db/client";
import { privateAddressesAllowed, resolveWebhookTarget, WebhookUrlRefused, type LookupAll } from "./address-policy";
import { sendWebhook, SEND_TIMEOUT_MS, type SendResult } from "./send";
import { webhookHeaders } from "./signing";

/** Wait after failed attempt n (1-based) before attempt n + 1; after the 8th failure: failed. ≈ 27.6 h in all. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A claimed row is this drainer's for this long: far beyond a batch's sends (10 s timeout, 10 at a time). */
export const LEASE_MS = 5 * 60_000;
export const BATCH_SIZE = 50;
/** Deliveries sent per tick at most; the rest wait for the next tick. */
export const DELIVERIES_PER_TICK = 1000;
const PARALLEL_SENDS = 10;

export type DrainOptions = {
  now?: () => Date;
  batchSize?: number;
  limit?: number;
  /** Defaults to WEBHOOKS_ALLOW_PRIVATE=1 (development only). */
  allowPrivate?: boolean;
  lookup?: LookupAll;
  timeoutMs?: number;
};

export type DrainResult = { sent: number; succeeded: number; retrying: number; failed: number };

type Claimed = { id: string; attempts: number; url: string; secret: string; eventId: string; type: string; payload: unknown; createdAt: Date };

export function nextAttemptDelay(attempts: number): number | null {
  return attempts >= MAX_ATTEMPTS ? null : RETRY_DELAYS_MS[attempts - 1];
}

/** The request body: the same bytes on every retry of an event. */
export function webhookBody(event: { eventId: string; type: string; payload: unknown; createdAt: Date }): string {
  return JSON.stringify({ id: event.eventId, type: event.type, timestamp: event.createdAt.toISOString(), data: event.payload });
}

async function claimDue(db: Db, now: Date, size: number): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" e ON e.id = d."endpointId" AND e.active
      WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now}
      ORDER BY d."nextAttemptAt"
      LIMIT ${size}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d
    SET attempts = d.attempts + 1, "nextAttemptAt" = ${leaseUntil}, "updatedAt" = now()
    FROM due, "WebhookEndpoint" e, "WebhookEvent" ev
    WHERE d.id = due.id AND e.id = d."endpointId" AND ev.id = d."eventId"
    RETURNING d.id::text AS id, d.attempts, e.url, e.secret, ev.id::text AS "eventId", ev.type, ev.payload, ev."createdAt"`;
}

/** The same claim for chosen deliveries (test event, redeliver), paused endpoints included. */
async function claimByIds(db: Db, ids: string[], now: Date): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM "WebhookDelivery"
      WHERE id = ANY(${ids}::uuid[]) AND status = 'pending' AND "nextAttemptAt" <= ${now}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d
    SET attempts = d.attempts + 1, "nextAttemptAt" = ${leaseUntil}, "updatedAt" = now()
    FROM due, "WebhookEndpoint" e, "WebhookEvent" ev
    WHERE d.id = due.id AND e.id = d."endpointId" AND ev.id = d."eventId"
    RETURNING d.id::text AS id, d.attempts, e.url, e.secret, ev.id::text AS "eventId", ev.type, ev.payload, ev."createdAt"`;
}

async function attempt(delivery: Claimed, options: Required<Pick<DrainOptions, "allowPrivate" | "timeoutMs">> & { lookup?: LookupAll; now: Date }): Promise<SendResult> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(delivery.url);
    const target = await resolveWebhookTarget(url, { allowPrivate: options.allowPrivate, lookup: options.lookup });
    const body = webhookBody(delivery);
    return await sendWebhook({ url, target, body, headers: webhookHeaders(delivery.secret, delivery.eventId, body, options.now), timeoutMs: options.timeoutMs });
  } catch (error) {
    const message = error instanceof WebhookUrlRefused ? `Refused: ${error.message}` : "Could not send.";
    if (!(error instanceof WebhookUrlRefused)) console.error(`[webhooks] delivery ${delivery.id} failed before sending`, error);
    return { statusCode: null, durationMs: Math.round(performance.now() - started), excerpt: null, error: message };
  }
}

async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  }));
  return results;
}

async function record(db: Db, claimed: Claimed[], results: SendResult[], now: Date, tally: DrainResult) {
  const rows = claimed.map((delivery, i) => {
    const result = results[i];
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const delay = ok ? null : nextAttemptDelay(delivery.attempts);
    const status = ok ? "succeeded" : delay === null ? "failed" : "pending";
    tally.sent++;
    if (status === "succeeded") tally.succeeded++;
    else if (status === "failed") tally.failed++;
    else tally.retrying++;
    const error = result.error ?? (ok ? null : result.statusCode && result.statusCode >= 300 && result.statusCode < 400 ? `Answered ${result.statusCode} (redirects are not followed).` : `Answered ${result.statusCode}.`);
    return { id: delivery.id, attempt: delivery.attempts, status, next: new Date(delay === null ? now.getTime() : now.getTime() + delay).toISOString(), code: result.statusCode, ms: result.durationMs, excerpt: result.excerpt, error: error?.slice(0, 500) ?? null };
  });
  const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  await db.$transaction([
    db.$executeRaw`
      UPDATE "WebhookDelivery" d
      SET status = r.status::"WebhookDeliveryStatus", "nextAttemptAt" = r.next, "lastStatusCode" = r.code, "lastDurationMs" = r.ms,
          "lastResponseExcerpt" = r.excerpt, "lastError" = r.error, "updatedAt" = now()
      FROM unnest(${col("id")}::uuid[], ${col("attempt")}::int[], ${col("status")}::text[], ${col("next")}::timestamptz[], ${col("code")}::int[], ${col("ms")}::int[], ${col("excerpt")}::text[], ${col("error")}::text[])
        AS r(id, attempt, status, next, code, ms, excerpt, error)
      WHERE d.id = r.id AND d.attempts = r.attempt AND d.status = 'pending'`,
    db.$executeRaw`
      INSERT INTO "WebhookAttempt" (id, "deliveryId", attempt, "statusCode", "durationMs", "responseExcerpt", error, at)
      SELECT gen_random_uuid(), r.id, r.attempt, r.code, r.ms, r.excerpt, r.error, now()
      FROM unnest(${col("id")}::uuid[], ${col("attempt")}::int[], ${col("code")}::int[], ${col("ms")}::int[], ${col("excerpt")}::text[], ${col("error")}::text[])
        AS r(id, attempt, code, ms, excerpt, error)
      WHERE EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d.id = r.id)
      ON CONFLICT ("deliveryId", attempt) DO NOTHING`,
  ]);
}

async function sendClaimed(db: Db, claimed: Claimed[], options: DrainOptions, tally: DrainResult) {
  const now = options.now?.() ?? new Date();
  const settings = { allowPrivate: options.allowPrivate ?? privateAddressesAllowed(), timeoutMs: options.timeoutMs ?? SEND_TIMEOUT_MS, lookup: options.lookup, now };
  const results = await mapBounded(claimed, PARALLEL_SENDS, (delivery) => attempt(delivery, settings));
  await record(db, claimed, results, options.now?.() ?? new Date(), tally);
}

/** One drain: claim and send due deliveries, batch by batch, up to `limit`. */
export async function drainWebhooks(db: Db, options: DrainOptions = {}): Promise<DrainResult> {
  const tally: DrainResult = { sent: 0, succeeded: 0, retrying: 0, failed: 0 };
  const limit = options.limit ?? DELIVERIES_PER_TICK;
  const size = options.batchSize ?? BATCH_SIZE;
  while (tally.sent < limit) {
    const claimed = await claimDue(db, options.now?.() ?? new Date(), Math.min(size, limit - tally.sent));
    if (!claimed.length) break;
    await sendClaimed(db, claimed, options, tally);
  }
  return tally;
}

/** Sends these deliveries now if they are pending and not being sent by someone else. */
export async function deliverNow(db: Db, deliveryIds: string[], options: DrainOptions = {}): Promise<DrainResult> {
  const tally: DrainResult = { sent: 0, succeeded: 0, retrying: 0, failed: 0 };
  const claimed = await claimByIds(db, deliveryIds, options.now?.() ?? new Date());
  if (claimed.length) await sendClaimed(db, claimed, options, tally);
  return tally;
}
