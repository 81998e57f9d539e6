// Reads for the settings pages and the dashboard, always scoped to the signed-in user's account.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export function listMembers(accountId: string) {
  return db.user.findMany({
    where: { accountId, isServiceAccount: false },
    select: { id: true, name: true, email: true, role: true, teamId: true, emailVerifiedAt: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }],
  });
}

export function listTeams(accountId: string) {
  return db.team.findMany({
    where: { accountId },
    select: { id: true, name: true, _count: { select: { members: true } } },
    orderBy: { name: "asc" },
  });
}

export type InviteStatus = "active" | "expired" | "used up" | "revoked";

export function inviteStatus(
  invite: { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number },
  now = new Date(),
): InviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt <= now) return "expired";
  return invite.uses >= invite.maxUses ? "used up" : "active";
}

export async function listInvites(accountId: string) {
  const invites = await db.invite.findMany({
    where: { accountId },
    select: {
      id: true, codeHint: true, role: true, teamId: true, maxUses: true, uses: true,
      expiresAt: true, revokedAt: true, createdAt: true, createdBy: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const now = new Date();
  return invites.map((invite) => ({ ...invite, status: inviteStatus(invite, now) }));
}

/** The name of the user's own team, if they have one. */
export async function ownTeamName(user: Pick<CurrentUser, "accountId" | "teamId">): Promise<string | null> {
  if (!user.teamId) return null;
  const team = await db.team.findFirst({ where: { id: user.teamId, accountId: user.accountId }, select: { name: true } });
  return team?.name ?? null;
}

/** The dashboard's "Get started" counts for the user's account. */
export async function accountSetupCounts(user: Pick<CurrentUser, "id" | "accountId">) {
  // One statement: the member count the dashboard prints, and whether the account has any team,
  // open invite or flow yet (existence checks, not counts of every row).
  const [row] = await db.$queryRaw<{ members: number; teams: number; activeInvites: number; flows: number }[]>`
    SELECT (SELECT count(*) FROM "User" WHERE "accountId" = ${user.accountId}::uuid AND NOT "isServiceAccount")::int AS members,
           (EXISTS (SELECT 1 FROM "Team" WHERE "accountId" = ${user.accountId}::uuid))::int AS teams,
           (EXISTS (SELECT 1 FROM "Invite" WHERE "accountId" = ${user.accountId}::uuid AND "revokedAt" IS NULL AND "expiresAt" > now()))::int AS "activeInvites",
           (EXISTS (SELECT 1 FROM "Flow" WHERE "accountId" = ${user.accountId}::uuid))::int AS flows`;
  return row;
}
