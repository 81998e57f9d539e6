// Test double for lib/auth/session: which user and server-side session the "request" belongs
// to. Everything after it (the UserSession row check, loading the user, roles, tenancy, the
// database) is the real code.
import { randomUUID } from "node:crypto";
import type { SessionIdentity } from "@/lib/auth/session";

type Current = { userId: string; sessionId?: string; opened?: Promise<SessionIdentity> };
let current: Current | null = null;

/**
 * Like a browser that signed in: the first request after actAs(user) opens a real UserSession
 * row (as sign-in does) and later requests reuse it until the next actAs. A user that does not
 * exist gets an id with no row behind it, as a forged cookie would.
 */
export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const acting = current;
  if (!acting) return null;
  if (acting.sessionId) return { userId: acting.userId, sessionId: acting.sessionId };
  acting.opened ??= (async () => {
    const { createUserSession } = await import("@/lib/auth/user-sessions");
    const sessionId = await createUserSession(acting.userId).catch(() => randomUUID());
    return { userId: acting.userId, sessionId };
  })();
  return acting.opened;
}

/** Acts as `userId`; with a sessionId, as the browser holding that session's cookie. */
export function setSessionIdentity(identity: { userId: string; sessionId?: string } | null) {
  current = identity ? { ...identity } : null;
}
