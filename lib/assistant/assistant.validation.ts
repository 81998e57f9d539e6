// Inputs of the assistant actions.
import { z } from "zod";
import { commandSchema } from "@/lib/flows/structure";
import { text } from "@/lib/validation/text";
import { PROBLEM_MAX } from "./limits";

const id = (what: string) => z.string().uuid(`Unknown ${what}.`);
const sessionId = id("session");
const nodeId = id("step");
export const STEP_RESULTS = ["done", "failed", "skipped"] as const;

export const startAssistantSchema = z.object({
  problem: text().trim().min(3, "Describe the problem in a few words.").max(PROBLEM_MAX, `Use at most ${PROBLEM_MAX} characters.`),
});
export const assistantSessionRefSchema = z.object({ sessionId });
export const answerWalkNodeSchema = z.object({
  sessionId, nodeId,
  answerId: text().min(1, "Pick an answer.").max(64, "Unknown answer."),
  otherLabel: text().trim().max(300, "Use at most 300 characters.").optional(),
});
export const completeWalkNodeSchema = z.object({ sessionId, nodeId, result: z.enum(STEP_RESULTS, { message: "Choose done, failed or skipped." }) });
export const editWalkNodeSchema = z.object({
  sessionId, nodeId,
  title: text().trim().min(1, "Give it a title.").max(300, "Use at most 300 characters."),
  body: text().max(20_000, "Use at most 20000 characters.").default(""),
  commands: z.array(commandSchema).max(20, "At most 20 commands.").default([]),
  answers: z.array(text().trim().max(300, "Use at most 300 characters.")).max(20, "At most 20 answers.").default([]),
});
export const rejectWalkNodeSchema = z.object({ sessionId, nodeId });
export const manualStepSchema = z.object({
  sessionId,
  title: text().trim().min(1, "Give the step a title.").max(300, "Use at most 300 characters."),
  body: text().max(20_000, "Use at most 20000 characters.").default(""),
  commands: z.array(commandSchema).max(20, "At most 20 commands.").default([]),
  result: z.enum(STEP_RESULTS, { message: "Choose done, failed or skipped." }).default("done"),
});
export const walkNoteSchema = z.object({ sessionId, nodeId, note: text().max(5000, "Notes have at most 5000 characters.") });
