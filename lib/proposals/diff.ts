// The structured diff a proposal carries and the review page draws: which nodes (or procedure
// steps) the proposed structure adds, removes or changes, against the target's published
// version. Pure; compares by node id, which the proposal builders keep for existing nodes.
import { z } from "zod";
import type { FlowStructure, ProcedureItem, TreeNode } from "@/lib/flows/structure";

const diffNodeSchema = z.object({ id: z.string(), type: z.string(), title: z.string() });
const diffChangeSchema = diffNodeSchema.extend({ fields: z.array(z.string()), beforeTitle: z.string() });
/** The stored diff (FlowProposal.diff), parsed where it is read; a damaged one reads as empty. */
export const proposalDiffSchema = z
  .object({ added: z.array(diffNodeSchema), removed: z.array(diffNodeSchema), changed: z.array(diffChangeSchema) })
  .catch({ added: [], removed: [], changed: [] });

export type DiffNode = z.infer<typeof diffNodeSchema>;
export type DiffChange = z.infer<typeof diffChangeSchema>;
export type ProposalDiff = z.infer<typeof proposalDiffSchema>;

type Item = { id: string; type: string; title: string; body: Record<string, unknown> };

function itemsOf(structure: FlowStructure | null): Map<string, Item> {
  const items = new Map<string, Item>();
  if (!structure) return items;
  if ("steps" in structure) {
    structure.steps.forEach((step: ProcedureItem, index) => {
      items.set(step.id, { id: step.id, type: step.type, title: step.title, body: { ...step, position: index } });
    });
  } else {
    for (const [id, node] of Object.entries(structure.nodes) as [string, TreeNode][]) {
      items.set(id, { id, type: node.type, title: node.title, body: { ...node, start: id === structure.rootId } });
    }
  }
  return items;
}

/** Fields whose value differs (JSON comparison), in a stable order. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}

export function diffStructures(before: FlowStructure | null, after: FlowStructure): ProposalDiff {
  const old = itemsOf(before);
  const now = itemsOf(after);
  const diff: ProposalDiff = { added: [], removed: [], changed: [] };
  for (const [id, item] of now) {
    const was = old.get(id);
    if (!was) diff.added.push({ id, type: item.type, title: item.title });
    else {
      const fields = changedFields(was.body, item.body);
      if (fields.length) diff.changed.push({ id, type: item.type, title: item.title, fields, beforeTitle: was.title });
    }
  }
  for (const [id, item] of old) if (!now.has(id)) diff.removed.push({ id, type: item.type, title: item.title });
  return diff;
}

/** "2 added · 1 changed" for lists and descriptions. */
export function diffSummary(diff: ProposalDiff): string {
  const parts = [
    diff.added.length ? `${diff.added.length} added` : "",
    diff.changed.length ? `${diff.changed.length} changed` : "",
    diff.removed.length ? `${diff.removed.length} removed` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "no node changes";
}
