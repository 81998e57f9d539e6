// Inputs of the session actions.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { STEP_STATUSES, customStepSchema } from "./runtime";

const id = (what: string) => z.string().uuid(`Unknown ${what}.`);
const nodeId = text().min(1, "Unknown step.").max(64, "Unknown step.");
export const sessionIdField = id("session");

export const OUTCOMES = ["resolved", "partially_resolved", "escalated", "unresolved", "completed", "completed_with_issues", "aborted"] as const;
export const TROUBLESHOOTING_OUTCOMES = ["resolved", "partially_resolved", "escalated", "unresolved"] as const;
export const PROCEDURE_OUTCOMES = ["completed", "completed_with_issues", "aborted"] as const;

const variableValues = z
  .record(text().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/), text().max(5000, "Use at most 5000 characters."), {
    // Zod reports a bad record key as "Invalid key in record" unless told otherwise.
    error: (issue) => (issue.code === "invalid_key" ? "Unknown variable." : undefined),
  })
  .refine((values) => Object.keys(values).length <= 50, "At most 50 variables at once.");

export const startSessionSchema = z.object({ flowId: id("flow") });
export const prepareSessionSchema = z.object({
  flowId: id("flow"),
  variables: variableValues.default({}),
  assigneeId: id("engineer").nullable().default(null),
});
export const sessionRefSchema = z.object({ sessionId: sessionIdField });
export const answerSchema = z.object({ sessionId: sessionIdField, nodeId, answerId: text().max(64).nullable() });
export const backSchema = z.object({ sessionId: sessionIdField, nodeId });
export const stepStateSchema = z.object({
  sessionId: sessionIdField,
  stepId: nodeId,
  status: z.enum(STEP_STATUSES).nullable(),
  note: text().max(5000, "Notes have at most 5000 characters.").default(""),
});
export const selectStepSchema = z.object({ sessionId: sessionIdField, stepId: nodeId });
export const noteSchema = z.object({ sessionId: sessionIdField, nodeId, note: text().max(5000, "Notes have at most 5000 characters.") });
export const addCustomStepSchema = customStepSchema.extend({
  sessionId: sessionIdField,
  afterId: nodeId.nullable(),
  libraryStepId: id("library step").nullable().default(null),
});
export const updateVariablesSchema = z.object({ sessionId: sessionIdField, values: variableValues });
export const completeSessionSchema = z.object({
  sessionId: sessionIdField,
  outcome: z.enum(OUTCOMES, { message: "Choose an outcome." }),
  notes: text().trim().max(10_000, "Notes have at most 10000 characters.").default(""),
  nextSteps: text().trim().max(5000, "Next steps have at most 5000 characters.").default(""),
});
export const updateSessionNotesSchema = z.object({
  sessionId: sessionIdField,
  notes: text().trim().max(10_000, "Notes have at most 10000 characters."),
  nextSteps: text().trim().max(5000, "Next steps have at most 5000 characters."),
});
export const feedbackSchema = z.object({
  sessionId: sessionIdField,
  stepId: nodeId,
  helpful: z.boolean(),
  comment: text().trim().max(1000, "Comments have at most 1000 characters.").default(""),
});
