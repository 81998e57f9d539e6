import { z } from "zod";
import { searchText, text } from "@/lib/validation/text";
import { COMMAND_LANGUAGES } from "@/lib/flows/structure";

export const libraryCommandSchema = z.object({
  label: text().trim().max(120, "Use at most 120 characters.").default(""),
  command: text().min(1, "A command cannot be empty.").max(20_000, "Command too long."),
  commandType: z.enum(COMMAND_LANGUAGES).catch("text"),
});

export const libraryStepFields = z.object({
  title: text().trim().min(1, "Give the step a title.").max(200, "Use at most 200 characters."),
  type: z.enum(["action", "solution"]).default("action"),
  instructions: text().max(20_000, "Use at most 20000 characters.").default(""),
  helpText: text().max(5000, "Use at most 5000 characters.").default(""),
  commands: z.array(libraryCommandSchema).max(20, "At most 20 commands.").default([]),
  groupLabel: text().trim().max(200).nullish().transform((g) => g || null),
  visibility: z.enum(["private", "team", "account", "public"]).default("team"),
  tags: z.array(text().trim().toLowerCase().min(1).max(40)).max(12, "At most 12 tags.").default([]),
});
export type LibraryStepFields = z.input<typeof libraryStepFields>;

const stepId = z.string().uuid("Unknown step.");
export const createLibraryStepSchema = libraryStepFields;
export const updateLibraryStepSchema = libraryStepFields.extend({ stepId });
export const libraryStepRefSchema = z.object({ stepId });
export const saveToLibrarySchema = z.object({ stepId, visibility: z.enum(["private", "team"]).default("private") });

export const LIBRARY_SORTS = ["relevance", "used", "rated", "newest"] as const;
export const librarySearchSchema = z.object({
  q: searchText(200).default(""),
  type: z.enum(["action", "solution"]).optional().catch(undefined),
  visibility: z.enum(["private", "team", "account", "public"]).optional().catch(undefined),
  group: searchText(200).optional(),
  flowId: z.string().uuid().optional().catch(undefined),
  mine: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(LIBRARY_SORTS).catch("relevance"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type LibrarySearch = z.infer<typeof librarySearchSchema>;
