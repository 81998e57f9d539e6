// Rate limits in Postgres for the signed-out forms and account security actions (sign-in has
// its own rules in login.ts). Each use is recorded *before* counting, so parallel requests count
// each other: the k-th recorded use sees at least k, so at most `max` get through. A refused use
// is deleted again, so hammering a limit does not extend it.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Rows older than this are never counted again (the longest window below is one hour). */
export const RATE_LIMIT_RETENTION_HOURS = 24;
/** Pruning deletes at most this many rows per table per call, so no request pays for a backlog. */
export const PRUNE_BATCH = 500;

export type RateLimit = { key: string; max: number };

export async function consumeRateLimit(limits: RateLimit[], windowMinutes: number, message: string): Promise<void> {
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const keys = limits.map((limit) => limit.key);
  const hits = await db.rateLimitHit.createManyAndReturn({ data: keys.map((key) => ({ key })), select: { id: true } });
  const counts = await db.rateLimitHit.groupBy({
    by: ["key"],
    where: { key: { in: keys }, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const over = limits.some((limit) => (counts.find((c) => c.key === limit.key)?._count._all ?? 0) > limit.max);
  await pruneRateLimitRecords();
  if (over) {
    await db.rateLimitHit.deleteMany({ where: { id: { in: hits.map((hit) => hit.id) } } });
    throw new AppError("rate_limited", message);
  }
}

/**
 * Deletes sign-in attempts, rate-limit hits and sessions expired or revoked longer ago than the retention, a bounded batch per
 * table in one statement. Called on every limited request, so the tables stay small without a
 * scheduled job; returns how many rows went.
 */
export async function pruneRateLimitRecords(now = new Date()): Promise<{ loginAttempts: number; rateLimitHits: number; userSessions: number }> {
  const cutoff = new Date(now.getTime() - RATE_LIMIT_RETENTION_HOURS * 3_600_000);
  const [row] = await db.$queryRaw<{ login_attempts: bigint; rate_limit_hits: bigint; user_sessions: bigint }[]>`
    WITH login AS (
      DELETE FROM "LoginAttempt" WHERE id IN (
        SELECT id FROM "LoginAttempt" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${PRUNE_BATCH})
      RETURNING 1
    ), hits AS (
      DELETE FROM "RateLimitHit" WHERE id IN (
        SELECT id FROM "RateLimitHit" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${PRUNE_BATCH})
      RETURNING 1
    ), sessions AS (
      DELETE FROM "UserSession" WHERE id IN (
        SELECT id FROM "UserSession" WHERE "expiresAt" < ${cutoff} OR "revokedAt" < ${cutoff} LIMIT ${PRUNE_BATCH})
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM login) AS login_attempts, (SELECT count(*) FROM hits) AS rate_limit_hits,
      (SELECT count(*) FROM sessions) AS user_sessions`;
  return {
    loginAttempts: Number(row?.login_attempts ?? 0),
    rateLimitHits: Number(row?.rate_limit_hits ?? 0),
    userSessions: Number(row?.user_sessions ?? 0),
  };
}
