// Pure operations behind the decision-tree editor: the outline the user sees, and every edit
// (add, delete, relink, retype). Each function takes a structure and returns a new one; none
// mutates its input. Ids of anything new come from `makeId` (temporary `tmp-…` ids in the
// browser; the server swaps them for UUIDs on save).
import type { Answer, Command, StructureIssue, TreeNode, TreeNodeType, TreeStructure } from "@/lib/flows/structure";

export type MakeId = () => string;

export const MAX_ANSWERS = 20;

// ---------- edges ----------

/** One way out of a node: an answer (by position) or an action's single `next` (answerIndex null). */
export type Edge = { answerIndex: number | null; answerId: string | null; label: string | null; target: string | null };

export function edgesOf(node: TreeNode): Edge[] {
  if (node.type === "question" || (node.type === "action" && node.answers.length > 0)) {
    return node.answers.map((a, i) => ({ answerIndex: i, answerId: a.id, label: a.label, target: a.next }));
  }
  if (node.type === "action") return [{ answerIndex: null, answerId: null, label: null, target: node.next }];
  return [];
}

const edgeSlot = (edge: Edge) => edge.answerIndex ?? 0;

/** Every link that points at `id`, in node order. */
export function incomingLinks(tree: TreeStructure, id: string): { from: string; answerIndex: number | null; label: string | null }[] {
  const links: { from: string; answerIndex: number | null; label: string | null }[] = [];
  for (const [from, node] of Object.entries(tree.nodes)) {
    for (const edge of edgesOf(node)) if (edge.target === id) links.push({ from, answerIndex: edge.answerIndex, label: edge.label });
  }
  return links;
}

/** Answers (or an action's next) that point at a node that is not in the tree. */
export function danglingEdges(tree: TreeStructure, id: string): Edge[] {
  const node = tree.nodes[id];
  return node ? edgesOf(node).filter((e) => e.target !== null && !tree.nodes[e.target]) : [];
}

// ---------- outline ----------

export type OutlineRowKind =
  /** A node shown in full (each node is shown in full exactly once). */
  | "node"
  /** A second path to a node already shown elsewhere: "↪ go to …". */
  | "link"
  /** An answer pointing at a node that no longer exists. */
  | "dangling"
  /** An answer (or next step) that leads nowhere yet. */
  | "open"
  /** The "Unlinked nodes" heading. */
  | "group";

export type OutlineRow = {
  key: string;
  kind: OutlineRowKind;
  depth: number;
  parentKey: string | null;
  /** The node shown (node rows) or pointed at (link rows). */
  nodeId: string | null;
  /** For edge rows (everything but root/orphan/group rows): the node the edge leaves from. */
  fromId: string | null;
  answerIndex: number | null;
  edgeLabel: string | null;
  /** For dangling rows: the missing id. */
  target: string | null;
  hasChildren: boolean;
  posInSet: number;
  setSize: number;
};

export type Home = { from: string; slot: number } | null;

export type Outline = {
  rows: OutlineRow[];
  /** Where each node is shown in full: the edge it hangs from (null for the root and unlinked tops). */
  home: Map<string, Home>;
  reachable: Set<string>;
  /** Top-level nodes of the "Unlinked nodes" group. */
  unlinkedTops: string[];
};

export const UNLINKED_GROUP_KEY = "group:unlinked";
export const nodeRowKey = (id: string) => `node:${id}`;
const edgeRowKey = (from: string, edge: Edge) => `edge:${from}:${edge.answerIndex ?? "next"}`;

/**
 * Lays the tree out as an outline. A node reached by several paths is shown in full at its
 * shallowest position (breadth-first from the start node) and as a link everywhere else, which
 * also keeps cycles finite. Nodes the start node cannot reach go under "Unlinked nodes".
 */
export function buildOutline(tree: TreeStructure): Outline {
  const { nodes } = tree;
  const home = new Map<string, Home>();
  const claim = (top: string) => {
    home.set(top, null);
    const queue = [top];
    for (let i = 0; i < queue.length; i++) {
      const from = queue[i];
      for (const edge of edgesOf(nodes[from])) {
        if (edge.target && nodes[edge.target] && !home.has(edge.target)) {
          home.set(edge.target, { from, slot: edgeSlot(edge) });
          queue.push(edge.target);
        }
      }
    }
  };

  const hasRoot = Boolean(nodes[tree.rootId]);
  if (hasRoot) claim(tree.rootId);
  const reachable = new Set(home.keys());

  // Unlinked tops: first the nodes nothing points at, then (for unlinked cycles) any left over.
  const pointedAt = new Set<string>();
  for (const node of Object.values(nodes)) for (const e of edgesOf(node)) if (e.target) pointedAt.add(e.target);
  const unlinkedTops: string[] = [];
  const ids = Object.keys(nodes);
  for (const pass of [true, false]) {
    for (const id of ids) {
      if (home.has(id) || (pass && pointedAt.has(id))) continue;
      unlinkedTops.push(id);
      claim(id);
    }
  }

  const rows: OutlineRow[] = [];
  type Task = { id: string; depth: number; parentKey: string | null; from: string | null; edge: Edge | null; pos: number; size: number };
  const stack: Task[] = [];
  const pushChildren = (id: string, depth: number, key: string) => {
    const edges = edgesOf(nodes[id]);
    for (let i = edges.length - 1; i >= 0; i--) {
      stack.push({ id: edges[i].target ?? "", depth, parentKey: key, from: id, edge: edges[i], pos: i + 1, size: edges.length });
    }
  };
  const drain = () => {
    while (stack.length) {
      const task = stack.pop()!;
      const { edge, from } = task;
      const base = { depth: task.depth, parentKey: task.parentKey, fromId: from, answerIndex: edge?.answerIndex ?? null, edgeLabel: edge?.label ?? null, posInSet: task.pos, setSize: task.size };
      if (edge && from) {
        const key = edgeRowKey(from, edge);
        if (edge.target === null) {
          rows.push({ ...base, key, kind: "open", nodeId: null, target: null, hasChildren: false });
          continue;
        }
        if (!nodes[edge.target]) {
          rows.push({ ...base, key, kind: "dangling", nodeId: null, target: edge.target, hasChildren: false });
          continue;
        }
        const h = home.get(edge.target);
        if (!h || h.from !== from || h.slot !== edgeSlot(edge)) {
          rows.push({ ...base, key, kind: "link", nodeId: edge.target, target: edge.target, hasChildren: false });
          continue;
        }
      }
      const key = nodeRowKey(task.id);
      rows.push({ ...base, key, kind: "node", nodeId: task.id, target: null, hasChildren: edgesOf(nodes[task.id]).length > 0 });
      pushChildren(task.id, task.depth + 1, key);
    }
  };

  const topCount = (hasRoot ? 1 : 0) + (unlinkedTops.length ? 1 : 0);
  if (hasRoot) {
    stack.push({ id: tree.rootId, depth: 0, parentKey: null, from: null, edge: null, pos: 1, size: topCount });
    drain();
  }
  if (unlinkedTops.length) {
    rows.push({
      key: UNLINKED_GROUP_KEY, kind: "group", depth: 0, parentKey: null, nodeId: null, fromId: null, answerIndex: null,
      edgeLabel: null, target: null, hasChildren: true, posInSet: topCount, setSize: topCount,
    });
    unlinkedTops.forEach((id, i) => {
      stack.push({ id, depth: 1, parentKey: UNLINKED_GROUP_KEY, from: null, edge: null, pos: i + 1, size: unlinkedTops.length });
      drain();
    });
  }
  return { rows, home, reachable, unlinkedTops };
}

/** The rows left when the rows in `collapsed` (by key) hide their descendants. */
export function visibleRows(rows: OutlineRow[], collapsed: ReadonlySet<string>): OutlineRow[] {
  const visible: OutlineRow[] = [];
  let hideBelow = Infinity;
  for (const row of rows) {
    if (row.depth > hideBelow) continue;
    hideBelow = Infinity;
    visible.push(row);
    if (row.hasChildren && collapsed.has(row.key)) hideBelow = row.depth;
  }
  return visible;
}

/** Keys of the rows above `key` (parent first), for expanding the way to a row. */
export function ancestorKeys(rows: OutlineRow[], key: string): string[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const keys: string[] = [];
  for (let parent = byKey.get(key)?.parentKey ?? null; parent; parent = byKey.get(parent)?.parentKey ?? null) keys.push(parent);
  return keys;
}

/** Nodes in outline order (start node's tree first, then unlinked nodes), for target pickers. */
export function nodesInOrder(outline: Outline): string[] {
  return outline.rows.filter((r) => r.kind === "node").map((r) => r.nodeId!);
}

export type PathStep = { nodeId: string; via: string | null };

/** The way from the start node (or from the top of its unlinked branch) to `id`, the node itself last. */
export function pathTo(tree: TreeStructure, outline: Outline, id: string): PathStep[] {
  const path: PathStep[] = [];
  const seen = new Set<string>();
  for (let current: string | null = id; current && tree.nodes[current] && !seen.has(current); ) {
    seen.add(current);
    const h: Home | undefined = outline.home.get(current);
    let via: string | null = null;
    if (h) {
      const edge = edgesOf(tree.nodes[h.from]).find((e) => edgeSlot(e) === h.slot);
      via = edge?.label ?? null;
    }
    path.unshift({ nodeId: current, via });
    current = h ? h.from : null;
  }
  return path;
}

/** A node's position as edge slots from the start node; survives the server renaming ids. */
export function locate(outline: Outline, id: string): number[] | null {
  if (!outline.reachable.has(id)) return null;
  const slots: number[] = [];
  for (let h = outline.home.get(id); h; h = outline.home.get(h.from)) slots.unshift(h.slot);
  return slots;
}

export function nodeAt(tree: TreeStructure, slots: number[]): string | null {
  let current = tree.nodes[tree.rootId] ? tree.rootId : null;
  for (const slot of slots) {
    if (!current) return null;
    const edge = edgesOf(tree.nodes[current]).find((e) => edgeSlot(e) === slot);
    current = edge?.target && tree.nodes[edge.target] ? edge.target : null;
  }
  return current;
}

// ---------- issues ----------

/**
 * Splits issues into those about a node and the general ones, dropping exact repeats (client and
 * server often report the same thing). Issues naming a node that is no longer in the tree are
 * stale (a lagging validation pass, or a server result from before a delete) and are dropped.
 */
export function groupIssues(tree: TreeStructure, issues: StructureIssue[]): { byNode: Map<string, StructureIssue[]>; general: StructureIssue[] } {
  const byNode = new Map<string, StructureIssue[]>();
  const general: StructureIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.nodeId && !tree.nodes[issue.nodeId]) continue;
    const dedupe = `${issue.nodeId ?? ""}\u0000${issue.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    if (issue.nodeId) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    else general.push(issue);
  }
  return { byNode, general };
}

// ---------- creating nodes ----------

export function newNode(type: TreeNodeType, makeId: MakeId, title?: string): TreeNode {
  switch (type) {
    case "question":
      return { type, title: title ?? "New question", description: "", answers: [newAnswer("Yes", makeId), newAnswer("No", makeId)] };
    case "action":
      return { type, title: title ?? "New action", instructions: "", commands: [], answers: [], next: null };
    case "solution":
      return { type, title: title ?? "New solution", resolution: "", commands: [], outcome: "resolved" };
    case "escalation":
      return { type, title: title ?? "New escalation", escalateTo: "", instructions: "", outcome: "escalated" };
  }
}

const newAnswer = (label: string, makeId: MakeId, next: string | null = null): Answer => ({ id: makeId(), label, next });

const withNode = (tree: TreeStructure, id: string, node: TreeNode): TreeStructure => ({ ...tree, nodes: { ...tree.nodes, [id]: node } });

/** Replaces a node through `update`; unknown ids leave the tree as it is. */
export function updateNode(tree: TreeStructure, id: string, update: (node: TreeNode) => TreeNode): TreeStructure {
  const node = tree.nodes[id];
  return node ? withNode(tree, id, update(node)) : tree;
}

/** Adds an unlinked node; the first node (or the first after the start node was deleted) becomes the start node. */
export function addNode(tree: TreeStructure, type: TreeNodeType, makeId: MakeId): { tree: TreeStructure; id: string } {
  const id = makeId();
  const next = withNode(tree, id, newNode(type, makeId));
  return { tree: tree.nodes[tree.rootId] ? next : { ...next, rootId: id }, id };
}

/** Creates a node and links it from the answer at `answerIndex` (null: an action's next step). */
export function addChild(
  tree: TreeStructure,
  fromId: string,
  answerIndex: number | null,
  type: TreeNodeType,
  makeId: MakeId,
): { tree: TreeStructure; id: string } {
  if (!tree.nodes[fromId]) return { tree, id: "" };
  const id = makeId();
  const withChild = withNode(tree, id, newNode(type, makeId));
  return { tree: setTarget(withChild, fromId, answerIndex, id), id };
}

/** Points an answer (or an action's next step when `answerIndex` is null) at `target` (null: unlinked). */
export function setTarget(tree: TreeStructure, fromId: string, answerIndex: number | null, target: string | null): TreeStructure {
  return updateNode(tree, fromId, (node) => {
    if (node.type !== "question" && node.type !== "action") return node;
    if (answerIndex === null) return node.type === "action" ? { ...node, next: target } : node;
    if (!node.answers[answerIndex]) return node;
    return { ...node, answers: node.answers.map((a, i) => (i === answerIndex ? { ...a, next: target } : a)) };
  });
}

export function setRoot(tree: TreeStructure, id: string): TreeStructure {
  return tree.nodes[id] ? { ...tree, rootId: id } : tree;
}

/**
 * Deletes a node. Links to it are left pointing at the missing id on purpose: the editor shows
 * them in red until the user picks a new target. Deleting the last node empties the start.
 */
export function deleteNode(tree: TreeStructure, id: string): TreeStructure {
  if (!tree.nodes[id]) return tree;
  const nodes = { ...tree.nodes };
  delete nodes[id];
  return { rootId: Object.keys(nodes).length ? tree.rootId : "", nodes };
}

// ---------- answers ----------

/** Adds an answer. On an action with a single next step, the first answer takes over that target. */
export function addAnswer(tree: TreeStructure, id: string, makeId: MakeId, label?: string): TreeStructure {
  return updateNode(tree, id, (node) => {
    if (node.type === "question") {
      if (node.answers.length >= MAX_ANSWERS) return node;
      return { ...node, answers: [...node.answers, newAnswer(label ?? `Answer ${node.answers.length + 1}`, makeId)] };
    }
    if (node.type === "action") {
      if (node.answers.length >= MAX_ANSWERS) return node;
      if (node.answers.length === 0) return { ...node, answers: [newAnswer(label ?? "Done", makeId, node.next)], next: null };
      return { ...node, answers: [...node.answers, newAnswer(label ?? `Answer ${node.answers.length + 1}`, makeId)] };
    }
    return node;
  });
}

/** Removes an answer. An action losing its last answer keeps that answer's target as its next step. */
export function removeAnswer(tree: TreeStructure, id: string, index: number): TreeStructure {
  return updateNode(tree, id, (node) => {
    if ((node.type !== "question" && node.type !== "action") || !node.answers[index]) return node;
    const answers = node.answers.filter((_, i) => i !== index);
    if (node.type === "action" && answers.length === 0) return { ...node, answers, next: node.answers[index].next };
    return { ...node, answers };
  });
}

export function renameAnswer(tree: TreeStructure, id: string, index: number, label: string): TreeStructure {
  return updateNode(tree, id, (node) => {
    if ((node.type !== "question" && node.type !== "action") || !node.answers[index]) return node;
    return { ...node, answers: node.answers.map((a, i) => (i === index ? { ...a, label } : a)) };
  });
}

/** Moves an answer up (delta -1) or down (+1); out-of-range moves change nothing. */
export function moveAnswer(tree: TreeStructure, id: string, index: number, delta: -1 | 1): TreeStructure {
  return updateNode(tree, id, (node) => {
    if (node.type !== "question" && node.type !== "action") return node;
    const to = index + delta;
    if (!node.answers[index] || to < 0 || to >= node.answers.length) return node;
    const answers = [...node.answers];
    [answers[index], answers[to]] = [answers[to], answers[index]];
    return { ...node, answers };
  });
}

/** An action either asks for an answer or goes straight on to one next step. Links are carried over. */
export function setActionMode(tree: TreeStructure, id: string, mode: "next" | "answers", makeId: MakeId): TreeStructure {
  return updateNode(tree, id, (node) => {
    if (node.type !== "action") return node;
    if (mode === "answers") {
      if (node.answers.length) return node;
      return { ...node, answers: [newAnswer("Fixed", makeId, node.next), newAnswer("Still broken", makeId)], next: null };
    }
    if (!node.answers.length) return node;
    return { ...node, answers: [], next: node.answers.find((a) => a.next)?.next ?? null };
  });
}

// ---------- a node's main text ----------

/** The main text of a node: a question's description, a solution's resolution, else instructions. */
export function nodeText(node: TreeNode): string {
  return node.type === "question" ? node.description : node.type === "solution" ? node.resolution : node.instructions;
}

export function withNodeText(node: TreeNode, text: string): TreeNode {
  return node.type === "question" ? { ...node, description: text } : node.type === "solution" ? { ...node, resolution: text } : { ...node, instructions: text };
}

// ---------- changing a node's type ----------

/** Commands written out as fenced blocks, for node types that have no command list. */
export function commandsAsText(commands: Command[]): string {
  return commands.map((c) => `${c.label ? `${c.label}:\n` : ""}\`\`\`${c.language}\n${c.code}\n\`\`\``).join("\n\n");
}

const joinText = (...parts: string[]) => parts.filter((p) => p.trim() !== "").join("\n\n");

/** How many links a type change would drop (a terminal node has no way out). */
export function linksLostByTypeChange(node: TreeNode, type: TreeNodeType): number {
  if (type === "question" || type === "action") return 0;
  return edgesOf(node).filter((e) => e.target !== null).length;
}

/**
 * Changes a node's type, keeping its title and carrying its text over: the main text moves to
 * the new type's main field, commands are kept (or written into the text where the new type
 * has none), answers are kept between question and action. A terminal node drops its links.
 */
export function changeNodeType(tree: TreeStructure, id: string, type: TreeNodeType, makeId: MakeId): TreeStructure {
  return updateNode(tree, id, (node) => {
    if (node.type === type) return node;
    const { title } = node;
    const text = node.type === "escalation" ? joinText(node.escalateTo ? `Escalate to: ${node.escalateTo}` : "", node.instructions) : nodeText(node);
    const commands = node.type === "action" || node.type === "solution" ? node.commands : [];
    const answers = node.type === "question" || node.type === "action" ? node.answers : [];
    const next = node.type === "action" ? node.next : null;
    switch (type) {
      case "question": {
        let kept = answers;
        if (!kept.length) kept = next ? [newAnswer("Continue", makeId, next)] : [newAnswer("Yes", makeId), newAnswer("No", makeId)];
        return { type, title, description: joinText(text, commandsAsText(commands)), answers: kept };
      }
      case "action":
        return { type, title, instructions: text, commands, answers, next: answers.length ? null : next };
      case "solution":
        return { type, title, resolution: text, commands, outcome: "resolved" };
      case "escalation":
        return { type, title, escalateTo: "", instructions: joinText(text, commandsAsText(commands)), outcome: "escalated" };
    }
  });
}
