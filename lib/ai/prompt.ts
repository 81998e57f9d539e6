// The prompt every provider answers, and its hash (stored on each suggestion: which prompt
// produced it, without keeping the prompt). Deterministic: the same walk gives the same hash.
import { createHash } from "node:crypto";
import type { SuggestContext, WalkContextNode } from "./types";

export const SYSTEM_PROMPT = [
  "You help an IT help-desk engineer troubleshoot a problem, one step at a time.",
  "Given the problem and the walk so far, propose exactly ONE next node:",
  "- kind \"question\": something to ask or check, with 2 to 8 short answers;",
  "- kind \"step\": something to try, with instructions in body and commands (powershell, cmd, bash, sql or text) where useful;",
  "- kind \"solution\": the fix, when the walk so far shows what resolves it.",
  "Never repeat a node already in the walk. Prefer safe, read-only checks before changes.",
].join("\n");

export const DRAFT_SYSTEM_PROMPT = [
  "Turn a finished troubleshooting walk into a reusable flow outline for a help-desk library:",
  "a short name, a one-paragraph description, and the nodes in order (questions with answers, steps with commands, a final solution).",
].join("\n");

function describeNode(node: WalkContextNode): string {
  const head = `${node.seq + 1}. [${node.kind}${node.status === "rejected" ? ", rejected by the engineer" : ""}] ${node.title}`;
  const lines = [head];
  if (node.body) lines.push(`   ${node.body.slice(0, 1_000)}`);
  if (node.kind === "question" && node.answerLabel) lines.push(`   Answer: ${node.answerLabel}`);
  if (node.kind !== "question" && node.commands.length) lines.push(`   Commands: ${node.commands.map((c) => c.code).join(" ; ").slice(0, 500)}`);
  if (node.result) lines.push(`   Result: ${node.result}`);
  return lines.join("\n");
}

/** The user prompt: the problem and the walk so far, in order. */
export function buildPrompt(context: SuggestContext): string {
  const walk = context.walk.filter((n) => n.status !== "pending");
  return [
    `Problem: ${context.problem}`,
    walk.length ? `Walk so far:\n${walk.map(describeNode).join("\n")}` : "Walk so far: nothing yet.",
    "Propose the next node.",
  ].join("\n\n");
}

/** sha-256 (hex) of what was asked: provider, model, system and user prompt. */
export function promptHash(parts: { provider: string; model: string; system: string; prompt: string }): string {
  return createHash("sha256").update(JSON.stringify([parts.provider, parts.model, parts.system, parts.prompt])).digest("hex");
}
