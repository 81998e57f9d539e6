// Classification of a resolved walk against a troubleshooting flow, and the structures a
// proposal publishes. Pure (ids come from `newId`), so the unit tests pin every case:
// - exact: the walk followed the flow node for node → auto_reinforced (a counter, no review).
// - enhancement: the walk did extra steps before rejoining the flow (or before its own end):
//   those steps are inserted as action nodes where they happened.
// - branch_addition: at a question of the flow, the walk took an answer the flow does not have:
//   a new answer is added, leading to what the walk did next.
// - diverged: similar, but not in a shape we can propose as a change (e.g. a different
//   solution with no steps in between); nothing is proposed against this flow.
import type { ActionNode, Answer, QuestionNode, SolutionNode, TreeNode, TreeStructure } from "@/lib/flows/structure";
import { normaliseText, type WalkItem, type WalkStep } from "./walk";

export type Insertion = {
  /** The flow node the new steps follow (null: before the start node). */
  afterNodeId: string | null;
  /** The answer of `afterNodeId` that leads to them (null: an action's plain `next`). */
  viaAnswerId: string | null;
  /** The flow node they lead into (null: the walk never came back; they end in `closing`). */
  beforeNodeId: string | null;
  items: WalkStep[];
};
export type Branch = { questionId: string; label: string; items: WalkItem[] };

export type Alignment =
  | { kind: "exact"; matched: number }
  | { kind: "enhancement" | "branch_addition"; matched: number; insertions: Insertion[]; branch: Branch | null }
  | { kind: "diverged"; matched: number };

/** Limits of the flow schema: titles ≤ 200, answer labels ≤ 120, ≤ 20 answers. */
const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
const titleOf = (value: string) => clip(value.trim() || "Untitled step", 200);

function nodeMatches(item: WalkItem, flowId: string | null, nodeId: string, node: TreeNode): boolean {
  if (item.source && flowId && item.source.flowId === flowId && item.source.nodeId === nodeId) return true;
  const compatible =
    (item.kind === "question" && node.type === "question") ||
    (item.kind === "step" && node.type === "action") ||
    (item.kind === "solution" && (node.type === "solution" || node.type === "escalation"));
  return compatible && normaliseText(item.title) === normaliseText(node.title);
}

/** Where an action node goes next: its first answer that leads somewhere, or its `next`. */
function actionNext(node: ActionNode): { next: string | null; answerId: string | null } {
  if (node.answers.length) {
    const answer = node.answers.find((a) => a.next) ?? node.answers[0];
    return { next: answer.next, answerId: answer.id };
  }
  return { next: node.next, answerId: null };
}

/** Lines the walk up against `tree` from its start node. `flowId` lets source links count as matches. */
export function alignWalk(walk: WalkItem[], tree: TreeStructure, flowId: string | null = null): Alignment {
  const insertions: Insertion[] = [];
  let branch: Branch | null = null;
  let matched = 0;
  let cur: string | null = tree.rootId;
  let prev: { nodeId: string; answerId: string | null } | null = null;
  let i = 0;
  while (i < walk.length && cur) {
    const node: TreeNode | undefined = tree.nodes[cur];
    if (!node) return { kind: "diverged", matched };
    const item = walk[i];
    if (nodeMatches(item, flowId, cur, node)) {
      matched++;
      if (node.type === "question" && item.kind === "question") {
        const answer: Answer | undefined = node.answers.find((a) => normaliseText(a.label) === normaliseText(item.chosen));
        if (!answer) {
          branch = { questionId: cur, label: item.chosen, items: walk.slice(i + 1) };
          break;
        }
        prev = { nodeId: cur, answerId: answer.id };
        cur = answer.next;
      } else if (node.type === "action") {
        const { next, answerId } = actionNext(node);
        prev = { nodeId: cur, answerId };
        cur = next;
      } else {
        // A solution or escalation: the flow ends here; anything the walk did after it is not
        // a change to this flow.
        cur = null;
      }
      i++;
      continue;
    }
    // Not this node: how long until the walk comes back to it?
    let j = i;
    while (j < walk.length && !nodeMatches(walk[j], flowId, cur, node)) j++;
    const run = walk.slice(i, j);
    const steps = run.filter((r): r is WalkStep => r.kind === "step");
    if (j < walk.length) {
      // Rejoined: only plain steps can be inserted into the chain.
      if (steps.length !== run.length) return { kind: "diverged", matched };
      insertions.push({ afterNodeId: prev?.nodeId ?? null, viaAnswerId: prev?.answerId ?? null, beforeNodeId: cur, items: steps });
      i = j;
      continue;
    }
    // Never came back: its steps go in before this node (the walk's own end is noted, not forced in).
    if (!steps.length || run.some((r) => r.kind === "question")) return { kind: "diverged", matched };
    insertions.push({ afterNodeId: prev?.nodeId ?? null, viaAnswerId: prev?.answerId ?? null, beforeNodeId: cur, items: steps });
    break;
  }
  if (branch) return { kind: "branch_addition", matched, insertions, branch };
  if (insertions.length) return { kind: "enhancement", matched, insertions, branch: null };
  return { kind: "exact", matched };
}

// ---------- building nodes from a walk ----------

export type Closing = { title: string; resolution: string };

function stepNode(item: WalkStep, next: string | null): ActionNode {
  return { type: "action", title: titleOf(item.title), instructions: item.body, commands: item.commands, answers: [], next };
}
function solutionNode(title: string, resolution: string, commands: SolutionNode["commands"] = []): SolutionNode {
  return { type: "solution", title: titleOf(title), resolution, commands, outcome: "resolved" };
}

/**
 * Nodes for a stretch of walk, ending in a solution: the walk's own last solution, or `closing`
 * (from the session's outcome notes) when it ended on a step. Questions keep every answer they
 * offered; answers the walk did not take lead to one shared "not covered yet" escalation, so
 * the result passes the publish rules. Returns the first node's id.
 */
export function buildChain(items: WalkItem[], closing: Closing, newId: () => string, nodes: Record<string, TreeNode>): string {
  let uncovered: string | null = null;
  const uncoveredId = () => {
    if (!uncovered) {
      uncovered = newId();
      nodes[uncovered] = {
        type: "escalation", title: "Not covered yet: escalate", escalateTo: "",
        instructions: "No resolved session has taken this answer yet. Escalate, and note what you find.", outcome: "escalated",
      };
    }
    return uncovered;
  };
  const ids = items.map(() => newId());
  let last = items.length - 1;
  // Everything after the walk's first solution is not part of the fix.
  const firstSolution = items.findIndex((item) => item.kind === "solution");
  if (firstSolution >= 0) last = firstSolution;
  const closingId = firstSolution >= 0 ? null : newId();
  for (let k = 0; k <= last; k++) {
    const item = items[k];
    const next = k < last ? ids[k + 1] : closingId;
    if (item.kind === "solution") {
      nodes[ids[k]] = solutionNode(item.title, item.body, item.commands);
    } else if (item.kind === "step") {
      nodes[ids[k]] = stepNode(item, next);
    } else if (item.kind === "question") {
      const seen = new Set<string>();
      const answers: Answer[] = [];
      for (const label of [item.chosen, ...item.answers]) {
        const key = normaliseText(label);
        if (!key || seen.has(key) || answers.length >= 20) continue;
        seen.add(key);
        const chosen = key === normaliseText(item.chosen);
        answers.push({ id: newId(), label: clip(label.trim(), 120), next: chosen ? next : uncoveredId() });
      }
      const question: QuestionNode = { type: "question", title: titleOf(item.title), description: item.body, answers };
      nodes[ids[k]] = question;
    }
  }
  if (closingId) nodes[closingId] = solutionNode(closing.title, closing.resolution);
  return last >= 0 ? ids[0] : closingId!;
}

/** A new troubleshooting flow from a walk nothing similar matched. */
export function buildTreeFromWalk(walk: WalkItem[], closing: Closing, newId: () => string): TreeStructure {
  const nodes: Record<string, TreeNode> = {};
  const rootId = buildChain(walk, closing, newId, nodes);
  return { rootId, nodes };
}

/** The flow's tree with the alignment's insertions and branch applied (the input is not changed). */
export function applyAlignment(tree: TreeStructure, alignment: Extract<Alignment, { insertions: Insertion[] }>, closing: Closing, newId: () => string): TreeStructure {
  const nodes: Record<string, TreeNode> = structuredClone(tree.nodes);
  let rootId = tree.rootId;
  const redirect = (afterNodeId: string | null, viaAnswerId: string | null, to: string) => {
    if (afterNodeId === null) {
      rootId = to;
      return;
    }
    const node = nodes[afterNodeId];
    if ((node.type === "question" || node.type === "action") && viaAnswerId) {
      const answer = node.answers.find((a) => a.id === viaAnswerId);
      if (answer) answer.next = to;
    } else if (node.type === "action") {
      node.next = to;
    }
  };
  for (const insertion of alignment.insertions) {
    const ids = insertion.items.map(() => newId());
    let end = insertion.beforeNodeId;
    if (!end) {
      end = newId();
      nodes[end] = solutionNode(closing.title, closing.resolution);
    }
    insertion.items.forEach((item, k) => {
      nodes[ids[k]] = stepNode(item, k < ids.length - 1 ? ids[k + 1] : end);
    });
    redirect(insertion.afterNodeId, insertion.viaAnswerId, ids[0]);
  }
  if (alignment.branch) {
    const question = nodes[alignment.branch.questionId];
    if (question.type === "question") {
      const first = buildChain(alignment.branch.items, closing, newId, nodes);
      question.answers = [...question.answers, { id: newId(), label: clip(alignment.branch.label.trim(), 120), next: first }];
    }
  }
  return { rootId, nodes };
}
