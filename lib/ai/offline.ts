// The offline provider: no key, no network, deterministic. It retrieves from the viewer's
// visible flows and library steps (lib/ai/retrieve.ts) and builds the next node from them:
// 1. Following a flow: the walk's latest flow-sourced node (not rejected) gives the flow's next
//    node — a question's chosen answer is matched to the flow's answers (by the answer's source,
//    else by label); "Other" leaves the flow. An action with answers asks for its result.
// 2. No flow yet: the best troubleshooting flow for the problem. When the top candidates score
//    close together, a clarifying question first, built from their first questions' answers
//    that differ between them (or, when they share them, from the flows' names).
// 3. Otherwise matching library steps the walk has not used, as "Try this" steps.
// 4. Nothing left: no suggestion (the engineer adds a step, a note, or finishes).
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db, Tx } from "@/lib/db/client";
import { visibleFlowsWhere } from "@/lib/flows/access";
import { COMMAND_LANGUAGES, guessLanguage, readStructure, type Command, type CommandLanguage, type TreeNode, type TreeStructure } from "@/lib/flows/structure";
import type { LibraryContent } from "@/lib/library/extract";
import { buildPrompt, promptHash, SYSTEM_PROMPT } from "./prompt";
import { findSimilarFlows, findSimilarLibrarySteps, type SimilarFlow } from "./retrieve";
import type { AiProvider, DraftFlow, SuggestContext, Suggestion, SuggestResult, WalkContextNode } from "./types";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
export const OFFLINE_MODEL = "retrieval-v1";

/** Candidates within this share of the top score are "close": ask which one it is. */
const CLOSE_SHARE = 0.85;
const FLOW_CANDIDATES = 5;
const CLARIFY_FROM = 3;
const LIBRARY_CANDIDATES = 10;
const MIN_FLOW_SCORE = 0.15;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** Flows' latest published trees, loaded once per suggestion. */
class Trees {
  private cache = new Map<string, { name: string; tree: TreeStructure } | null>();
  constructor(private client: Db | Tx, private viewer: Viewer) {}

  async get(flowId: string) {
    if (this.cache.has(flowId)) return this.cache.get(flowId)!;
    await this.load([flowId]);
    return this.cache.get(flowId) ?? null;
  }

  async load(flowIds: string[]) {
    const missing = flowIds.filter((id) => !this.cache.has(id));
    if (!missing.length) return;
    const flows = await this.client.flow.findMany({
      where: { AND: [{ id: { in: missing } }, visibleFlowsWhere(this.viewer), { status: "published", isActive: true, type: "troubleshooting" }] },
      select: { id: true, name: true, versions: { select: { structure: true }, orderBy: { version: "desc" }, take: 1 } },
    });
    for (const id of missing) this.cache.set(id, null);
    for (const flow of flows) {
      const version = flow.versions[0];
      if (!version) continue;
      const typed = readStructure("troubleshooting", version.structure);
      if (typed.type === "troubleshooting") this.cache.set(flow.id, { name: flow.name, tree: typed.structure });
    }
  }
}

/** A flow node as a suggestion (its answers keep the flow answer they stand for). */
export function suggestionFromFlowNode(flowId: string, nodeId: string, node: TreeNode): Suggestion {
  const source = { flowId, nodeId };
  switch (node.type) {
    case "question":
      return { kind: "question", title: node.title, body: node.description, answers: node.answers.map((a) => ({ label: a.label, source: { flowId, nodeId, answerId: a.id } })), commands: [], source };
    case "action":
      return { kind: "step", title: node.title, body: node.instructions, answers: [], commands: node.commands, source };
    case "solution":
      return { kind: "solution", title: node.title, body: node.resolution, answers: [], commands: node.commands, source };
    case "escalation":
      return {
        kind: "solution",
        title: node.title,
        body: [node.escalateTo && `Escalate to: ${node.escalateTo}`, node.instructions].filter(Boolean).join("\n\n"),
        answers: [], commands: [], source,
      };
  }
}

/** After an action with answers ("Did that work?"): ask for its result, answers from the flow. */
function resultQuestion(flowId: string, nodeId: string, node: Extract<TreeNode, { type: "action" }>): Suggestion {
  return {
    kind: "question",
    title: `${node.title}: what happened?`,
    body: "",
    answers: node.answers.map((a) => ({ label: a.label, source: { flowId, nodeId, answerId: a.id } })),
    commands: [],
    source: { flowId, nodeId },
  };
}

type Pointer = { flowId: string; next: string | null; askResultOf?: string };

/**
 * Where the walk stands in a flow: the latest flow-sourced node that was not rejected (manual
 * and library steps in between are skipped over). Null: not in a flow, or the walk left it.
 */
async function flowPointer(walk: WalkContextNode[], trees: Trees): Promise<Pointer | null | "left"> {
  for (let i = walk.length - 1; i >= 0; i--) {
    const node = walk[i];
    if (node.status === "rejected" || node.status === "pending") continue;
    if (node.kind === "question" && node.answerId) {
      const chosen = node.answers.find((a) => a.id === node.answerId);
      const src = chosen?.source;
      if (src?.flowId && src.nodeId) {
        const flow = await trees.get(src.flowId);
        const at = flow?.tree.nodes[src.nodeId];
        if (!flow || !at) return "left";
        if (!src.answerId) return { flowId: src.flowId, next: src.nodeId };
        const answer = (at.type === "question" || at.type === "action") ? at.answers.find((a) => a.id === src.answerId) : undefined;
        return answer ? { flowId: src.flowId, next: answer.next } : "left";
      }
      if (node.sourceFlowId && node.sourceNodeId) {
        // An edited or typed answer: match the flow's answers by label; "Other" leaves the flow.
        const flow = await trees.get(node.sourceFlowId);
        const at = flow?.tree.nodes[node.sourceNodeId];
        const answers = at && (at.type === "question" || at.type === "action") ? at.answers : [];
        const match = answers.find((a) => norm(a.label) === norm(node.answerLabel ?? ""));
        return match ? { flowId: node.sourceFlowId, next: match.next } : "left";
      }
      continue;
    }
    if (node.sourceFlowId && node.sourceNodeId) {
      const flow = await trees.get(node.sourceFlowId);
      const at = flow?.tree.nodes[node.sourceNodeId];
      if (!flow || !at) return "left";
      if (at.type === "action") {
        return at.answers.length ? { flowId: node.sourceFlowId, next: null, askResultOf: node.sourceNodeId } : { flowId: node.sourceFlowId, next: at.next };
      }
      return "left"; // a solution or escalation ends the flow
    }
  }
  return null;
}

const usedFlowNodes = (walk: WalkContextNode[]) => new Set(walk.filter((n) => n.sourceFlowId && n.sourceNodeId).map((n) => `${n.kind}:${n.sourceFlowId}:${n.sourceNodeId}`));

/** What the walk says beyond the problem: typed answers and edited titles sharpen retrieval. */
function retrievalQuery(context: SuggestContext): string {
  const extra = context.walk
    .filter((n) => n.status !== "rejected" && n.kind === "question" && n.answerLabel && !n.answers.some((a) => a.id === n.answerId))
    .map((n) => n.answerLabel);
  return [context.problem, ...extra].join(" ");
}

/**
 * The clarifying question for close candidates: the answers of their first questions that not
 * every candidate shares (each leads into its flow past that question); when they share them
 * all, the flows themselves. Null when fewer than two choices come out.
 */
export function clarifyingQuestion(candidates: { flowId: string; name: string; tree: TreeStructure }[]): Suggestion | null {
  if (candidates.length < 2) return null;
  const roots = candidates.map((c) => ({ ...c, root: c.tree.nodes[c.tree.rootId] }));
  const labelCount = new Map<string, number>();
  for (const r of roots) {
    if (r.root?.type !== "question") continue;
    for (const label of new Set(r.root.answers.map((a) => norm(a.label)))) labelCount.set(label, (labelCount.get(label) ?? 0) + 1);
  }
  const answers: Suggestion["answers"] = [];
  const seen = new Set<string>();
  for (const r of roots) {
    if (r.root?.type !== "question") continue;
    for (const a of r.root.answers) {
      const key = norm(a.label);
      if (labelCount.get(key) === roots.length || seen.has(key)) continue;
      seen.add(key);
      answers.push({ label: a.label, source: { flowId: r.flowId, nodeId: r.tree.rootId, answerId: a.id } });
    }
  }
  if (answers.length >= 2) {
    return { kind: "question", title: "Which of these matches what you see?", body: `Close matches: ${candidates.map((c) => c.name).join(", ")}.`, answers: answers.slice(0, 8), commands: [] };
  }
  return {
    kind: "question",
    title: "Which of these sounds closest to the problem?",
    body: "Several flows in your library match the description.",
    answers: candidates.map((c) => ({ label: c.name, source: { flowId: c.flowId, nodeId: c.tree.rootId } })),
    commands: [],
  };
}

const isLanguage = (value: string): value is CommandLanguage => (COMMAND_LANGUAGES as readonly string[]).includes(value);
export function libraryCommands(content: LibraryContent): Command[] {
  return (content.commands ?? [])
    .filter((c) => c.command?.trim())
    .map((c) => ({ language: isLanguage(c.commandType) ? c.commandType : guessLanguage(c.command), code: c.command, label: c.label ?? "" }));
}

export function offlineProvider(deps: { client: Db | Tx; viewer: Viewer }): AiProvider {
  const { client, viewer } = deps;

  async function suggest(context: SuggestContext): Promise<Suggestion | null> {
    const trees = new Trees(client, viewer);
    const walk = context.walk;
    const used = usedFlowNodes(walk);
    const pointer = await flowPointer(walk, trees);

    if (pointer && pointer !== "left") {
      const flow = await trees.get(pointer.flowId);
      if (flow && pointer.askResultOf) {
        const action = flow.tree.nodes[pointer.askResultOf];
        if (action?.type === "action" && !used.has(`question:${pointer.flowId}:${pointer.askResultOf}`)) return resultQuestion(pointer.flowId, pointer.askResultOf, action);
      }
      if (flow && pointer.next) {
        const node = flow.tree.nodes[pointer.next];
        const suggestion = node && suggestionFromFlowNode(pointer.flowId, pointer.next, node);
        if (suggestion && !used.has(`${suggestion.kind}:${pointer.flowId}:${pointer.next}`)) return suggestion;
      }
    }

    const query = retrievalQuery(context);
    if (pointer === null) {
      const rejectedFlows = new Set(walk.filter((n) => n.status === "rejected" && n.sourceFlowId).map((n) => n.sourceFlowId));
      const candidates = (await findSimilarFlows(client, viewer, query, { limit: FLOW_CANDIDATES, types: ["troubleshooting"] }))
        .filter((c) => c.score >= MIN_FLOW_SCORE && !rejectedFlows.has(c.flowId));
      await trees.load(candidates.map((c) => c.flowId));
      const runnable: (SimilarFlow & { tree: TreeStructure })[] = [];
      for (const c of candidates) {
        const flow = await trees.get(c.flowId);
        if (flow?.tree.nodes[flow.tree.rootId]) runnable.push({ ...c, tree: flow.tree });
      }
      const top = runnable[0];
      if (top) {
        const askedAlready = walk.some((n) => n.kind === "question" && !n.sourceFlowId && n.answers.some((a) => a.source?.flowId));
        const close = runnable.filter((c) => c.score >= top.score * CLOSE_SHARE).slice(0, CLARIFY_FROM);
        const question = !askedAlready && close.length >= 2 ? clarifyingQuestion(close) : null;
        if (question) return question;
        const root = top.tree.nodes[top.tree.rootId];
        const suggestion = suggestionFromFlowNode(top.flowId, top.tree.rootId, root);
        if (!used.has(`${suggestion.kind}:${top.flowId}:${top.tree.rootId}`)) return suggestion;
      }
    }

    const usedSteps = new Set(walk.map((n) => n.sourceLibraryStepId).filter(Boolean));
    const usedTitles = new Set(walk.map((n) => norm(n.title)));
    const steps = await findSimilarLibrarySteps(client, viewer, query, { limit: LIBRARY_CANDIDATES });
    const step = steps.find((s) => !usedSteps.has(s.stepId) && !usedTitles.has(norm(s.title)) && !usedTitles.has(norm(`Try this: ${s.title}`)));
    if (step) {
      return {
        kind: step.type === "solution" ? "solution" : "step",
        title: `Try this: ${step.title}`.slice(0, 300),
        body: [step.content.instructions, step.content.helpText].filter(Boolean).join("\n\n"),
        answers: [],
        commands: libraryCommands(step.content),
        source: { libraryStepId: step.stepId },
      };
    }
    return null;
  }

  return {
    name: "offline",
    model: OFFLINE_MODEL,
    async suggestNext(context: SuggestContext): Promise<SuggestResult> {
      const hash = promptHash({ provider: "offline", model: OFFLINE_MODEL, system: SYSTEM_PROMPT, prompt: buildPrompt(context) });
      return { suggestion: await suggest(context), provider: "offline", model: OFFLINE_MODEL, promptHash: hash };
    },
    async draftFlow(context: SuggestContext): Promise<DraftFlow> {
      return draftFromWalk(context);
    },
  };
}

/** The walk as a flow outline: its kept nodes, in order (what the offline provider can do honestly). */
export function draftFromWalk(context: SuggestContext): DraftFlow {
  const kept = context.walk.filter((n) => n.status === "accepted" || n.status === "edited");
  const name = context.problem.replace(/\s+/g, " ").trim().slice(0, 80) || "Untitled walk";
  return {
    name,
    description: context.problem.trim().slice(0, 2_000),
    nodes: kept.map((n) => ({ kind: n.kind, title: n.title, body: n.body, answers: n.answers.map((a) => a.label), commands: n.commands })),
  };
}
