// requireUser / requireRole: the one place that turns a request into a user with account
// and role. Every server action and route starts here.
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { hasRole } from "./roles";
import { getSessionIdentity } from "./session";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountId: string;
  teamId: string | null;
  emailVerified: boolean;
  /** The server-side session (UserSession row) this request belongs to. */
  sessionId: string;
  account: { id: string; name: string; plan: "free" | "pro" };
};

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const identity = await getSessionIdentity();
  if (!identity) return null;
  // One query: the session row must be open and belong to the user the cookie names.
  // Removed users, the service account and revoked or expired sessions are out.
  const session = await db.userSession.findFirst({
    where: {
      id: identity.sessionId,
      userId: identity.userId,
      revokedAt: null,
      expiresAt: { gt: new Date() },
      user: { isServiceAccount: false },
    },
    select: {
      user: {
        select: {
          id: true, email: true, name: true, role: true, accountId: true, teamId: true, emailVerifiedAt: true,
          account: { select: { id: true, name: true, plan: true } },
        },
      },
    },
  });
  if (!session) return null;
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    accountId: user.accountId,
    teamId: user.teamId,
    emailVerified: user.emailVerifiedAt !== null,
    sessionId: identity.sessionId,
    account: user.account,
  };
});

/** For server actions and routes: the current user, or an "unauthenticated" error. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated");
  return user;
}

export async function requireRole(atLeast: Role): Promise<CurrentUser> {
  const user = await requireUser();
  if (!hasRole(user.role, atLeast)) throw new AppError("forbidden");
  return user;
}

/** For pages: the current user, or a redirect to the login page. */
export async function requirePageUser(atLeast: Role = "l1"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, atLeast)) redirect("/dashboard?denied=1");
  return user;
}
