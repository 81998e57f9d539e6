// A resolved walk in one shape, whatever produced it: an assistant session's WalkNode rows, or an
// L1 flow session's path over its flow version. Pure: classification, the new-flow builder and
// the fingerprints all read this shape, and the unit tests build it by hand.
import type { Command } from "@/lib/flows/structure";

export type WalkQuestion = {
  kind: "question";
  title: string;
  body: string;
  /** Every answer the question offered; `chosen` is the one taken. */
  answers: string[];
  chosen: string;
  source?: { flowId: string; nodeId: string } | null;
  /** Taken as suggested (accepted) or changed by the engineer (edited). */
  edited: boolean;
};
export type WalkStep = {
  kind: "step" | "solution";
  title: string;
  body: string;
  commands: Command[];
  /** step: done | failed | skipped (null: not reported). */
  result: string | null;
  source?: { flowId: string; nodeId: string } | null;
  edited: boolean;
};
export type WalkItem = WalkQuestion | WalkStep;

/** Lower-case, punctuation and runs of whitespace folded: "Restart  the Spooler." = "restart the spooler". */
export function normaliseText(value: string): string {
  return value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The WalkNode columns analysis reads (rejected nodes are left out by the caller). */
export type WalkNodeRow = {
  kind: "question" | "step" | "solution";
  title: string;
  body: string;
  answers: unknown;
  commands: unknown;
  status: "pending" | "accepted" | "edited" | "rejected";
  answerId: string | null;
  answerLabel: string | null;
  result: string | null;
  sourceFlowId: string | null;
  sourceNodeId: string | null;
};

function asAnswers(value: unknown): { id: string; label: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((a) => (a && typeof a === "object" && typeof a.label === "string" ? [{ id: String(a.id ?? ""), label: a.label as string }] : []));
}

function asCommands(value: unknown): Command[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c) => (c && typeof c === "object" && typeof c.code === "string" && c.code.trim()
    ? [{ language: (["powershell", "cmd", "bash", "sql", "text"].includes(c.language) ? c.language : "text") as Command["language"], code: c.code as string, label: typeof c.label === "string" ? c.label : "" }]
    : []));
}

/**
 * An assistant walk as analysis sees it: rejected and still-pending nodes dropped (they are not
 * part of what the engineer did), questions without a chosen answer dropped.
 */
export function walkFromNodes(rows: WalkNodeRow[]): WalkItem[] {
  const items: WalkItem[] = [];
  for (const row of rows) {
    if (row.status === "rejected" || row.status === "pending") continue;
    const source = row.sourceFlowId && row.sourceNodeId ? { flowId: row.sourceFlowId, nodeId: row.sourceNodeId } : null;
    const edited = row.status === "edited";
    if (row.kind === "question") {
      const answers = asAnswers(row.answers);
      const chosen = row.answerLabel?.trim() || answers.find((a) => a.id === row.answerId)?.label;
      if (!chosen) continue;
      const labels = answers.map((a) => a.label);
      if (!labels.some((l) => normaliseText(l) === normaliseText(chosen))) labels.push(chosen);
      items.push({ kind: "question", title: row.title, body: row.body, answers: labels, chosen, source, edited });
    } else {
      items.push({ kind: row.kind, title: row.title, body: row.body, commands: asCommands(row.commands), result: row.result, source, edited });
    }
  }
  return items;
}
