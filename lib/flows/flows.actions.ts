"use server";
// Flow authoring: create, save draft, publish (versioned snapshot), unpublish, (de)activate,
// delete, restore a version, fork and import. Every write checks edit rights inside its
// transaction with the flow row locked, so concurrent saves/publishes of one flow serialise.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, invalid } from "@/lib/errors";
import { getEditableFlowOrThrow, getVisibleFlowOrThrow } from "./access";
import {
  createFlowSchema,
  deleteFlowSchema,
  flowRefSchema,
  forkFlowSchema,
  importFlowSchema,
  restoreVersionSchema,
  saveFlowSchema,
  setActiveSchema,
} from "./flow.validation";
import { insertFlow, publishCurrent, setFlowTags } from "./flow-writes";
import { assignIds, assignTypedIds, collectIds } from "./ids";
import { parseImport } from "./portable";
import { emptyStructure, parseStructure, readStructure, validateStructure, type FlowStructure, type FlowType, type StructureIssue } from "./structure";
import { readVariables } from "./variables";
import { onFlowPublished, onFlowWithdrawn } from "./lifecycle";

const json = (value: unknown) => value as Prisma.InputJsonValue;

function structureError(issues: StructureIssue[], summary: string): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.nodeId ? `node:${issue.nodeId}` : issue.path] ??= []).push(issue.message);
  const first = issues[0];
  return invalid(`${summary} ${first ? first.message : ""}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`.trim(), fieldErrors);
}

function revalidateFlow(flowId?: string) {
  revalidatePath("/flows");
  if (flowId) revalidatePath(`/flows/${flowId}`);
}

export const createFlow = authedAction({ schema: createFlowSchema, role: "engineer" }, async (input, user) => {
  const flow = await db.$transaction((tx) =>
    insertFlow(tx, user, { ...input, variables: [], structure: emptyStructure(input.type) }),
  );
  revalidateFlow();
  return { id: flow.id };
});

/**
 * Parses the editor's structure and gives new nodes server-assigned UUIDs; ids the stored draft
 * already had stay. idMap: which client id became which.
 */
function prepareStructure(type: FlowType, input: unknown, stored: unknown) {
  const parsed = parseStructure(type, input);
  if (!parsed.ok) throw structureError(parsed.issues, "The flow could not be saved.");
  return assignTypedIds(parsed.typed, collectIds(readStructure(type, stored).structure));
}

/** The editor's content as the columns of the flow's working draft. */
function draftData(input: z.output<typeof saveFlowSchema>, structure: FlowStructure) {
  return {
    name: input.name,
    description: input.description,
    category: input.category,
    visibility: input.visibility,
    variables: json(input.variables),
    structure: json(structure),
  };
}

const saveSelect = { id: true, type: true, structure: true, status: true, version: true, name: true } as const;

export const saveFlow = authedAction({ schema: saveFlowSchema, role: "engineer" }, async (input, user) => {
  const result = await db.$transaction(async (tx) => {
    const flow = await getEditableFlowOrThrow(tx, user, input.flowId, saveSelect);
    const { typed, idMap } = prepareStructure(flow.type, input.structure, flow.structure);
    const updated = await tx.flow.update({
      where: { id: flow.id, accountId: user.accountId },
      data: draftData(input, typed.structure),
      select: { updatedAt: true },
    });
    await setFlowTags(tx, user.accountId, flow.id, input.tags);
    return { structure: typed.structure, idMap, updatedAt: updated.updatedAt.toISOString(), issues: validateStructure(typed) };
  });
  revalidateFlow(input.flowId);
  return result;
});

/** Saves the editor's content and publishes it as version N+1, all in one transaction. */
export const publishFlow = authedAction({ schema: saveFlowSchema, role: "engineer" }, async (input, user) => {
  const result = await db.$transaction(async (tx) => {
    const flow = await getEditableFlowOrThrow(tx, user, input.flowId, saveSelect);
    const { typed, idMap } = prepareStructure(flow.type, input.structure, flow.structure);
    const issues = validateStructure(typed);
    if (issues.length) throw structureError(issues, "Fix these problems before publishing:");
    const structure = typed.structure;
    await tx.flow.update({
      where: { id: flow.id, accountId: user.accountId },
      data: draftData(input, structure),
    });
    await setFlowTags(tx, user.accountId, flow.id, input.tags);
    const updated = await publishCurrent(tx, flow.id, user.id);
    return { structure, idMap, version: updated.version, updatedAt: updated.updatedAt.toISOString(), issues: [] as StructureIssue[] };
  });
  revalidateFlow(input.flowId);
  return result;
});

export const unpublishFlow = authedAction({ schema: flowRefSchema, role: "engineer" }, async ({ flowId }, user) => {
  await db.$transaction(async (tx) => {
    await getEditableFlowOrThrow(tx, user, flowId, { id: true });
    await onFlowWithdrawn(tx, flowId);
    await tx.flow.update({ where: { id: flowId, accountId: user.accountId }, data: { status: "draft" } });
  });
  revalidateFlow(flowId);
  return { flowId };
});

export const setFlowActive = authedAction({ schema: setActiveSchema, role: "engineer" }, async ({ flowId, active }, user) => {
  await db.$transaction(async (tx) => {
    const flow = await getEditableFlowOrThrow(tx, user, flowId, { id: true, status: true });
    if (!active) await onFlowWithdrawn(tx, flowId);
    await tx.flow.update({ where: { id: flowId, accountId: user.accountId }, data: { isActive: active } });
    if (active && flow.status === "published") await onFlowPublished(tx, flowId);
  });
  revalidateFlow(flowId);
  return { flowId, active };
});

/** Drafts that were never published go at once; anything published needs its name typed to confirm. */
export const deleteFlow = authedAction({ schema: deleteFlowSchema, role: "engineer" }, async ({ flowId, confirmName }, user) => {
  await db.$transaction(async (tx) => {
    const flow = await getEditableFlowOrThrow(tx, user, flowId, { id: true, name: true, version: true });
    if (flow.version > 0 && confirmName?.trim() !== flow.name) {
      throw invalid(`This flow has been published. Type its name, "${flow.name}", to delete it.`, { confirmName: ["Type the flow's name to confirm."] });
    }
    // Synced library entries are deactivated before the row (and its FK links) go away.
    await onFlowWithdrawn(tx, flowId);
    const tags = await tx.flowTag.findMany({ where: { flowId }, select: { tagId: true } });
    if (tags.length) await tx.tag.updateMany({ where: { id: { in: tags.map((t) => t.tagId) } }, data: { usageCount: { decrement: 1 } } });
    // Versions that sessions ran on stay (their flowId becomes null); the rest go with the flow.
    await tx.flowVersion.deleteMany({ where: { flowId, sessions: { none: {} } } });
    await tx.flow.delete({ where: { id: flowId, accountId: user.accountId } });
  });
  revalidateFlow();
  return { flowId };
});

/** Puts a published version's content back into the draft (publishing it is a separate step). */
export const restoreFlowVersion = authedAction({ schema: restoreVersionSchema, role: "engineer" }, async ({ flowId, version }, user) => {
  await db.$transaction(async (tx) => {
    await getEditableFlowOrThrow(tx, user, flowId, { id: true });
    const snapshot = await tx.flowVersion.findUnique({ where: { flowId_version: { flowId, version } }, select: { structure: true, variables: true, name: true, description: true } });
    if (!snapshot) throw new AppError("not_found", `Version ${version} was not found.`);
    await tx.flow.update({
      where: { id: flowId, accountId: user.accountId },
      data: { structure: json(snapshot.structure), variables: json(snapshot.variables), name: snapshot.name, description: snapshot.description },
    });
  });
  revalidateFlow(flowId);
  return { flowId, version };
});

/** Copies any flow the user can see into their account as a draft ("Fork of …"). */
export const forkFlow = authedAction({ schema: forkFlowSchema, role: "engineer" }, async ({ flowId, name, reason }, user) => {
  const source = await getVisibleFlowOrThrow(user, flowId, {
    id: true, type: true, description: true, category: true, structure: true, variables: true, visibility: true,
    tags: { select: { tag: { select: { name: true } } } },
  });
  const structure = parseStructure(source.type, source.structure);
  if (!structure.ok) throw invalid("This flow cannot be forked because its content is damaged.");
  const flow = await db.$transaction((tx) =>
    insertFlow(tx, user, {
      name,
      description: source.description,
      type: source.type,
      category: source.category,
      tags: source.tags.map((t) => t.tag.name),
      visibility: source.visibility === "private" ? "private" : "team",
      variables: readVariables(source.variables),
      structure: assignIds(structure.structure, new Set()),
      forkedFromId: source.id,
      forkReason: reason || null,
    }),
  );
  revalidateFlow();
  return { id: flow.id };
});

export const importFlow = authedAction({ schema: importFlowSchema, role: "engineer" }, async ({ json: text }, user) => {
  const parsed = parseImport(text);
  if (!parsed.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.issues) (fieldErrors[issue.path] ??= []).push(issue.message);
    const first = parsed.issues[0];
    throw invalid(`The file could not be imported: ${first.path}: ${first.message}`, fieldErrors);
  }
  const flow = await db.$transaction((tx) => insertFlow(tx, user, parsed.flow));
  revalidateFlow();
  return { id: flow.id };
});
