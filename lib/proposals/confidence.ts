// How sure a proposal is, 0–1, shown in the review queue and filterable. Three parts, weighted:
//   confidence = 0.4 · support + 0.3 · walk quality + 0.3 · match
// - support = 1 − 1/(1 + n) for n supporting sessions: 1 → 0.50, 2 → 0.67, 3 → 0.75, 9 → 0.90.
//   More sessions doing the same thing is the strongest signal, with diminishing returns.
// - walk quality: the share of the walk's steps that were not reported failed (for custom steps:
//   the share of the citing sessions that marked the step done). A fix found through failures
//   is still a fix, but a shakier one.
// - match: for an enhancement or branch, the similarity score (0–1) of the target flow (how sure
//   we are it is the right flow); for a new flow, 1 − the best similarity found (how sure we are
//   nothing like it exists); for a custom step, 1 (same procedure by construction).
// When a later session adds support, only the support part moves, in SQL with the count
// (supportDeltaSql in analyse.ts), so concurrent supports never lose an update.
import type { WalkItem } from "./walk";

export const SUPPORT_WEIGHT = 0.4;
export const QUALITY_WEIGHT = 0.3;
export const MATCH_WEIGHT = 0.3;

export const supportFactor = (sessions: number) => 1 - 1 / (1 + Math.max(0, sessions));

export function walkQuality(walk: WalkItem[]): number {
  const steps = walk.filter((item) => item.kind === "step");
  if (!steps.length) return 1;
  return steps.filter((s) => s.kind === "step" && s.result !== "failed").length / steps.length;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

export function confidence(parts: { sessions: number; quality: number; match: number }): number {
  const value = SUPPORT_WEIGHT * supportFactor(parts.sessions) + QUALITY_WEIGHT * clamp01(parts.quality) + MATCH_WEIGHT * clamp01(parts.match);
  return Math.round(clamp01(value) * 1000) / 1000;
}
