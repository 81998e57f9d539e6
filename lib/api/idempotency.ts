// Idempotency-Key on create routes. The first request with a key claims it (one INSERT … ON
// CONFLICT DO NOTHING on the unique (apiKeyId, key)), runs, and stores its status and body; a
// replay gets that stored answer and creates nothing. A duplicate that arrives while the first
// is still running waits for the stored answer. The same key with another request (method, path
// or body) is refused with 422.
import "server-only";
import { sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { CONTROL_CHARACTER } from "@/lib/validation/text";
import { apiError, apiJson } from "./errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Stored answers are kept this long; older keys are pruned and may be used again. */
export { IDEMPOTENCY_RETENTION_HOURS } from "./idempotency-policy";
import { IDEMPOTENCY_RETENTION_HOURS } from "./idempotency-policy";
/** How long a duplicate waits for the first request's answer before giving up with 409. */
const WAIT_MS = 30_000;
const POLL_MS = 25;

export type StoredResponse = { status: number; body: unknown };

export function requestFingerprint(method: string, path: string, body: string): string {
  return sha256(`${method} ${path}\n${body}`);
}

/** Checks the header; null when absent, a Response when malformed. */
export function idempotencyKeyOf(request: Request): string | null | Response {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!key.trim() || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || CONTROL_CHARACTER.test(key)) {
    const message = `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters.`;
    return apiError("invalid", message, { fields: { "Idempotency-Key": [message] } });
  }
  return key;
}

const replay = (stored: StoredResponse) => apiJson(stored.body, stored.status, { "Idempotent-Replayed": "true" });

async function claim(apiKeyId: string, key: string, fingerprint: string): Promise<string | null> {
  const [row] = await db.apiIdempotencyKey.createManyAndReturn({ data: [{ apiKeyId, key, fingerprint }], skipDuplicates: true, select: { id: true } });
  return row?.id ?? null;
}

export async function withIdempotency(
  apiKeyId: string,
  key: string,
  fingerprint: string,
  run: () => Promise<StoredResponse>,
): Promise<Response> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const claimed = await claim(apiKeyId, key, fingerprint);
    if (claimed) {
      await pruneIdempotencyKeys();
      let result: StoredResponse;
      try {
        result = await run();
      } catch (error) {
        // Nothing to replay: free the key so the client may retry.
        await db.apiIdempotencyKey.delete({ where: { id: claimed } });
        throw error;
      }
      if (result.status >= 500) await db.apiIdempotencyKey.delete({ where: { id: claimed } });
      else await db.apiIdempotencyKey.update({ where: { id: claimed }, data: { status: result.status, body: result.body as Prisma.InputJsonValue, completedAt: new Date() } });
      return apiJson(result.body, result.status);
    }
    const existing = await db.apiIdempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } }, select: { fingerprint: true, status: true, body: true } });
    // Gone between the claim and the read (the first request failed and freed it): claim again.
    if (!existing) continue;
    if (existing.fingerprint !== fingerprint) {
      return apiError("idempotency_key_reused", "This Idempotency-Key was used with a different request. Use a new key for a new request.");
    }
    if (existing.status !== null) return replay({ status: existing.status, body: existing.body });
    if (Date.now() > deadline) return apiError("conflict", "A request with this Idempotency-Key is still being processed. Retry later.");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Deletes stored answers older than the retention, a bounded batch per call. */
export async function pruneIdempotencyKeys(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000);
  return db.$executeRaw`DELETE FROM "ApiIdempotencyKey" WHERE id IN (
    SELECT id FROM "ApiIdempotencyKey" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT 500)`;
}
