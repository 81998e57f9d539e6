// Test double for lib/auth/session: which user the "request" belongs to. Everything after
// it (loading the user, roles, tenancy, the database) is the real code.
import type { SessionIdentity } from "@/lib/auth/session";

let current: SessionIdentity | null = null;

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  return current;
}

export function setSessionIdentity(identity: SessionIdentity | null) {
  current = identity;
}
