// Server-side session records behind the JWT cookie. The cookie carries the row's id; the row
// says whether the session still counts (requireUser checks it in the query that loads the user).
import { db, type Tx } from "@/lib/db/client";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export async function createUserSession(userId: string): Promise<string> {
  const session = await db.userSession.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return session.id;
}

/** Ends one session (sign-out). Unknown or already revoked ids are ignored. */
export async function revokeUserSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every open session of a user, except `keep` (the device asking) when given. */
export async function revokeUserSessions(tx: Tx, userId: string, keep?: string): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
