// What the engineer does with a walk node: answer / complete / edit / reject the open node, add
// a manual step, write a note. Each runs in one transaction with the session row locked, so
// concurrent clicks apply one after another; the node must belong to the session (else "not
// found"). A node is "open" while it waits for the engineer: pending, or edited but not yet
// answered / marked.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Tx } from "@/lib/db/client";
import { AppError, invalid, notFound } from "@/lib/errors";
import type { Command } from "@/lib/flows/structure";
import { aiSettings } from "@/lib/ai/settings";
import { getChangeableAssistantSessionOrThrow, isOpen, loadWalk, readAnswers, walkNodeSelect, type WalkNodeRow } from "./walk";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

import { STEP_RESULTS } from "./assistant.validation";
export type StepResult = (typeof STEP_RESULTS)[number];
export const OTHER_ANSWER = "other";


async function openNodeOrThrow(tx: Tx, viewer: Viewer, sessionId: string, nodeId: string) {
  await getChangeableAssistantSessionOrThrow(tx, viewer, sessionId);
  const node = await tx.walkNode.findFirst({ where: { id: nodeId, sessionId }, select: walkNodeSelect });
  if (!node) throw notFound("Step");
  if (!isOpen(node)) throw new AppError("conflict", "This step was already answered. Reload to see the latest walk.");
  return node;
}

const keptStatus = (node: WalkNodeRow) => (node.status === "edited" ? "edited" : "accepted");

/** Answers the open question with one of its answers, or "other" with a typed answer. */
export async function answerNode(viewer: Viewer, input: { sessionId: string; nodeId: string; answerId: string; otherLabel?: string }) {
  return db.$transaction(async (tx) => {
    const node = await openNodeOrThrow(tx, viewer, input.sessionId, input.nodeId);
    if (node.kind !== "question") throw invalid("This step is not a question.");
    let label: string;
    if (input.answerId === OTHER_ANSWER) {
      label = (input.otherLabel ?? "").trim();
      if (!label) throw invalid("Type the answer.", { otherLabel: ["Type the answer."] });
    } else {
      const answer = readAnswers(node.answers).find((a) => a.id === input.answerId);
      if (!answer) throw notFound("Answer");
      label = answer.label;
    }
    await tx.walkNode.update({ where: { id: node.id }, data: { status: keptStatus(node), answerId: input.answerId, answerLabel: label.slice(0, 300) } });
    return { nodeId: node.id };
  });
}

/** Marks the open step (or solution) done, failed or skipped. */
export async function completeNode(viewer: Viewer, input: { sessionId: string; nodeId: string; result: StepResult }) {
  return db.$transaction(async (tx) => {
    const node = await openNodeOrThrow(tx, viewer, input.sessionId, input.nodeId);
    if (node.kind === "question") throw invalid("Answer the question instead.");
    await tx.walkNode.update({ where: { id: node.id }, data: { status: keptStatus(node), result: input.result } });
    return { nodeId: node.id, kind: node.kind };
  });
}

/** Rewrites the open suggestion before using it; it stays open (status edited) until answered or marked. */
export async function editNode(
  viewer: Viewer,
  input: { sessionId: string; nodeId: string; title: string; body: string; commands: Command[]; answers: string[] },
) {
  return db.$transaction(async (tx) => {
    const node = await openNodeOrThrow(tx, viewer, input.sessionId, input.nodeId);
    const data: Parameters<typeof tx.walkNode.update>[0]["data"] = { status: "edited", title: input.title, body: input.body };
    if (node.kind === "question") {
      const labels = [...new Set(input.answers.map((a) => a.trim()).filter(Boolean))];
      if (labels.length < 2) throw invalid("A question needs at least 2 answers.", { answers: ["A question needs at least 2 answers."] });
      // Unchanged labels keep their id and source (so the walk can still follow a flow).
      const before = readAnswers(node.answers);
      data.answers = labels.map((label) => before.find((a) => a.label === label) ?? { id: crypto.randomUUID(), label });
    } else {
      data.commands = input.commands;
    }
    await tx.walkNode.update({ where: { id: node.id }, data });
    return { nodeId: node.id };
  });
}

/** Turns the open suggestion down; the assistant then suggests something else. */
export async function rejectNode(viewer: Viewer, input: { sessionId: string; nodeId: string }) {
  return db.$transaction(async (tx) => {
    const node = await openNodeOrThrow(tx, viewer, input.sessionId, input.nodeId);
    await tx.walkNode.update({ where: { id: node.id }, data: { status: "rejected" } });
    return { nodeId: node.id };
  });
}

/**
 * A step the engineer did by hand. It goes before the open node (which moves down one place), so
 * the walk reads in the order things happened. Counts toward the depth cap.
 */
export async function addManualStep(
  viewer: Viewer,
  input: { sessionId: string; title: string; body: string; commands: Command[]; result: StepResult },
  options: { maxDepth?: number } = {},
) {
  const maxDepth = options.maxDepth ?? aiSettings().maxDepth;
  return db.$transaction(async (tx) => {
    await getChangeableAssistantSessionOrThrow(tx, viewer, input.sessionId);
    const walk = await loadWalk(tx, input.sessionId);
    if (walk.length >= maxDepth) throw new AppError("conflict", `This walk has reached its limit of ${maxDepth} steps. Escalate or finish the session.`);
    const open = walk.find(isOpen);
    const seq = open ? open.seq : walk.length;
    if (open) await tx.walkNode.update({ where: { id: open.id }, data: { seq: walk.length } });
    const node = await tx.walkNode.create({
      data: {
        accountId: viewer.accountId, sessionId: input.sessionId, seq, kind: "step", status: "accepted",
        title: input.title, body: input.body, commands: input.commands, result: input.result,
        provider: "manual", model: "", promptHash: "",
      },
      select: { id: true },
    });
    return { nodeId: node.id };
  });
}

/** A note on one node of the walk (shown in the summary and the ticket). */
export async function setWalkNote(viewer: Viewer, input: { sessionId: string; nodeId: string; note: string }) {
  return db.$transaction(async (tx) => {
    await getChangeableAssistantSessionOrThrow(tx, viewer, input.sessionId);
    const node = await tx.walkNode.findFirst({ where: { id: input.nodeId, sessionId: input.sessionId }, select: { id: true } });
    if (!node) throw notFound("Step");
    await tx.$executeRaw`UPDATE "Session" SET "notes" = jsonb_set("notes", ARRAY[${node.id}::text], to_jsonb(${input.note}::text), true), "updatedAt" = now() WHERE id = ${input.sessionId}::uuid`;
    return { nodeId: node.id };
  });
}
