// A batch at a glance: the box score and progress bar (hub), or its mini progress dots (history, overview, dashboard).
import { cn } from "@/lib/cn";
import { CARD_STATES, CARD_STATE_LABELS, type BoxScore, type CardState } from "@/lib/maintenance/progress";

export const STATE_STYLES: Record<CardState, { dot: string; text: string; run: string }> = {
  not_started: { dot: "bg-slate-300 dark:bg-slate-600", text: "text-fg-muted", run: "text-slate-300 dark:text-slate-600" },
  in_progress: { dot: "bg-brand-500", text: "text-brand-700 dark:text-brand-300", run: "text-brand-500" },
  completed: { dot: "bg-emerald-500", text: "text-emerald-700 dark:text-emerald-300", run: "text-emerald-500" },
  completed_with_issues: { dot: "bg-amber-500", text: "text-amber-700 dark:text-amber-300", run: "text-amber-500" },
  aborted: { dot: "bg-red-500", text: "text-red-700 dark:text-red-300", run: "text-red-500" },
};

export function BoxScoreView({ score }: { score: BoxScore }) {
  return (
    <div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-5" data-testid="box-score">
        {CARD_STATES.map((state) => (
          <div key={state} className="rounded-md border border-border bg-surface px-3 py-2">
            <dt className="flex items-center gap-1.5 text-xs text-fg-muted"><span className={cn("h-2 w-2 shrink-0 rounded-full", STATE_STYLES[state].dot)} aria-hidden />{CARD_STATE_LABELS[state]}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-state={state}>{score[state]}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-3 flex items-center gap-3">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label="Targets finished" aria-valuemin={0} aria-valuemax={score.total} aria-valuenow={score.finished}>
          <div className="h-full bg-emerald-500 transition-[width]" style={{ width: `${score.percent}%` }} />
        </div>
        <span className="text-sm tabular-nums text-fg-muted">{score.finished}/{score.total} finished</span>
      </div>
    </div>
  );
}

/** A progress row shows at most this many dots; a bigger batch's dots are shares of it. */
export const MAX_DOTS = 40;
/** Finished first, left to right, like a progress bar. */
const DOT_ORDER: CardState[] = ["completed", "completed_with_issues", "aborted", "in_progress", "not_started"];

/** How many dots each state gets: one per target up to MAX_DOTS, else shares (largest remainder, at least one per state present). */
export function dotCounts(score: BoxScore): Record<CardState, number> {
  const counts = Object.fromEntries(DOT_ORDER.map((s) => [s, score[s]])) as Record<CardState, number>;
  if (score.total <= MAX_DOTS) return counts;
  const present = DOT_ORDER.filter((s) => score[s] > 0);
  const room = MAX_DOTS - present.length;
  const exact = present.map((s) => ({ s, share: (score[s] / score.total) * room }));
  for (const { s, share } of exact) counts[s] = 1 + Math.floor(share);
  let left = MAX_DOTS - present.reduce((sum, s) => sum + counts[s], 0);
  for (const { s } of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1))) if (left-- > 0) counts[s] += 1;
  return counts;
}

/**
 * A batch's mini progress: a dot per target (shares of MAX_DOTS for a bigger batch), finished
 * first, each state's dots one element (.state-dots), so a row weighs the same for 10 or 500.
 */
export function StateDots({ score }: { score: BoxScore }) {
  const dots = dotCounts(score);
  const label = CARD_STATES.map((s) => `${score[s]} ${CARD_STATE_LABELS[s].toLowerCase()}`).join(", ");
  return (
    <span className="inline-flex items-center gap-0.5" role="img" aria-label={label} title={score.total > MAX_DOTS ? `${label} (one dot ≈ ${Math.round(score.total / MAX_DOTS)} targets)` : label} data-testid="state-dots">
      {DOT_ORDER.map((s) => dots[s] > 0 && <span key={s} className={cn("state-dots", STATE_STYLES[s].run)} style={{ width: `${dots[s] * 0.625 - 0.125}rem` }} data-state={s} data-dots={dots[s]} />)}
    </span>
  );
}
