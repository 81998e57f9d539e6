// The shape of a flow's structure, and the pure rules that check it (SPEC §3.1, §3.2).
// No I/O here: the editors, the server actions, import and the seed all use these.
import { z } from "zod";
import { text as plainText } from "@/lib/validation/text";

export const FLOW_TYPES = ["troubleshooting", "procedural", "maintenance"] as const;
export type FlowType = (typeof FLOW_TYPES)[number];
export const VISIBILITIES = ["private", "team", "account", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Size bounds: a flow's structure may hold at most this many nodes/steps and this many bytes. */
export const MAX_NODES = 2000;
export const MAX_STRUCTURE_BYTES = 1_000_000;

const text = (max: number) => plainText().max(max, `Use at most ${max} characters.`);
const title = plainText().trim().min(1, "Give it a title.").max(200, "Use at most 200 characters.");
const nodeId = plainText().min(1, "Missing id.").max(64, "Id too long.");

// ---------- commands ----------
export const COMMAND_LANGUAGES = ["powershell", "cmd", "bash", "sql", "text"] as const;
export type CommandLanguage = (typeof COMMAND_LANGUAGES)[number];
/** How many commands one step or node may hold. */
export const MAX_COMMANDS = 50;
export const commandSchema = z.object({
  language: z.enum(COMMAND_LANGUAGES).catch("text"),
  code: plainText().min(1, "A command cannot be empty.").max(20_000, "Command too long."),
  label: text(120).default(""),
});
export type Command = z.infer<typeof commandSchema>;

/** Commands may be stored as a plain string or a list; both normalise to a list. */
export const commandsSchema = z
  .union([plainText().max(20_000), z.array(commandSchema).max(MAX_COMMANDS, `At most ${MAX_COMMANDS} commands per step.`)])
  .optional()
  .transform((value): Command[] => normaliseCommands(value));

export function normaliseCommands(value: string | Command[] | undefined | null): Command[] {
  if (value == null) return [];
  if (typeof value === "string") {
    const code = value.trim();
    return code ? [{ language: guessLanguage(code), code, label: "" }] : [];
  }
  return value.filter((c) => c.code.trim() !== "").map((c) => ({ language: c.language, code: c.code, label: c.label ?? "" }));
}

export function guessLanguage(code: string): CommandLanguage {
  if (/(^|\s)(Get|Set|New|Remove|Test|Invoke|Start|Stop|Restart|Enable|Disable|Add|Import|Export)-[A-Z]\w+/.test(code) || /\$\w+\s*=/.test(code)) return "powershell";
  if (/^(sudo |apt|systemctl |journalctl |grep |cat |ls |cd |chmod |curl )/m.test(code)) return "bash";
  if (/^(ipconfig|ping|nslookup|net |sc |gpupdate|gpresult|netsh|tracert|sfc|dism|klist|whoami)/im.test(code)) return "cmd";
  return "text";
}

// ---------- troubleshooting trees ----------
export const answerSchema = z.object({
  id: nodeId,
  label: plainText().trim().min(1, "An answer needs a label.").max(120, "Use at most 120 characters."),
  next: nodeId.nullable().default(null),
});
export type Answer = z.infer<typeof answerSchema>;

const questionNode = z.object({
  type: z.literal("question"),
  title,
  description: text(10_000).default(""),
  answers: z.array(answerSchema).max(20, "At most 20 answers."),
});
const actionNode = z.object({
  type: z.literal("action"),
  title,
  instructions: text(20_000).default(""),
  commands: commandsSchema,
  answers: z.array(answerSchema).max(20, "At most 20 answers.").default([]),
  next: nodeId.nullable().default(null),
});
const solutionNode = z.object({
  type: z.literal("solution"),
  title,
  resolution: text(20_000).default(""),
  commands: commandsSchema,
  outcome: z.enum(["resolved", "partially_resolved"]).default("resolved"),
});
const escalationNode = z.object({
  type: z.literal("escalation"),
  title,
  escalateTo: text(200).default(""),
  instructions: text(10_000).default(""),
  outcome: z.enum(["escalated", "unresolved"]).default("escalated"),
});

export const TREE_NODE_TYPES = ["question", "action", "solution", "escalation"] as const;
export type TreeNodeType = (typeof TREE_NODE_TYPES)[number];
export const treeNodeSchema = z.discriminatedUnion("type", [questionNode, actionNode, solutionNode, escalationNode], {
  error: (issue) => (issue.code === "invalid_union" ? `Unknown node type. Use one of: ${TREE_NODE_TYPES.join(", ")}.` : undefined),
});
export type TreeNode = z.infer<typeof treeNodeSchema>;
export type QuestionNode = z.infer<typeof questionNode>;
export type ActionNode = z.infer<typeof actionNode>;
export type SolutionNode = z.infer<typeof solutionNode>;
export type EscalationNode = z.infer<typeof escalationNode>;

export const treeStructureSchema = z.object({
  // "" while the tree is still empty; validateTree asks for a first node then.
  rootId: plainText().max(64, "Id too long."),
  nodes: z.record(nodeId, treeNodeSchema),
});
export type TreeStructure = z.infer<typeof treeStructureSchema>;

export const isTerminal = (node: TreeNode) => node.type === "solution" || node.type === "escalation";

/** Where a node can go next: its answers' targets, or an action's single `next`. */
export function outgoing(node: TreeNode): (string | null)[] {
  if (node.type === "question") return node.answers.map((a) => a.next);
  if (node.type === "action") return node.answers.length ? node.answers.map((a) => a.next) : [node.next];
  return [];
}

// ---------- procedures ----------
export const CONTENT_TYPES = ["action", "verification", "information", "warning"] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

const sectionHeader = z.object({ id: nodeId, type: z.literal("section_header"), title });
const procedureStep = z.object({
  id: nodeId,
  type: z.literal("procedure_step"),
  title,
  description: text(20_000).default(""),
  expectedOutcome: text(5_000).default(""),
  commands: commandsSchema,
  contentType: z.enum(CONTENT_TYPES).default("action"),
  libraryVisibility: z.enum(["team", "public"]).nullable().default(null),
});
const procedureEnd = z.object({ id: nodeId, type: z.literal("procedure_end"), title: text(200).default("Done"), text: text(10_000).default("") });

export const PROCEDURE_STEP_TYPES = ["section_header", "procedure_step", "procedure_end"] as const;
export const procedureItemSchema = z.discriminatedUnion("type", [sectionHeader, procedureStep, procedureEnd], {
  error: (issue) => (issue.code === "invalid_union" ? `Unknown step type. Use one of: ${PROCEDURE_STEP_TYPES.join(", ")}.` : undefined),
});
export type ProcedureItem = z.infer<typeof procedureItemSchema>;
export type SectionHeader = z.infer<typeof sectionHeader>;
export type ProcedureStep = z.infer<typeof procedureStep>;
export type ProcedureEnd = z.infer<typeof procedureEnd>;

export const procedureStructureSchema = z.object({
  steps: z.array(procedureItemSchema).max(MAX_NODES, `A procedure may have at most ${MAX_NODES} steps.`),
});
export type ProcedureStructure = z.infer<typeof procedureStructureSchema>;

export type FlowStructure = TreeStructure | ProcedureStructure;
export type ProcedureFlowType = Exclude<FlowType, "troubleshooting">;

export const isProcedureType = (type: FlowType): type is ProcedureFlowType => type === "procedural" || type === "maintenance";

/**
 * A structure together with its flow type, under the key `K` ("type" on flows and versions,
 * "flowType" on sessions). Narrow on the type and the structure follows: a troubleshooting flow
 * has a tree, the others a procedure. Made where the JSON enters (readStructure), so the rest
 * of the code never casts.
 */
export type TypedStructure<K extends string = "type"> =
  | ({ [P in K]: "troubleshooting" } & { structure: TreeStructure })
  | ({ [P in K]: ProcedureFlowType } & { structure: ProcedureStructure });

export function emptyStructure(type: FlowType): FlowStructure {
  return isProcedureType(type) ? { steps: [] } : { rootId: "", nodes: {} };
}

// ---------- validation ----------
export type StructureIssue = { path: string; nodeId?: string; message: string };

/** The tree of a troubleshooting flow's structure (narrowed by its shape); a procedure here is a bug. */
export function asTree(structure: FlowStructure): TreeStructure {
  if (!("nodes" in structure)) throw new Error("Expected a decision tree, got a procedure.");
  return structure;
}

/** The steps of a procedure or maintenance flow's structure; a tree here is a bug. */
export function asProcedure(structure: FlowStructure): ProcedureStructure {
  if (!("steps" in structure)) throw new Error("Expected a procedure, got a decision tree.");
  return structure;
}

/** Parses and normalises a structure; shape errors come back with the path of the offending value. */
export function parseStructure(type: FlowType, input: unknown): { ok: true; typed: TypedStructure; structure: FlowStructure } | { ok: false; issues: StructureIssue[] } {
  const size = JSON.stringify(input ?? null).length;
  if (size > MAX_STRUCTURE_BYTES) {
    return { ok: false, issues: [{ path: "structure", message: `The flow is too large (${Math.round(size / 1000)} kB; the limit is ${MAX_STRUCTURE_BYTES / 1000} kB).` }] };
  }
  if (isProcedureType(type)) {
    const parsed = procedureStructureSchema.safeParse(input);
    if (!parsed.success) return { ok: false, issues: shapeIssues(parsed.error, input) };
    return { ok: true, typed: { type, structure: parsed.data }, structure: parsed.data };
  }
  const parsed = treeStructureSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: shapeIssues(parsed.error, input) };
  if (Object.keys(parsed.data.nodes).length > MAX_NODES) {
    return { ok: false, issues: [{ path: "structure.nodes", message: `A tree may have at most ${MAX_NODES} nodes.` }] };
  }
  return { ok: true, typed: { type, structure: parsed.data }, structure: parsed.data };
}

function shapeIssues(error: z.ZodError, input: unknown): StructureIssue[] {
  const steps = typeof input === "object" && input !== null && "steps" in input && Array.isArray(input.steps) ? input.steps : null;
  return error.issues.slice(0, 50).map((issue) => {
    const path = issue.path.map(String);
    // nodes.<id>.… or steps.<index>.…
    const nodeIdFromPath = path[0] === "nodes" ? path[1] : undefined;
    const step = path[0] === "steps" && path[1] !== undefined ? steps?.[Number(path[1])] : undefined;
    const stepId = typeof step === "object" && step !== null && "id" in step && typeof step.id === "string" ? step.id : undefined;
    return { path: ["structure", ...path].join("."), nodeId: nodeIdFromPath ?? stepId, message: issue.message };
  });
}

/**
 * Reads a structure stored as JSON (a flow's draft, a version's snapshot) into its typed shape.
 * It was parsed when it was written; a row that no longer parses is damaged, and fails here
 * rather than somewhere inside a runner.
 */
export function readStructure(type: FlowType, json: unknown): TypedStructure {
  const parsed = parseStructure(type, json);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new Error(`Stored ${type} structure does not parse (${parsed.issues.length} issue(s); first: ${first?.path}: ${first?.message})`);
  }
  return parsed.typed;
}

/** Publish rules for a decision tree. Every issue names the node it is about. */
export function validateTree(tree: TreeStructure): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const ids = Object.keys(tree.nodes);
  const at = (id: string, message: string) => issues.push({ path: `structure.nodes.${id}`, nodeId: id, message });
  if (ids.length === 0) return [{ path: "structure", message: "Add at least one node." }];
  if (!tree.nodes[tree.rootId]) return [{ path: "structure.rootId", message: "The start node does not exist. Choose a start node." }];

  for (const id of ids) {
    const node = tree.nodes[id];
    if (node.type === "question" && node.answers.length === 0) at(id, `"${node.title}" needs at least one answer.`);
    if (node.type === "question" || node.type === "action") {
      const answerIds = new Set<string>();
      for (const answer of node.answers) {
        if (answerIds.has(answer.id)) at(id, `"${node.title}" has two answers with the same id.`);
        answerIds.add(answer.id);
        if (!answer.next) at(id, `Answer "${answer.label}" of "${node.title}" does not lead anywhere.`);
        else if (!tree.nodes[answer.next]) at(id, `Answer "${answer.label}" of "${node.title}" points at a node that does not exist.`);
      }
    }
    if (node.type === "action" && node.answers.length === 0) {
      if (!node.next) at(id, `"${node.title}" does not lead anywhere: add answers or a next step.`);
      else if (!tree.nodes[node.next]) at(id, `"${node.title}" points at a node that does not exist.`);
    }
  }

  // Reachability from the root.
  const reachable = new Set<string>([tree.rootId]);
  const queue = [tree.rootId];
  while (queue.length) {
    const node = tree.nodes[queue.shift()!];
    for (const next of outgoing(node)) {
      if (next && tree.nodes[next] && !reachable.has(next)) {
        reachable.add(next);
        queue.push(next);
      }
    }
  }
  for (const id of ids) if (!reachable.has(id)) at(id, `"${tree.nodes[id].title}" cannot be reached from the start node.`);

  // Every node must be able to reach a terminal node (no dead-end loops).
  const incoming = new Map<string, string[]>();
  for (const id of ids) {
    for (const next of outgoing(tree.nodes[id])) {
      if (next && tree.nodes[next]) incoming.set(next, [...(incoming.get(next) ?? []), id]);
    }
  }
  const canFinish = new Set(ids.filter((id) => isTerminal(tree.nodes[id])));
  if (canFinish.size === 0) issues.push({ path: "structure", message: "Add at least one solution or escalation node to end the flow." });
  const back = [...canFinish];
  while (back.length) {
    for (const previous of incoming.get(back.shift()!) ?? []) {
      if (!canFinish.has(previous)) {
        canFinish.add(previous);
        back.push(previous);
      }
    }
  }
  if (canFinish.size > 0) {
    for (const id of ids) {
      if (!canFinish.has(id) && reachable.has(id)) at(id, `From "${tree.nodes[id].title}" no path leads to a solution or escalation.`);
    }
  }
  return issues;
}

/** Publish rules for a procedure. */
export function validateProcedure(procedure: ProcedureStructure): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const seen = new Set<string>();
  procedure.steps.forEach((step, index) => {
    if (seen.has(step.id)) issues.push({ path: `structure.steps.${index}`, nodeId: step.id, message: `Step ${index + 1} repeats the id of another step.` });
    seen.add(step.id);
    if (step.type === "procedure_end" && index !== procedure.steps.length - 1) {
      issues.push({ path: `structure.steps.${index}`, nodeId: step.id, message: "The closing step must be the last step." });
    }
  });
  if (!procedure.steps.some((s) => s.type === "procedure_step")) {
    issues.push({ path: "structure.steps", message: "Add at least one step." });
  }
  return issues;
}

export function validateStructure(typed: TypedStructure): StructureIssue[] {
  return typed.type === "troubleshooting" ? validateTree(typed.structure) : validateProcedure(typed.structure);
}

/**
 * What a procedure holds, counted one way everywhere (editor, flow page): numbered steps, and
 * the sections grouping them. Section headers and the closing step are not steps.
 */
export function procedureCounts(steps: readonly ProcedureItem[]): { steps: number; sections: number } {
  let stepCount = 0;
  let sections = 0;
  for (const item of steps) {
    if (item.type === "procedure_step") stepCount++;
    else if (item.type === "section_header") sections++;
  }
  return { steps: stepCount, sections };
}

/** "3 steps in 2 sections", "1 step". */
export function procedureCountText(counts: { steps: number; sections: number }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return counts.sections > 0 ? `${plural(counts.steps, "step")} in ${plural(counts.sections, "section")}` : plural(counts.steps, "step");
}

/** Number of items (nodes, or steps with their section headers and closing step), for lists and benchmarks. */
export function structureSize(structure: FlowStructure): number {
  return "steps" in structure ? structure.steps.length : Object.keys(structure.nodes).length;
}
