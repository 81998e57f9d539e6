// Node, step and answer ids are assigned by the server: anything the client sent that is not
// an id this flow already had (new nodes carry temporary ids) gets a fresh UUID, and every
// reference to it is rewritten.
import { randomUUID } from "node:crypto";
import type { FlowStructure, ProcedureStructure, TreeNode, TreeStructure, TypedStructure } from "./structure";

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

export function assignIds(structure: TreeStructure, known: Set<string>, newId?: () => string): TreeStructure;
export function assignIds(structure: ProcedureStructure, known: Set<string>, newId?: () => string): ProcedureStructure;
export function assignIds(structure: FlowStructure, known: Set<string>, newId?: () => string): FlowStructure;
export function assignIds(structure: FlowStructure, known: Set<string>, newId: () => string = randomUUID): FlowStructure {
  return assignIdsWithMap(structure, known, newId).structure;
}

/**
 * assignIds, also returning which id each new one became (client id → server id), so an editor
 * can rename its ids in place without dropping edits typed while the save was in flight.
 */
export function assignIdsWithMap(structure: TreeStructure, known: Set<string>, newId?: () => string): { structure: TreeStructure; idMap: Record<string, string> };
export function assignIdsWithMap(structure: ProcedureStructure, known: Set<string>, newId?: () => string): { structure: ProcedureStructure; idMap: Record<string, string> };
export function assignIdsWithMap(structure: FlowStructure, known: Set<string>, newId?: () => string): { structure: FlowStructure; idMap: Record<string, string> };
export function assignIdsWithMap(structure: FlowStructure, known: Set<string>, newId: () => string = randomUUID): { structure: FlowStructure; idMap: Record<string, string> } {
  const map = new Map<string, string>();
  const idFor = (id: string) => {
    if (known.has(id)) return id;
    let mapped = map.get(id);
    if (!mapped) map.set(id, (mapped = newId()));
    return mapped;
  };
  const assigned = "steps" in structure ? procedureWithIds(structure, idFor, newId) : treeWithIds(structure, idFor);
  return { structure: assigned, idMap: Object.fromEntries(map) };
}

function procedureWithIds(structure: ProcedureStructure, idFor: (id: string) => string, newId: () => string): ProcedureStructure {
  const seen = new Set<string>();
  const steps = structure.steps.map((step) => {
    // Duplicated ids (e.g. a pasted step) get a fresh one too.
    const id = seen.has(step.id) ? newId() : idFor(step.id);
    seen.add(id);
    return { ...step, id };
  });
  return { ...structure, steps };
}

function treeWithIds(tree: TreeStructure, idFor: (id: string) => string): TreeStructure {
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
  return { ...tree, rootId: present.has(tree.rootId) ? idFor(tree.rootId) : tree.rootId, nodes };
}

/** assignIdsWithMap for a typed structure: the flow type stays attached to its structure. */
export function assignTypedIds(typed: TypedStructure, known: Set<string>): { typed: TypedStructure; idMap: Record<string, string> } {
  if (typed.type === "troubleshooting") {
    const { structure, idMap } = assignIdsWithMap(typed.structure, known);
    return { typed: { type: typed.type, structure }, idMap };
  }
  const { structure, idMap } = assignIdsWithMap(typed.structure, known);
  return { typed: { type: typed.type, structure }, idMap };
}
