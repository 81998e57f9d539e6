// Node, step and answer ids are assigned by the server: anything the client sent that is not
// an id this flow already had (new nodes carry temporary ids) gets a fresh UUID, and every
// reference to it is rewritten.
import { randomUUID } from "node:crypto";
import type { FlowStructure, ProcedureStructure, TreeNode, TreeStructure } from "./structure";

export function collectIds(structure: FlowStructure): Set<string> {
  const ids = new Set<string>();
  if ("steps" in structure) {
    for (const step of structure.steps) ids.add(step.id);
  } else {
    for (const [id, node] of Object.entries(structure.nodes)) {
      ids.add(id);
      if (node.type === "question" || node.type === "action") for (const a of node.answers) ids.add(a.id);
    }
  }
  return ids;
}

export function assignIds<T extends FlowStructure>(structure: T, known: Set<string>, newId: () => string = randomUUID): T {
  return assignIdsWithMap(structure, known, newId).structure;
}

/**
 * assignIds, also returning which id each new one became (client id → server id), so an editor
 * can rename its ids in place without dropping edits typed while the save was in flight.
 */
export function assignIdsWithMap<T extends FlowStructure>(structure: T, known: Set<string>, newId: () => string = randomUUID): { structure: T; idMap: Record<string, string> } {
  const map = new Map<string, string>();
  const idFor = (id: string) => {
    if (known.has(id)) return id;
    let mapped = map.get(id);
    if (!mapped) map.set(id, (mapped = newId()));
    return mapped;
  };
  const idMap = () => Object.fromEntries(map);
  if ("steps" in structure) {
    const seen = new Set<string>();
    const steps = (structure as ProcedureStructure).steps.map((step) => {
      // Duplicated ids (e.g. a pasted step) get a fresh one too.
      const id = seen.has(step.id) ? newId() : idFor(step.id);
      seen.add(id);
      return { ...step, id };
    });
    return { structure: { ...structure, steps } as T, idMap: idMap() };
  }
  const tree = structure as TreeStructure;
  // References to ids that are neither known nor present stay as they are (dangling, shown in the editor).
  const present = new Set(Object.keys(tree.nodes));
  const ref = (id: string | null) => (id === null ? null : present.has(id) ? idFor(id) : id);
  const nodes: Record<string, TreeNode> = {};
  for (const [id, node] of Object.entries(tree.nodes)) {
    let copy: TreeNode = node;
    if (node.type === "question") copy = { ...node, answers: node.answers.map((a) => ({ ...a, id: idFor(a.id), next: ref(a.next) })) };
    else if (node.type === "action") copy = { ...node, answers: node.answers.map((a) => ({ ...a, id: idFor(a.id), next: ref(a.next) })), next: ref(node.next) };
    nodes[idFor(id)] = copy;
  }
  const rootId = present.has(tree.rootId) ? idFor(tree.rootId) : tree.rootId;
  return { structure: { ...tree, rootId, nodes } as T, idMap: idMap() };
}
