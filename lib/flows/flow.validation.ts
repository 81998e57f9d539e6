// Inputs of the flow actions, shared by the server actions and the editor forms.
import { z } from "zod";
import { boundedJson } from "@/lib/validation/json";
import { searchText, text } from "@/lib/validation/text";
import { FLOW_TYPES, VISIBILITIES } from "./structure";
import { variablesSchema } from "./variables";

export const flowIdField = z.string().uuid("Unknown flow.");

export const tagsField = z
  .array(text().trim().toLowerCase().min(1).max(40, "Tags have at most 40 characters.").regex(/^[\p{L}\p{N} ._+#-]+$/u, "Tags use letters, digits, spaces and . _ + # -"))
  .max(12, "At most 12 tags.")
  .default([])
  .transform((tags) => [...new Set(tags)]);

export const flowMetaSchema = z.object({
  name: text().trim().min(1, "Give the flow a name.").max(200, "Use at most 200 characters."),
  description: text().trim().max(5000, "Use at most 5000 characters.").default(""),
  category: text()
    .trim()
    .max(60, "Use at most 60 characters.")
    .nullish()
    .transform((c) => c || null),
  tags: tagsField,
  visibility: z.enum(VISIBILITIES, { message: "Choose who can see the flow." }).default("team"),
});

export const createFlowSchema = flowMetaSchema.extend({
  type: z.enum(FLOW_TYPES, { message: "Choose a flow type." }),
});
export type CreateFlowInput = z.input<typeof createFlowSchema>;

/** Save draft / publish: metadata + variables + the structure (validated per type on the server). */
export const saveFlowSchema = flowMetaSchema.extend({
  flowId: flowIdField,
  variables: variablesSchema.default([]),
  structure: boundedJson("The flow structure"),
});
export type SaveFlowInput = z.input<typeof saveFlowSchema>;

export const flowRefSchema = z.object({ flowId: flowIdField });
export const setActiveSchema = z.object({ flowId: flowIdField, active: z.boolean() });
export const deleteFlowSchema = z.object({ flowId: flowIdField, confirmName: text().max(200).optional() });
export const restoreVersionSchema = z.object({ flowId: flowIdField, version: z.coerce.number().int().min(1) });

export const forkFlowSchema = z.object({
  flowId: flowIdField,
  name: text().trim().min(1, "Give the copy a name.").max(200, "Use at most 200 characters."),
  reason: text().trim().max(500, "Use at most 500 characters.").default(""),
});

/**
 * The one size limit of flow import: 2 MB of UTF-8. The form checks it before sending, the
 * action checks it again, and next.config.ts lets server-action bodies grow to twice as much
 * (JSON escaping of the text on the way) so an accepted file always arrives to be checked here.
 */
export const FLOW_IMPORT_MAX_BYTES = 2_000_000;
export const flowImportTooLarge = (bytes?: number) =>
  `The file is too large${bytes ? ` (${(bytes / 1_000_000).toFixed(1)} MB)` : ""}: import takes at most ${FLOW_IMPORT_MAX_BYTES / 1_000_000} MB.`;
export const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

export const importFlowSchema = z.object({
  json: text()
    .min(2, "Paste or choose a flow JSON file.")
    // Characters never outnumber bytes: a cheap first bound before counting bytes.
    .max(FLOW_IMPORT_MAX_BYTES, flowImportTooLarge())
    .refine((json) => utf8Bytes(json) <= FLOW_IMPORT_MAX_BYTES, flowImportTooLarge()),
});

export const SORTS = ["recent", "used", "name"] as const;
export const OWNERS = ["all", "mine", "team", "account", "public"] as const;
export const STATUSES = ["all", "draft", "published"] as const;

export const librarySearchSchema = z.object({
  q: searchText(200).default(""),
  type: z.enum(FLOW_TYPES).optional().catch(undefined),
  category: searchText(60).optional(),
  tag: searchText(40).toLowerCase().optional(),
  owner: z.enum(OWNERS).catch("all"),
  status: z.enum(STATUSES).catch("all"),
  sort: z.enum(SORTS).catch("recent"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type LibrarySearch = z.infer<typeof librarySearchSchema>;
