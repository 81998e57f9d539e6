"use server";
// Teams inside an account (e.g. "Service Desk", "Projects").
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { conflict, isUniqueViolation, notFound } from "@/lib/errors";
import { createTeamSchema, renameTeamSchema } from "./account.validation";

const duplicateName = (name: string) => conflict(`A team called "${name}" already exists.`);

export const createTeam = authedAction({ schema: createTeamSchema, role: "admin" }, async ({ name }, me) => {
  try {
    const team = await db.team.create({ data: { accountId: me.accountId, name }, select: { id: true, name: true } });
    revalidatePath("/settings/teams");
    return team;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
});

export const renameTeam = authedAction({ schema: renameTeamSchema, role: "admin" }, async ({ teamId, name }, me) => {
  try {
    const { count } = await db.team.updateMany({ where: { id: teamId, accountId: me.accountId }, data: { name } });
    if (count === 0) throw notFound("Team");
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
  revalidatePath("/settings/teams");
  return { teamId, name };
});
