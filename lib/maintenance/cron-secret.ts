// The cron route's only credential: `Authorization: Bearer $CRON_SECRET`, as Vercel Cron sends it.
// Fails closed: no secret, or one too short to be a secret, means every request is refused.
import { createHash, timingSafeEqual } from "node:crypto";

export const MIN_CRON_SECRET_LENGTH = 16;

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant-time comparison of the whole header (hashing first makes the lengths equal). */
export function isCronAuthorized(header: string | null, secret: string | undefined = process.env.CRON_SECRET): boolean {
  if (!secret || secret.length < MIN_CRON_SECRET_LENGTH) return false;
  return timingSafeEqual(digest(header ?? ""), digest(`Bearer ${secret}`));
}
