// Intake variables (SPEC §5): definitions, and the `[VAR:key]` references found in a flow.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import type { FlowStructure } from "./structure";

export const FIELD_TYPES = ["text", "textarea", "number", "select", "hostname", "ip", "email", "url"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const VARIABLE_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
export const MAX_VARIABLES = 50;

export const variableDefinitionSchema = z.object({
  key: text().trim().regex(VARIABLE_KEY, "Keys start with a letter and use letters, digits and _ (max 40)."),
  label: text().trim().min(1, "Give the variable a label.").max(120, "Use at most 120 characters."),
  fieldType: z.enum(FIELD_TYPES, { message: `Field type must be one of: ${FIELD_TYPES.join(", ")}.` }).default("text"),
  helpText: text().max(500, "Use at most 500 characters.").default(""),
  options: z.array(text().trim().min(1).max(120)).max(50, "At most 50 options.").default([]),
  required: z.boolean().default(false),
  default: text().max(2000, "Use at most 2000 characters.").default(""),
});
export type VariableDefinition = z.infer<typeof variableDefinitionSchema>;

export const variablesSchema = z
  .array(variableDefinitionSchema)
  .max(MAX_VARIABLES, `At most ${MAX_VARIABLES} variables.`)
  .superRefine((variables, ctx) => {
    const seen = new Map<string, number>();
    variables.forEach((variable, index) => {
      const key = variable.key.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: `Duplicate variable key "${variable.key}".` });
      else seen.set(key, index);
      if (variable.fieldType === "select" && variable.options.length === 0) {
        ctx.addIssue({ code: "custom", path: [index, "options"], message: `"${variable.label}" is a select: add at least one option.` });
      }
    });
  });

const REFERENCE = /\[VAR:([a-zA-Z][a-zA-Z0-9_]{0,39})\]/g;

/** Every `[VAR:key]` in a text. */
export function referencesIn(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]);
}

/** Every string inside a structure (titles, descriptions, commands, answers…). */
function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === "object") for (const item of Object.values(value)) yield* strings(item);
}

/** Keys referenced anywhere in the flow, in first-seen order. */
export function scanReferences(structure: FlowStructure, extraTexts: string[] = []): string[] {
  const found = new Set<string>();
  for (const text of [...extraTexts, ...strings(structure)]) for (const key of referencesIn(text)) found.add(key);
  return [...found];
}

/** Referenced but undefined keys, and defined but never referenced ones. */
export function variableWarnings(structure: FlowStructure, variables: Pick<VariableDefinition, "key">[], extraTexts: string[] = []) {
  const used = scanReferences(structure, extraTexts);
  const defined = new Set(variables.map((v) => v.key));
  return {
    used,
    unknown: used.filter((key) => !defined.has(key)),
    unused: variables.map((v) => v.key).filter((key) => !used.includes(key)),
  };
}

/**
 * Reads variable definitions stored as JSON (a flow, a version) into their typed shape; they
 * were checked when written, so a row that no longer parses is damaged.
 */
export function readVariables(json: unknown): VariableDefinition[] {
  const parsed = variablesSchema.safeParse(json ?? []);
  if (!parsed.success) throw new Error(`Stored variable definitions do not parse: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
