"use server";
// Owners and admins manage the people of their account. Every query names the account in
// its `where`: another account's member is simply "not found".
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { canAssignRole } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { changeRoleSchema, removeMemberSchema, renameAccountSchema, setMemberTeamSchema } from "./account.validation";

async function lockAccount(tx: Tx, accountId: string) {
  // Serialises owner changes per account so two demotions cannot leave it without an owner.
  await tx.$executeRaw`SELECT 1 FROM "Account" WHERE id = ${accountId}::uuid FOR UPDATE`;
}

async function ensureAnotherOwner(tx: Tx, accountId: string, userId: string) {
  const others = await tx.user.count({ where: { accountId, role: "owner", id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", "An account needs at least one owner. Make someone else owner first.");
}

export const changeMemberRole = authedAction({ schema: changeRoleSchema, role: "admin" }, async ({ userId, role }, me) => {
  await db.$transaction(async (tx) => {
    await lockAccount(tx, me.accountId);
    const member = await tx.user.findFirst({ where: { id: userId, accountId: me.accountId, isServiceAccount: false }, select: { role: true } });
    if (!member) throw notFound("Member");
    if (!canAssignRole(me.role, member.role, role)) throw forbidden("Only an owner can change an owner or make someone owner.");
    if (member.role === "owner" && role !== "owner") await ensureAnotherOwner(tx, me.accountId, userId);
    await tx.user.update({ where: { id: userId, accountId: me.accountId }, data: { role } });
  });
  revalidatePath("/settings/members");
  return { userId, role };
});

export const removeMember = authedAction({ schema: removeMemberSchema, role: "admin" }, async ({ userId }, me) => {
  if (userId === me.id) throw new AppError("conflict", "You cannot remove yourself.");
  await db.$transaction(async (tx) => {
    await lockAccount(tx, me.accountId);
    const member = await tx.user.findFirst({ where: { id: userId, accountId: me.accountId, isServiceAccount: false }, select: { role: true } });
    if (!member) throw notFound("Member");
    if (member.role === "owner" && me.role !== "owner") throw forbidden("Only an owner can remove an owner.");
    if (member.role === "owner") await ensureAnotherOwner(tx, me.accountId, userId);
    await tx.user.delete({ where: { id: userId, accountId: me.accountId } });
  });
  revalidatePath("/settings/members");
  return { userId };
});

export const setMemberTeam = authedAction({ schema: setMemberTeamSchema, role: "admin" }, async ({ userId, teamId }, me) => {
  await db.$transaction(async (tx) => {
    if (teamId && !(await tx.team.findFirst({ where: { id: teamId, accountId: me.accountId }, select: { id: true } }))) {
      throw notFound("Team");
    }
    const { count } = await tx.user.updateMany({
      where: { id: userId, accountId: me.accountId, isServiceAccount: false },
      data: { teamId },
    });
    if (count === 0) throw notFound("Member");
  });
  revalidatePath("/settings/members");
  return { userId, teamId };
});

export const renameAccount = authedAction({ schema: renameAccountSchema, role: "owner" }, async ({ name }, me) => {
  await db.account.update({ where: { id: me.accountId }, data: { name } });
  revalidatePath("/", "layout");
  return { name };
});
