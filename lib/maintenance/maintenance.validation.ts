// Inputs of the maintenance actions (target lists, batches, schedules), shared by the server
// actions and the forms.
import { z } from "zod";
import { CARD_STATES } from "./progress";
import { checkTargets, COLUMN_KEY, MAX_COLUMNS, MAX_LABEL, MAX_NOTES, MAX_TARGETS, MAX_VALUE } from "./targets";

const id = (what: string) => z.string().uuid(`Unknown ${what}.`);
export const flowIdField = id("flow");
export const targetListIdField = id("target list");
export const batchIdField = id("batch");
export const scheduleIdField = id("schedule");

export const targetSchema = z.object({
  label: z.string().trim().max(MAX_LABEL),
  notes: z.string().trim().max(MAX_NOTES).default(""),
  values: z
    .record(z.string().regex(COLUMN_KEY, "Unknown column."), z.string().max(MAX_VALUE))
    .default({})
    .refine((values) => Object.keys(values).length <= MAX_COLUMNS, `At most ${MAX_COLUMNS} columns.`),
});

/** The same checks as the preview (labels, duplicates, sizes), reported as one field error. */
export const targetsField = z
  .array(targetSchema)
  .min(1, "Add at least one target.")
  .max(MAX_TARGETS, `A list holds at most ${MAX_TARGETS} targets.`)
  .superRefine((targets, ctx) => {
    for (const problem of checkTargets(targets).slice(0, 5)) ctx.addIssue({ code: "custom", message: problem.message });
  });

const listFields = {
  name: z.string().trim().min(1, "Give the list a name.").max(120, "Use at most 120 characters."),
  description: z.string().trim().max(1000, "Use at most 1000 characters.").default(""),
  visibility: z.enum(["team", "account"], { message: "Choose who can see the list." }).default("team"),
  targets: targetsField,
};
export const createTargetListSchema = z.object(listFields);
export const updateTargetListSchema = z.object({ listId: targetListIdField, ...listFields });
export const targetListRefSchema = z.object({ listId: targetListIdField });

export const launchBatchSchema = z.object({
  flowId: flowIdField,
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("targets"), targets: targetsField }),
    z.object({ kind: z.literal("list"), listId: targetListIdField }),
    z.object({ kind: z.literal("last") }),
  ]),
  assigneeId: id("engineer").nullish().transform((v) => v ?? null),
});
export type LaunchBatchInput = z.input<typeof launchBatchSchema>;
export const batchRefSchema = z.object({ batchId: batchIdField });
/** The hub's view (query string of its polling route): a state or all, a label search, a page. */
export const hubViewSchema = z.object({
  state: z.enum(["all", ...CARD_STATES]).catch("all"),
  q: z.string().trim().max(MAX_LABEL).catch(""),
  page: z.coerce.number().int().min(1).max(1_000).catch(1),
});

const scheduleFields = {
  cron: z.string().trim().min(1, "Enter a cron expression.").max(120, "Use at most 120 characters."),
  timezone: z.string().trim().min(1, "Choose a time zone.").max(64, "Unknown time zone."),
  targetListId: targetListIdField,
  assigneeId: id("engineer").nullish().transform((v) => v ?? null),
  active: z.boolean().default(true),
};
export const createScheduleSchema = z.object({ flowId: flowIdField, ...scheduleFields });
export type ScheduleInput = z.input<typeof createScheduleSchema>;
export const updateScheduleSchema = z.object({ scheduleId: scheduleIdField, ...scheduleFields });
export const scheduleRefSchema = z.object({ scheduleId: scheduleIdField });
export const scheduleActiveSchema = z.object({ scheduleId: scheduleIdField, active: z.boolean() });
