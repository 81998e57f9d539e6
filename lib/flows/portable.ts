// Import/export of a flow as JSON. Export → import round-trips everything but ids and owners.
import { z } from "zod";
import { boundedJson } from "@/lib/validation/json";
import { text } from "@/lib/validation/text";
import { assignIds } from "./ids";
import { FLOW_TYPES, parseStructure, VISIBILITIES, type FlowStructure, type FlowType, type StructureIssue } from "./structure";
import { variablesSchema, type VariableDefinition } from "./variables";
import { tagsField } from "./flow.validation";

export const EXPORT_FORMAT = "resolutionflow.flow";
export const EXPORT_VERSION = 1;

export type PortableFlow = {
  name: string;
  description: string;
  type: FlowType;
  category: string | null;
  tags: string[];
  visibility: (typeof VISIBILITIES)[number];
  variables: VariableDefinition[];
  structure: FlowStructure;
};

export function exportFlow(flow: PortableFlow): string {
  const document = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    flow: {
      name: flow.name,
      description: flow.description,
      type: flow.type,
      category: flow.category,
      tags: flow.tags,
      visibility: flow.visibility,
      variables: flow.variables,
      structure: flow.structure,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const documentSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `Not a ResolutionFlow export ("format" must be "${EXPORT_FORMAT}").` }),
  formatVersion: z.literal(EXPORT_VERSION, { message: `Unsupported export version (expected ${EXPORT_VERSION}).` }),
  flow: z.object({
    name: text().trim().min(1, "The flow needs a name.").max(200),
    description: text().max(5000).default(""),
    type: z.enum(FLOW_TYPES, { message: `"type" must be one of: ${FLOW_TYPES.join(", ")}.` }),
    category: text().trim().max(60).nullish().transform((c) => c || null),
    tags: tagsField,
    visibility: z.enum(VISIBILITIES).default("team"),
    variables: variablesSchema.default([]),
    structure: boundedJson("The flow structure"),
  }),
});

/** Parses an export; errors carry the JSON path of the offending value. */
export function parseImport(json: string): { ok: true; flow: PortableFlow } | { ok: false; issues: StructureIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, issues: [{ path: "(file)", message: `Not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, 30).map((i) => ({ path: i.path.join(".") || "(file)", message: i.message })) };
  }
  const structure = parseStructure(parsed.data.flow.type, parsed.data.flow.structure);
  if (!structure.ok) return { ok: false, issues: structure.issues.map((i) => ({ ...i, path: `flow.${i.path}` })) };
  const { structure: _ignored, ...rest } = parsed.data.flow;
  void _ignored;
  // Fresh ids for every node, step and answer: an import never shares ids with its source.
  return { ok: true, flow: { ...rest, structure: assignIds(structure.structure, new Set()) } };
}
