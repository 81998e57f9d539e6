// A batch at a glance: the box score and progress bar (hub), or one dot per target (history).
import { cn } from "@/lib/cn";
import { CARD_STATES, CARD_STATE_LABELS, type BoxScore, type CardState } from "@/lib/maintenance/progress";

export const STATE_STYLES: Record<CardState, { dot: string; text: string }> = {
  not_started: { dot: "bg-slate-300 dark:bg-slate-600", text: "text-fg-muted" },
  in_progress: { dot: "bg-brand-500", text: "text-brand-700 dark:text-brand-300" },
  completed: { dot: "bg-emerald-500", text: "text-emerald-700 dark:text-emerald-300" },
  completed_with_issues: { dot: "bg-amber-500", text: "text-amber-700 dark:text-amber-300" },
  aborted: { dot: "bg-red-500", text: "text-red-700 dark:text-red-300" },
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

export function StateDots({ states }: { states: CardState[] }) {
  const shown = states.slice(0, 40);
  return (
    <span className="inline-flex flex-wrap items-center gap-0.5" aria-label={CARD_STATES.map((s) => `${states.filter((x) => x === s).length} ${CARD_STATE_LABELS[s].toLowerCase()}`).join(", ")}>
      {shown.map((state, i) => <span key={i} className={cn("h-2 w-2 rounded-full", STATE_STYLES[state].dot)} aria-hidden />)}
      {states.length > shown.length && <span className="text-xs text-fg-muted">+{states.length - shown.length}</span>}
    </span>
  );
}
