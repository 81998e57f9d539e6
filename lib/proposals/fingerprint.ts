// Change fingerprints: two sessions that support the same change must produce the same
// fingerprint (so the second adds support to the first's proposal), whatever ids, casing,
// punctuation or answer order they had. A fingerprint is the sha-256 of a canonical JSON form:
// texts normalised (normaliseText), generated node ids never included, and sets (a question's
// answers, a change's list of insertions) sorted, while a walk's order of steps is kept
// (doing the same steps in another order is another procedure).
import { createHash } from "node:crypto";
import type { Branch, Insertion } from "./classify";
import { normaliseText, type WalkItem } from "./walk";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sha256Hex = (value: unknown) => createHash("sha256").update(canonical(value)).digest("hex");

/** One walk item, without anything a second session would word or order differently. */
function itemKey(item: WalkItem) {
  if (item.kind === "question") {
    return { k: "q", t: normaliseText(item.title), c: normaliseText(item.chosen), a: [...new Set(item.answers.map(normaliseText))].sort() };
  }
  return { k: item.kind === "step" ? "s" : "x", t: normaliseText(item.title) };
}

/** A path ends at its first solution: what came after is not part of the fix. */
function pathKey(items: WalkItem[]) {
  const end = items.findIndex((item) => item.kind === "solution");
  return (end >= 0 ? items.slice(0, end + 1) : items).map(itemKey);
}

export function newFlowFingerprint(walk: WalkItem[]): string {
  return sha256Hex({ change: "new_flow", path: pathKey(walk) });
}

/** Insertions and branch against one flow; the list of insertions is a set (sorted). */
export function flowChangeFingerprint(insertions: Insertion[], branch: Branch | null): string {
  const ins = insertions
    .map((i) => ({ after: i.afterNodeId ?? "", via: i.viaAnswerId ?? "", before: i.beforeNodeId ?? "", steps: i.items.map(itemKey) }))
    .map((i) => ({ ...i, sortKey: canonical(i) }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ sortKey: _sortKey, ...rest }) => rest);
  const br = branch ? { question: branch.questionId, label: normaliseText(branch.label), path: pathKey(branch.items) } : null;
  return sha256Hex({ change: "flow_change", insertions: ins, branch: br });
}

/** The same custom step (normalised title) after the same step of one procedure. */
export function customStepFingerprint(anchorStepId: string | null, title: string): string {
  return sha256Hex({ change: "custom_step", after: anchorStepId ?? "", title: normaliseText(title) });
}
