// Temporary ids for nodes, answers and steps the server has not seen yet. The server replaces
// them with UUIDs on save (lib/flows/ids.ts) and answers with the map it applied, which
// applyIdMap applies to the editor's current content. Runs in the browser and on the server.
import type { FlowStructure, ProcedureStructure, TreeNode, TreeStructure } from "./structure";

/** A `tmp-` prefixed v4 UUID. */
export function tempId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return `tmp-${c.randomUUID()}`;
  // randomUUID only exists in secure contexts (not on plain http to a LAN address).
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `tmp-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Renames ids (and every reference to them) by `idMap`, leaving everything else as it is. The
 * editor applies a save's map to what the user has now, which may hold edits made during the
 * save; ids not in the map (added since) stay temporary until the next save.
 */
export function applyIdMap(structure: TreeStructure, idMap: Readonly<Record<string, string>>): TreeStructure;
export function applyIdMap(structure: ProcedureStructure, idMap: Readonly<Record<string, string>>): ProcedureStructure;
export function applyIdMap(structure: FlowStructure, idMap: Readonly<Record<string, string>>): FlowStructure;
export function applyIdMap(structure: FlowStructure, idMap: Readonly<Record<string, string>>): FlowStructure {
  if (Object.keys(idMap).length === 0) return structure;
  const to = (id: string) => (Object.hasOwn(idMap, id) ? idMap[id] : id);
  const ref = (id: string | null) => (id === null ? null : to(id));
  if ("steps" in structure) {
    return { ...structure, steps: structure.steps.map((step) => (Object.hasOwn(idMap, step.id) ? { ...step, id: to(step.id) } : step)) };
  }
  const nodes: Record<string, TreeNode> = {};
  for (const [id, node] of Object.entries(structure.nodes)) {
    let copy: TreeNode = node;
    if (node.type === "question") copy = { ...node, answers: node.answers.map((a) => ({ ...a, id: to(a.id), next: ref(a.next) })) };
    else if (node.type === "action") copy = { ...node, answers: node.answers.map((a) => ({ ...a, id: to(a.id), next: ref(a.next) })), next: ref(node.next) };
    nodes[to(id)] = copy;
  }
  return { ...structure, rootId: to(structure.rootId), nodes };
}
