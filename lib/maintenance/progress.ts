// How a batch's sessions add up: the box score and each card's state. Pure.
import type { SessionOutcome, SessionStatus } from "@/lib/generated/prisma/enums";

export const CARD_STATES = ["not_started", "in_progress", "completed", "completed_with_issues", "aborted"] as const;
export type CardState = (typeof CARD_STATES)[number];

export const CARD_STATE_LABELS: Record<CardState, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
  completed_with_issues: "Completed with issues",
  aborted: "Aborted",
};

/** Outcomes that "Re-run failed" picks up again. */
export const FAILED_OUTCOMES: ReadonlySet<SessionOutcome> = new Set<SessionOutcome>(["completed_with_issues", "aborted", "unresolved", "escalated", "partially_resolved"]);

export function cardState(session: { status: SessionStatus; outcome: SessionOutcome | null }): CardState {
  if (session.status === "prepared") return "not_started";
  if (session.status === "active") return "in_progress";
  if (session.outcome === "aborted" || session.outcome === "unresolved") return "aborted";
  if (session.outcome && FAILED_OUTCOMES.has(session.outcome)) return "completed_with_issues";
  return "completed";
}

export type BoxScore = Record<CardState, number> & { total: number; finished: number; percent: number; done: boolean };

export function boxScore(sessions: { status: SessionStatus; outcome: SessionOutcome | null }[]): BoxScore {
  const counts: Partial<Record<CardState, number>> = {};
  for (const session of sessions) {
    const state = cardState(session);
    counts[state] = (counts[state] ?? 0) + 1;
  }
  return boxScoreOf(counts);
}

/** The box score from counts per state (counted in SQL by the hub). */
export function boxScoreOf(counts: Partial<Record<CardState, number>>): BoxScore {
  const score = Object.fromEntries(CARD_STATES.map((s) => [s, counts[s] ?? 0])) as Record<CardState, number>;
  const total = CARD_STATES.reduce((sum, s) => sum + score[s], 0);
  const finished = score.completed + score.completed_with_issues + score.aborted;
  return { ...score, total, finished, percent: total ? Math.round((finished / total) * 100) : 0, done: total > 0 && finished === total };
}

/** A batch's box score roll-up columns (kept by triggers on Session, migration maintenance_overview_rollup). */
export type BatchScoreColumns = { notStartedCount: number; inProgressCount: number; completedCount: number; withIssuesCount: number; abortedCount: number };

/** The box score from a batch row's roll-up: no session is read. */
export const boxScoreOfBatch = (b: BatchScoreColumns): BoxScore =>
  boxScoreOf({ not_started: b.notStartedCount, in_progress: b.inProgressCount, completed: b.completedCount, completed_with_issues: b.withIssuesCount, aborted: b.abortedCount });

/** The batch hub shows this many cards at a time (a 500-target batch would be ~1 MB of HTML, polled every few seconds). */
export const HUB_PAGE_SIZE = 30;
/** What the hub's cards show: one state or all (what needs attention first), a label search, a page. */
export type HubView = { state: CardState | "all"; q: string; page: number };
export const DEFAULT_HUB_VIEW: HubView = { state: "all", q: "", page: 1 };
