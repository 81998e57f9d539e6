"use server";
// Running a flow. Every write to a session is one SQL statement on its row (path appends,
// jsonb_set for one step's state, || for variables), taken with the row locked, so two tabs
// never lose each other's writes.
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { AppError, invalid, notFound } from "@/lib/errors";
import { getRunnableFlowOrThrow, getVisibleFlowOrThrow } from "@/lib/flows/access";
import { readStructure, type TypedStructure } from "@/lib/flows/structure";
import { readVariables, type VariableDefinition } from "@/lib/flows/variables";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleLibraryWhere } from "@/lib/library/access";
import { analyseAfterResponse } from "@/lib/proposals/after-completion";
import { emitSessionCompleted, SESSION_EVENT_SELECT } from "@/lib/webhooks/session-events";
import { canEditSessionNotes, canStartPreparedSession, getChangeableSessionOrThrow, lockChangeableSession, requireFlowVersion, visibleSessionsWhere } from "./access";
import { defaultsOf, newSessionRow } from "./new-session";
import { checkValues, prepareSessionFor } from "./prepare-session";
import { runtimeSteps, trail, type CustomStep, type PathEvent, type StepStates } from "./runtime";
import {
  addCustomStepSchema,
  answerSchema,
  backSchema,
  completeSessionSchema,
  feedbackSchema,
  noteSchema,
  prepareSessionSchema,
  PROCEDURE_OUTCOMES,
  selectStepSchema,
  sessionRefSchema,
  startSessionSchema,
  stepStateSchema,
  TROUBLESHOOTING_OUTCOMES,
  updateSessionNotesSchema,
  updateVariablesSchema,
} from "./session.validation";
import { checkVariableValue, type VariableValues } from "./variables";

const jsonb = (value: unknown) => JSON.stringify(value);
const MAX_SESSION_VARIABLES = 100;

/** Starts a run at once on the flow's latest published version: no form blocks it. */
export const startSession = authedAction({ schema: startSessionSchema }, async ({ flowId }, user) => {
  const { flow, version } = await getRunnableFlowOrThrow(user, flowId);
  const session = await db.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: newSessionRow({
        accountId: user.accountId, teamId: user.teamId, flow, version, status: "active", ownerId: user.id,
        variables: defaultsOf(readVariables(version.variables)),
      }),
      select: { id: true },
    });
    // Usage counts move in SQL, never read-modify-write.
    await tx.flow.update({ where: { id: flow.id }, data: { usageCount: { increment: 1 } } });
    return created;
  });
  revalidatePath("/sessions");
  return { id: session.id };
});

/** Fills variables ahead of time and optionally assigns an engineer of the same account. */
export const prepareSession = authedAction({ schema: prepareSessionSchema }, async (input, user) => {
  const session = await prepareSessionFor(user, input);
  revalidatePath("/sessions");
  revalidatePath("/dashboard");
  return { id: session.id };
});

/** Opening a prepared session starts it (once: the UPDATE is conditional on its status). */
export const startPreparedSession = authedAction({ schema: sessionRefSchema }, async ({ sessionId }, user) => {
  const session = await db.session.findFirst({ where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] }, select: { status: true, assigneeId: true, flowId: true } });
  if (!session) throw notFound("Session");
  if (session.status !== "prepared") return { id: sessionId, alreadyStarted: true };
  if (!canStartPreparedSession(user, session)) {
    throw new AppError("forbidden", "This prepared session is assigned to someone else.");
  }
  const started = await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, accountId: user.accountId, status: "prepared" },
      data: { status: "active", startedAt: new Date(), ownerId: user.id, assigneeId: session.assigneeId ?? user.id },
    });
    if (count && session.flowId) await tx.flow.update({ where: { id: session.flowId }, data: { usageCount: { increment: 1 } } });
    return count === 1;
  });
  revalidatePath("/sessions");
  return { id: sessionId, alreadyStarted: !started };
});

export const answerNode = authedAction({ schema: answerSchema }, async ({ sessionId, nodeId, answerId }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId);
    if (session.flow.type !== "troubleshooting") throw invalid("This session is not a troubleshooting flow.");
    const tree = session.flow.structure;
    const path = session.path as PathEvent[];
    const ids = trail(tree.rootId, path);
    const current = ids[ids.length - 1];
    if (nodeId !== current) throw new AppError("conflict", "This session has moved on (another tab?). Reload to continue from where it is now.");
    const node = tree.nodes[nodeId];
    if (!node) throw notFound("Step");
    let next: string | null = null;
    let label = "";
    if (node.type === "question" || (node.type === "action" && node.answers.length)) {
      const answer = node.answers.find((a) => a.id === answerId);
      if (!answer) throw invalid("That is not an answer of this step.");
      next = answer.next;
      label = answer.label;
    } else if (node.type === "action") {
      next = node.next;
      label = "Done";
    } else {
      throw invalid("This is the last step: complete the session instead.");
    }
    if (!next || !tree.nodes[next]) throw invalid("This answer does not lead anywhere in this version of the flow.");
    const event: PathEvent = { kind: "answer", nodeId, answerId, label, next, at: new Date().toISOString() };
    await tx.$executeRaw`UPDATE "Session" SET "path" = "path" || ${jsonb([event])}::jsonb, "currentNodeId" = ${next}, "updatedAt" = now() WHERE id = ${sessionId}::uuid`;
    return { currentNodeId: next };
  });
});

export const goBack = authedAction({ schema: backSchema }, async ({ sessionId, nodeId }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId);
    if (session.flow.type !== "troubleshooting") throw invalid("This session is not a troubleshooting flow.");
    const tree = session.flow.structure;
    const ids = trail(tree.rootId, session.path as PathEvent[]);
    if (ids[ids.length - 1] !== nodeId) throw new AppError("conflict", "This session has moved on (another tab?). Reload to continue from where it is now.");
    if (ids.length < 2) throw invalid("You are at the first step.");
    const to = ids[ids.length - 2];
    // Going back is recorded, never erased.
    const event: PathEvent = { kind: "back", from: nodeId, to, at: new Date().toISOString() };
    await tx.$executeRaw`UPDATE "Session" SET "path" = "path" || ${jsonb([event])}::jsonb, "currentNodeId" = ${to}, "updatedAt" = now() WHERE id = ${sessionId}::uuid`;
    return { currentNodeId: to };
  });
});

/** Ids of a procedure session's steps, its custom steps included (none for a tree). */
function procedureStepIds(session: { flow: TypedStructure; customSteps: unknown }) {
  if (session.flow.type === "troubleshooting") return new Set<string>();
  return new Set(runtimeSteps(session.flow.structure, session.customSteps as CustomStep[]).filter((s) => s.kind === "step").map((s) => s.id));
}

/** Marks one step done / skipped / failed (or clears it); the last write per step wins. */
export const setStepState = authedAction({ schema: stepStateSchema }, async ({ sessionId, stepId, status, note }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId);
    if (session.flowType === "troubleshooting") throw invalid("This session is not a procedure.");
    if (!procedureStepIds(session).has(stepId)) throw notFound("Step");
    if (status === null) {
      await tx.$executeRaw`UPDATE "Session" SET "stepStates" = "stepStates" - ${stepId}::text, "updatedAt" = now() WHERE id = ${sessionId}::uuid`;
    } else {
      const state = { status, note, at: new Date().toISOString() };
      await tx.$executeRaw`UPDATE "Session" SET "stepStates" = jsonb_set("stepStates", ARRAY[${stepId}::text], ${jsonb(state)}::jsonb, true), "updatedAt" = now() WHERE id = ${sessionId}::uuid`;
    }
    return { stepId, status };
  });
});

export const selectStep = authedAction({ schema: selectStepSchema }, async ({ sessionId, stepId }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId);
    if (session.flowType === "troubleshooting") throw invalid("This session is not a procedure.");
    if (!procedureStepIds(session).has(stepId)) throw notFound("Step");
    await tx.session.update({ where: { id: sessionId }, data: { currentNodeId: stepId } });
    return { stepId };
  });
});

export const setNodeNote = authedAction({ schema: noteSchema }, async ({ sessionId, nodeId, note }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId);
    const known = session.flow.type === "troubleshooting" ? Object.hasOwn(session.flow.structure.nodes, nodeId) : procedureStepIds(session).has(nodeId);
    if (!known) throw notFound("Step");
    await tx.$executeRaw`UPDATE "Session" SET "notes" = jsonb_set("notes", ARRAY[${nodeId}::text], to_jsonb(${note}::text), true), "updatedAt" = now() WHERE id = ${sessionId}::uuid`;
    return { nodeId };
  });
});

/** Inserts a custom step (typed in or from the step library) after any step. */
export const addCustomStep = authedAction({ schema: addCustomStepSchema }, async ({ sessionId, afterId, libraryStepId, ...step }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId);
    if (session.flow.type === "troubleshooting") throw invalid("Custom steps are for procedures.");
    const structure = session.flow.structure;
    const anchors = new Set([...procedureStepIds(session), ...structure.steps.map((s) => s.id)]);
    if (afterId !== null && !anchors.has(afterId)) throw notFound("Step");
    if ((session.customSteps as CustomStep[]).length >= 200) throw invalid("A session can hold at most 200 custom steps.");
    if (libraryStepId) {
      // Taken from the step library: counts as a use, in SQL.
      const { count } = await tx.libraryStep.updateMany({ where: { AND: [{ id: libraryStepId }, visibleLibraryWhere(user)] }, data: { usageCount: { increment: 1 } } });
      if (count === 0) throw notFound("Library step");
    }
    const custom: CustomStep = { id: randomUUID(), afterId, libraryStepId, createdAt: new Date().toISOString(), ...step };
    await tx.$executeRaw`UPDATE "Session" SET "customSteps" = "customSteps" || ${jsonb([custom])}::jsonb, "currentNodeId" = ${custom.id}, "updatedAt" = now() WHERE id = ${sessionId}::uuid`;
    return { step: custom };
  });
});

/** Saves some variables (a partial update merged into the others in SQL). */
export const updateSessionVariables = authedAction({ schema: updateVariablesSchema }, async ({ sessionId, values }, user) => {
  return db.$transaction(async (tx) => {
    const session = await getChangeableSessionOrThrow(tx, user, sessionId, { allowPrepared: true });
    checkValues(session.definitions, values);
    // 50 keys per call, but calls add up: the row is locked, so this bound holds under races.
    if (new Set([...Object.keys(session.variables as VariableValues), ...Object.keys(values)]).size > MAX_SESSION_VARIABLES) {
      throw invalid(`A session holds at most ${MAX_SESSION_VARIABLES} variables.`);
    }
    const [row] = await tx.$queryRaw<{ variables: VariableValues }[]>`UPDATE "Session" SET "variables" = "variables" || ${jsonb(values)}::jsonb, "updatedAt" = now() WHERE id = ${sessionId}::uuid RETURNING "variables"`;
    return { variables: row.variables };
  });
});

/** Completing twice is harmless: the second call reports the outcome already recorded. */
export const completeSession = authedAction({ schema: completeSessionSchema }, async ({ sessionId, outcome, notes, nextSteps }, user) => {
  const result = await db.$transaction(async (tx) => {
    const session = await lockChangeableSession(tx, user, sessionId, { allowCompleted: true, allowPrepared: true });
    if (session.status === "completed") return { outcome: session.outcome!, alreadyCompleted: true };
    if (session.status === "prepared") throw new AppError("conflict", "Start the session before completing it.");
    const allowed: readonly string[] = session.flowType === "troubleshooting" ? TROUBLESHOOTING_OUTCOMES : PROCEDURE_OUTCOMES;
    if (!allowed.includes(outcome)) throw invalid(`Choose one of: ${allowed.join(", ").replace(/_/g, " ")}.`, { outcome: ["Not an outcome of this kind of flow."] });
    const completed = await tx.session.update({
      where: { id: sessionId },
      data: { status: "completed", completedAt: new Date(), outcome, outcomeNotes: notes, nextSteps },
      select: SESSION_EVENT_SELECT,
    });
    // session.completed (and batch.completed for a batch's last session) commit with the change.
    await emitSessionCompleted(tx, completed);
    return { outcome, alreadyCompleted: false };
  });
  // Proposal analysis after the response; the cron sweep picks the session up if this is lost.
  if (!result.alreadyCompleted) analyseAfterResponse(sessionId);
  revalidatePath("/sessions");
  revalidatePath(`/sessions/${sessionId}`);
  return result;
});

/** After completion only the notes stay editable, by the owner or an admin. */
export const updateSessionNotes = authedAction({ schema: updateSessionNotesSchema }, async ({ sessionId, notes, nextSteps }, user) => {
  await db.$transaction(async (tx) => {
    const session = await lockChangeableSession(tx, user, sessionId, { allowCompleted: true });
    if (!canEditSessionNotes(user, session)) throw new AppError("forbidden", "Only the engineer who ran it or an admin can edit these notes.");
    await tx.session.update({ where: { id: sessionId }, data: { outcomeNotes: notes, nextSteps } });
  });
  revalidatePath(`/sessions/${sessionId}`);
  return { sessionId };
});

/** Helpful / not helpful on a step; one vote per person per step of a session. */
export const submitStepFeedback = authedAction({ schema: feedbackSchema }, async ({ sessionId, stepId, helpful, comment }, user) => {
  const session = await db.session.findFirst({ where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] }, select: { id: true, flowId: true, flowType: true, flowVersion: { select: { structure: true } }, customSteps: true } });
  if (!session) throw notFound("Session");
  const flow = readStructure(session.flowType, requireFlowVersion(session).structure);
  const known = flow.type === "troubleshooting"
    ? Object.hasOwn(flow.structure.nodes, stepId)
    : flow.structure.steps.some((s) => s.id === stepId);
  if (!known) throw notFound("Step");
  await db.$transaction(async (tx) => {
    // The session row lock serialises this person's votes on it, so the roll-up stays exact.
    await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId}::uuid FOR UPDATE`;
    const previous = await tx.stepFeedback.findUnique({ where: { sessionId_stepId_userId: { sessionId, stepId, userId: user.id } }, select: { helpful: true } });
    await tx.stepFeedback.upsert({
      where: { sessionId_stepId_userId: { sessionId, stepId, userId: user.id } },
      create: { accountId: user.accountId, sessionId, stepId, userId: user.id, helpful, comment },
      update: { helpful, comment },
    });
    // Roll the vote up into the library entry synced from this step, if any.
    if (session.flowId && previous?.helpful !== helpful) {
      const up = (helpful ? 1 : 0) - (previous?.helpful === true ? 1 : 0);
      const down = (helpful ? 0 : 1) - (previous?.helpful === false ? 1 : 0);
      await tx.libraryStep.updateMany({
        where: { sourceTreeId: session.flowId, sourceNodeId: stepId },
        data: { helpfulCount: { increment: up }, unhelpfulCount: { increment: down } },
      });
    }
  });
  return { stepId, helpful };
});

export type SessionRow = Prisma.SessionGetPayload<{ select: { id: true } }>;
export type { StepStates };
