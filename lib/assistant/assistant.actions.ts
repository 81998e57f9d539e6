"use server";
// AI-assisted sessions (engineers). Each change to the walk runs in its own transaction; asking
// the provider for the next node happens after it, outside any transaction, and only when the
// walk has no open node (see lib/assistant/walk.ts).
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { addManualStep, answerNode, completeNode, editNode, rejectNode, setWalkNote } from "./nodes";
import {
  answerWalkNodeSchema,
  assistantSessionRefSchema,
  completeWalkNodeSchema,
  editWalkNodeSchema,
  manualStepSchema,
  rejectWalkNodeSchema,
  startAssistantSchema,
  walkNoteSchema,
} from "./assistant.validation";
import { nextSuggestion, startAssistantSession, type NextResult } from "./walk";

export type NextOutcome = { status: NextResult["kind"] | "solved"; message?: string };

const outcomeOf = (next: NextResult): NextOutcome => ("message" in next ? { status: next.kind, message: next.message } : { status: next.kind });

/** "Start with the assistant": a new assistant session for the described problem. */
export const startAssistant = authedAction({ schema: startAssistantSchema, role: "engineer" }, async ({ problem }, user) => {
  const started = await startAssistantSession(user, { problem });
  revalidatePath("/sessions");
  return started;
});

/** The next suggestion (the stored open node when there is one: no provider call). */
export const requestNextSuggestion = authedAction({ schema: assistantSessionRefSchema }, async ({ sessionId }, user) => {
  const next = await nextSuggestion(user, sessionId);
  revalidatePath(`/sessions/${sessionId}`);
  return outcomeOf(next);
});

async function thenNext(user: Parameters<typeof nextSuggestion>[0], sessionId: string): Promise<NextOutcome> {
  const next = await nextSuggestion(user, sessionId);
  revalidatePath(`/sessions/${sessionId}`);
  return outcomeOf(next);
}

export const answerWalkNode = authedAction({ schema: answerWalkNodeSchema }, async (input, user) => {
  await answerNode(user, input);
  return thenNext(user, input.sessionId);
});

export const completeWalkNode = authedAction({ schema: completeWalkNodeSchema }, async (input, user) => {
  const done = await completeNode(user, input);
  // A solution that worked ends the walk: the runner offers Finish, nothing more is asked.
  if (done.kind === "solution" && input.result === "done") {
    revalidatePath(`/sessions/${input.sessionId}`);
    return { status: "solved" } satisfies NextOutcome;
  }
  return thenNext(user, input.sessionId);
});

export const editWalkNode = authedAction({ schema: editWalkNodeSchema }, async (input, user) => {
  await editNode(user, input);
  revalidatePath(`/sessions/${input.sessionId}`);
  return { nodeId: input.nodeId };
});

export const rejectWalkNode = authedAction({ schema: rejectWalkNodeSchema }, async (input, user) => {
  await rejectNode(user, input);
  return thenNext(user, input.sessionId);
});

export const addManualWalkStep = authedAction({ schema: manualStepSchema }, async (input, user) => {
  const added = await addManualStep(user, input);
  revalidatePath(`/sessions/${input.sessionId}`);
  return added;
});

export const setWalkNodeNote = authedAction({ schema: walkNoteSchema }, async (input, user) => {
  const saved = await setWalkNote(user, input);
  revalidatePath(`/sessions/${input.sessionId}`);
  return saved;
});
