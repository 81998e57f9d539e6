// Small builders for the built-in flows, so each flow file reads as content rather than JSON.
// Everything here is pure: the output is an ordinary PortableFlow structure.
import type {
  ActionNode,
  Command,
  CommandLanguage,
  ContentType,
  EscalationNode,
  ProcedureEnd,
  ProcedureItem,
  ProcedureStep,
  ProcedureStructure,
  QuestionNode,
  SectionHeader,
  SolutionNode,
  TreeNode,
  TreeStructure,
} from "../structure";
import type { FieldType, VariableDefinition } from "../variables";

/** Joins lines into one Markdown text. */
export const md = (...lines: string[]) => lines.join("\n");

/**
 * Strips the indentation shared by every non-blank line and the blank first/last lines, so code
 * can be written indented inside a template literal and still paste cleanly.
 */
export function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => line.match(/^ */)![0].length);
  const strip = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(strip)).join("\n");
}

const command = (language: CommandLanguage) => (code: string, label = ""): Command => ({ language, code: dedent(code), label });
export const ps = command("powershell");
export const cmd = command("cmd");
export const bash = command("bash");
export const sql = command("sql");

type Choice = [label: string, next: string];
const answers = (choices: Choice[]) => choices.map(([label, next]) => ({ id: "", label, next }));

export function question(title: string, description: string, choices: Choice[]): QuestionNode {
  return { type: "question", title, description, answers: answers(choices) };
}

/** An action node: either a single `next` node id, or a list of [label, next] answers. */
export function action(title: string, instructions: string, commands: Command[], next: string | Choice[]): ActionNode {
  return typeof next === "string"
    ? { type: "action", title, instructions, commands, answers: [], next }
    : { type: "action", title, instructions, commands, answers: answers(next), next: null };
}

export function solution(title: string, resolution: string, commands: Command[] = [], outcome: SolutionNode["outcome"] = "resolved"): SolutionNode {
  return { type: "solution", title, resolution, commands, outcome };
}

export function escalation(title: string, escalateTo: string, instructions: string, outcome: EscalationNode["outcome"] = "escalated"): EscalationNode {
  return { type: "escalation", title, escalateTo, instructions, outcome };
}

/** A decision tree; answer ids are derived from their node id (`<node>.1`, `<node>.2`, …). */
export function tree(rootId: string, nodes: Record<string, TreeNode>): TreeStructure {
  const withIds: Record<string, TreeNode> = {};
  for (const [id, node] of Object.entries(nodes)) {
    const numbered = (answers: { label: string; next: string | null }[]) => answers.map((answer, index) => ({ ...answer, id: `${id}.${index + 1}` }));
    withIds[id] =
      node.type === "question" ? { ...node, answers: numbered(node.answers) }
      : node.type === "action" ? { ...node, answers: numbered(node.answers) }
      : node;
  }
  return { rootId, nodes: withIds };
}

export function section(id: string, title: string): SectionHeader {
  return { id, type: "section_header", title };
}

export function step(
  id: string,
  title: string,
  options: { description: string; expected?: string; commands?: Command[]; type?: ContentType },
): ProcedureStep {
  return {
    id,
    type: "procedure_step",
    title,
    description: options.description,
    expectedOutcome: options.expected ?? "",
    commands: options.commands ?? [],
    contentType: options.type ?? "action",
    libraryVisibility: null,
  };
}

export function end(id: string, title: string, text: string): ProcedureEnd {
  return { id, type: "procedure_end", title, text };
}

export function procedure(...steps: ProcedureItem[]): ProcedureStructure {
  return { steps };
}

export function variable(
  key: string,
  label: string,
  fieldType: FieldType,
  helpText: string,
  options: { required?: boolean; options?: string[]; default?: string } = {},
): VariableDefinition {
  return { key, label, fieldType, helpText, options: options.options ?? [], required: options.required ?? false, default: options.default ?? "" };
}
