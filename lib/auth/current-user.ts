// requireUser / requireRole: the one place that turns a request into a user with account
// and role. Every server action and route starts here.
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { unreadNotificationsSql } from "@/lib/notifications/queries";
import { canReviewProposals } from "@/lib/proposals/access";
import { pendingProposalsSql } from "@/lib/proposals/queries";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { timed } from "@/lib/http/request-timing";
import { z } from "zod";
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

/**
 * A signed-in page's user, with what every page's header shows, read in the same statement (so
 * the shell sends no statements of its own): unread notifications and, for reviewers only,
 * pending proposals (null for everyone else), each counted up to its cap. Routes and actions
 * read the user without them.
 */
export type PageUser = CurrentUser & { header: { unreadNotifications: number; pendingProposals: number | null } };

type SessionUserRow = {
  id: string; email: string; name: string; role: Role; accountId: string; teamId: string | null;
  emailVerifiedAt: Date | null; accountName: string; plan: "free" | "pro"; unreadNotifications?: number; pendingProposals?: number;
};

const uuid = z.uuid();

/**
 * One statement, on every request: the session row must be open and belong to the user the
 * cookie names. Removed users, the service account and revoked or expired sessions are out.
 * For pages it also brings the header's two capped counts (two index lookups: a Prisma call of
 * their own cost more CPU in Node, 0.3-0.9 ms, than the subqueries do in PostgreSQL).
 */
async function readSignedInUser(withHeader: boolean): Promise<SessionUserRow & { sessionId: string } | null> {
  const identity = await getSessionIdentity();
  // A cookie is signed, but its ids are still checked before they reach SQL.
  if (!identity || !uuid.safeParse(identity.userId).success || !uuid.safeParse(identity.sessionId).success) return null;
  const header = withHeader
    ? Prisma.sql`, ${unreadNotificationsSql(Prisma.sql`u.id`, Prisma.sql`u."accountId"`)} AS "unreadNotifications",
           ${pendingProposalsSql(Prisma.sql`u."accountId"`)} AS "pendingProposals"`
    : Prisma.empty;
  const [user] = await timed("user", () => db.$queryRaw<SessionUserRow[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, u."accountId", u."teamId", u."emailVerifiedAt",
           a.name AS "accountName", a.plan::text AS plan ${header}
      FROM "UserSession" s
      JOIN "User" u ON u.id = s."userId"
      JOIN "Account" a ON a.id = u."accountId"
     WHERE s.id = ${identity.sessionId}::uuid AND s."userId" = ${identity.userId}::uuid
       AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND NOT u."isServiceAccount"`);
  return user ? { ...user, sessionId: identity.sessionId } : null;
}

function toCurrentUser(user: SessionUserRow & { sessionId: string }): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    accountId: user.accountId,
    teamId: user.teamId,
    emailVerified: user.emailVerifiedAt !== null,
    sessionId: user.sessionId,
    account: { id: user.accountId, name: user.accountName, plan: user.plan },
  };
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await readSignedInUser(false);
  return user && toCurrentUser(user);
});

/** getCurrentUser with the header's counts: for the pages under the app shell (requirePageUser). */
const getPageUser = cache(async (): Promise<PageUser | null> => {
  const user = await readSignedInUser(true);
  if (!user) return null;
  const current = toCurrentUser(user);
  return { ...current, header: { unreadNotifications: user.unreadNotifications ?? 0, pendingProposals: canReviewProposals(current) ? (user.pendingProposals ?? 0) : null } };
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

/** For pages: the current user (with the header's counts), or a redirect to the login page. */
export async function requirePageUser(atLeast: Role = "l1"): Promise<PageUser> {
  const user = await getPageUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, atLeast)) redirect(`/dashboard?denied=${atLeast}`);
  return user;
}
