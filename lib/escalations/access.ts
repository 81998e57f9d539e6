// Who may see and work escalations: the one place that knows their rules.
// - Everything is scoped to the viewer's account inside the query; another account's row is
//   "not found".
// - The inbox (list, claim, notes, resolve) is for engineers and above (INBOX_ROLE). An open
//   escalation is claimed by one engineer; afterwards its claimer or an admin resolves it.
// - The L1 tech who escalated sees their own escalations (and the resolution) on /l1.
// - Escalating a session takes the right to change it (lib/sessions/access.ts).
// - Recipients: the category's recipients, else the account's admins and owners; service
//   accounts and users of other accounts never receive anything.
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export const INBOX_ROLE: Role = "engineer";

/** Escalations in the viewer's inbox (engineers and above see every escalation of their account). */
export function inboxWhere(user: Viewer): Prisma.EscalationWhereInput {
  return { accountId: user.accountId };
}

/** inboxWhere as a SQL condition on the escalation row aliased `alias` (the inbox's hand-written reads). */
export function inboxSql(user: Viewer, alias: string): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  return Prisma.sql`${Prisma.raw(`"${alias}"."accountId"`)} = ${user.accountId}::uuid`;
}

/** The escalations an L1 tech raised (their /l1 page). */
export function raisedByWhere(user: Viewer): Prisma.EscalationWhereInput {
  return { accountId: user.accountId, fromId: user.id };
}

/** Whether the user may resolve (or add the resolution to) this escalation. */
export function canResolveEscalation(user: Viewer, escalation: { status: string; claimedById: string | null }) {
  if (isAdmin(user.role)) return true;
  return escalation.status === "claimed" && escalation.claimedById === user.id;
}

/** Users who may receive an account's escalations: real members, never the service account. */
export function recipientUsersWhere(accountId: string): Prisma.UserWhereInput {
  return { accountId, isServiceAccount: false };
}

/** The fallback recipients: the account's admins and owners. */
export function fallbackRecipientsWhere(accountId: string): Prisma.UserWhereInput {
  return { ...recipientUsersWhere(accountId), role: { in: ["owner", "admin"] } };
}
