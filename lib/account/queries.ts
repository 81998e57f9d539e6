// Reads for the settings pages, always scoped to the signed-in user's account.
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
