"use server";
// Invite codes: shown once at creation, stored as a sha256 hash, redeemed at sign-up.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { canAssignRole } from "@/lib/auth/roles";
import { newInviteCode, sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { createInviteSchema, revokeInviteSchema } from "./account.validation";

export const createInvite = authedAction({ schema: createInviteSchema, role: "admin" }, async (input, me) => {
  if (!canAssignRole(me.role, "l1", input.role)) throw forbidden("Only an owner can invite another owner.");
  if (input.teamId && !(await db.team.findFirst({ where: { id: input.teamId, accountId: me.accountId }, select: { id: true } }))) {
    throw notFound("Team");
  }
  const code = newInviteCode();
  const invite = await db.invite.create({
    data: {
      accountId: me.accountId,
      codeHash: sha256(code),
      codeHint: code.slice(0, 4),
      role: input.role,
      teamId: input.teamId,
      maxUses: input.maxUses,
      expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60_000),
      createdById: me.id,
    },
    select: { id: true },
  });
  revalidatePath("/settings/invites");
  // The plain code exists only in this response.
  return { id: invite.id, code };
});

export const revokeInvite = authedAction({ schema: revokeInviteSchema, role: "admin" }, async ({ inviteId }, me) => {
  const { count } = await db.invite.updateMany({
    where: { id: inviteId, accountId: me.accountId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0 && !(await db.invite.findFirst({ where: { id: inviteId, accountId: me.accountId }, select: { id: true } }))) {
    throw notFound("Invite");
  }
  revalidatePath("/settings/invites");
  return { inviteId };
});
