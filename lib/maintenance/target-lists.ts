// Target list writes: the core shared by the target list actions and the REST API
// (/api/v1/target-lists). The targets are replaced as a whole; every write is one transaction.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Tx } from "@/lib/db/client";
import { conflict, forbidden, notFound } from "@/lib/errors";
import type { z } from "zod";
import { canEditTargetList, visibleTargetListsWhere } from "./access";
import type { createTargetListSchema } from "./maintenance.validation";
import { pauseListSchedules } from "./pause";
import type { TargetInput } from "./targets";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
export type TargetListFields = z.output<typeof createTargetListSchema>;

const NOT_YOURS = "Only the list's creator, their team and admins can change this list.";

/** A visible list that `user` may change, locked for the change; invisible → not found, visible only → forbidden. */
async function editableListOrThrow(tx: Tx, user: Viewer, listId: string) {
  const list = await tx.targetList.findFirst({ where: { AND: [{ id: listId }, visibleTargetListsWhere(user)] }, select: { id: true, name: true, accountId: true, createdById: true, teamId: true } });
  if (!list) throw notFound("Target list");
  if (!canEditTargetList(user, list)) throw forbidden(NOT_YOURS);
  await tx.$queryRaw`SELECT id FROM "TargetList" WHERE id = ${listId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
  return list;
}

const targetRows = (listId: string, targets: TargetInput[]) => targets.map((t, position) => ({ listId, position, label: t.label, notes: t.notes, values: t.values }));

async function nameTaken(tx: Tx, user: Viewer, name: string, exceptId?: string) {
  const other = await tx.targetList.findFirst({ where: { accountId: user.accountId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (other) throw conflict(`A target list named "${name}" already exists.`);
}

export async function createTargetListFor(user: Viewer, { name, description, visibility, targets }: TargetListFields): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    await nameTaken(tx, user, name);
    const created = await tx.targetList.create({ data: { accountId: user.accountId, teamId: user.teamId, createdById: user.id, name, description, visibility }, select: { id: true } });
    await tx.target.createMany({ data: targetRows(created.id, targets) });
    return created;
  });
}

export async function updateTargetListFor(user: Viewer, listId: string, { name, description, visibility, targets }: TargetListFields): Promise<{ id: string }> {
  await db.$transaction(async (tx) => {
    await editableListOrThrow(tx, user, listId);
    await nameTaken(tx, user, name, listId);
    await tx.targetList.update({ where: { id: listId }, data: { name, description, visibility } });
    await tx.target.deleteMany({ where: { listId } });
    await tx.target.createMany({ data: targetRows(listId, targets) });
  });
  return { id: listId };
}

export async function deleteTargetListFor(user: Viewer, listId: string): Promise<{ id: string }> {
  await db.$transaction(async (tx) => {
    const list = await editableListOrThrow(tx, user, listId);
    // Its schedules pause now, saying why, rather than skipping run after run.
    await pauseListSchedules(tx, listId, list.name);
    await tx.targetList.delete({ where: { id: listId } });
  });
  return { id: listId };
}
