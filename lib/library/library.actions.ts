"use server";
// The step library: manual entries (create, edit, delete your own), "save to my library"
// copies of any visible entry, and usage counting. Synced entries are refused here whatever
// the client sends: only the publish transaction writes them.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canChangeLibraryStep, visibleLibraryWhere, SYNCED_READ_ONLY } from "./access";
import { searchTextOf, type LibraryContent } from "./extract";
import { createLibraryStepSchema, libraryStepRefSchema, saveToLibrarySchema, updateLibraryStepSchema, type LibraryStepFields } from "./library.validation";

function contentOf(input: Required<Pick<LibraryStepFields, "instructions" | "helpText">> & { commands: LibraryContent["commands"]; groupLabel: string | null }): LibraryContent {
  return { instructions: input.instructions, helpText: input.helpText, commands: input.commands, groupLabel: input.groupLabel };
}

export const createLibraryStep = authedAction({ schema: createLibraryStepSchema, role: "engineer" }, async (input, user) => {
  const content = contentOf(input);
  const step = await db.libraryStep.create({
    data: {
      accountId: user.accountId, teamId: user.teamId, authorId: user.id, title: input.title, type: input.type,
      content: content as Prisma.InputJsonValue, searchText: searchTextOf(input.title, content), groupLabel: input.groupLabel,
      visibility: input.visibility, tags: input.tags,
    },
    select: { id: true },
  });
  revalidatePath("/library");
  return { id: step.id };
});

async function ownManualStepOrThrow(user: Parameters<typeof visibleLibraryWhere>[0], stepId: string) {
  const step = await db.libraryStep.findFirst({ where: { AND: [{ id: stepId }, visibleLibraryWhere(user)] }, select: { id: true, accountId: true, authorId: true, sourceTreeId: true, sourceNodeId: true } });
  if (!step) throw notFound("Step");
  if (step.sourceNodeId !== null) throw new AppError("forbidden", SYNCED_READ_ONLY);
  if (!canChangeLibraryStep(user, step)) throw forbidden("Only its author can change this step. Save it to your library to make your own copy.");
  return step;
}

export const updateLibraryStep = authedAction({ schema: updateLibraryStepSchema, role: "engineer" }, async ({ stepId, ...input }, user) => {
  await ownManualStepOrThrow(user, stepId);
  const content = contentOf(input);
  // The WHERE repeats the checks, so a step synced in between is never overwritten.
  const { count } = await db.libraryStep.updateMany({
    where: { id: stepId, accountId: user.accountId, sourceNodeId: null },
    data: {
      title: input.title, type: input.type, content: content as Prisma.InputJsonValue, searchText: searchTextOf(input.title, content),
      groupLabel: input.groupLabel, visibility: input.visibility, tags: input.tags,
    },
  });
  if (count === 0) throw notFound("Step");
  revalidatePath("/library");
  return { id: stepId };
});

export const deleteLibraryStep = authedAction({ schema: libraryStepRefSchema, role: "engineer" }, async ({ stepId }, user) => {
  await ownManualStepOrThrow(user, stepId);
  await db.libraryStep.deleteMany({ where: { id: stepId, accountId: user.accountId, sourceNodeId: null } });
  revalidatePath("/library");
  return { id: stepId };
});

/** "Save to my library": an editable copy (not synced, author = me) of any visible entry. */
export const saveToMyLibrary = authedAction({ schema: saveToLibrarySchema, role: "engineer" }, async ({ stepId, visibility }, user) => {
  const source = await db.libraryStep.findFirst({
    where: { AND: [{ id: stepId }, visibleLibraryWhere(user)] },
    select: { id: true, title: true, type: true, content: true, searchText: true, groupLabel: true, tags: true },
  });
  if (!source) throw notFound("Step");
  const copy = await db.libraryStep.create({
    data: {
      accountId: user.accountId, teamId: user.teamId, authorId: user.id, title: source.title, type: source.type,
      content: source.content as Prisma.InputJsonValue, searchText: source.searchText, groupLabel: source.groupLabel,
      tags: source.tags, visibility, forkedFromId: source.id,
    },
    select: { id: true },
  });
  revalidatePath("/library");
  return { id: copy.id };
});

/** Inserting a library step into a flow being edited counts as a use (in SQL). */
export const recordLibraryStepUse = authedAction({ schema: libraryStepRefSchema, role: "engineer" }, async ({ stepId }, user) => {
  const { count } = await db.libraryStep.updateMany({ where: { AND: [{ id: stepId }, visibleLibraryWhere(user)] }, data: { usageCount: { increment: 1 } } });
  if (count === 0) throw notFound("Step");
  return { id: stepId };
});
