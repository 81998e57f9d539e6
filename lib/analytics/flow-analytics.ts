// A flow's Analytics tab: three statements side by side, each checking the flow under the
// analytics rule and computing its numbers as aggregate subqueries in the viewer's account and
// date range. Counts come from the flow's roll-ups, never from its
// session rows: FlowHourStat (sessions per UTC hour), FlowEndDayStat (where sessions ended),
// FlowStepDayStat (procedure step marks) and FlowCustomStepDayStat (custom steps), kept by
// statement triggers on "Session" in the transaction that writes the session (migration
// 20261129052208_flow_analytics_rollup) — so a view reads a few rows per day, not every session.
// What cannot be summed is read live, bounded:
// - median and p90 duration: over the latest DURATION_WINDOW completed sessions in the range
//   (an index-only scan of Session_flow_completed_idx), exact whenever the range holds fewer;
// - active and abandoned sessions (abandoned depends on "now"): the flow's active sessions
//   through the partial index Session_flow_active_idx.
// Time zones: the range starts at a UTC midnight (rangeStart), so daily roll-ups cut it exactly;
// day/week buckets are cut in the viewer's zone from the hourly roll-up — exact in every zone
// whose offset is whole hours; in the few :30/:45 zones (India, Nepal, parts of Australia…) a
// session created in the first 30/45 minutes of a local day counts on the day before.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketUnit, rangeStart, type AnalyticsParams } from "./analytics.validation";
import { notFound } from "@/lib/errors";
import { analyticsFlowsSql, isUuid } from "./access";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/** An active session untouched this long counts as abandoned where it stopped. */
export const ABANDONED_AFTER_DAYS = 7;
/** Outcomes that count as "resolved" for the resolution rate (troubleshooting and procedures);
 * the roll-up trigger's "resolved" counter uses the same list. */
const RESOLVED = Prisma.sql`('resolved', 'completed')`;
/** Median and p90 duration are computed over at most this many of the range's latest completed sessions. */
export const DURATION_WINDOW = 5_000;

export type FlowSummary = {
  sessions: number;
  completed: number;
  active: number;
  resolved: number;
  /** resolved ÷ completed, 0..1; null with no completed session. */
  resolutionRate: number | null;
  /** Seconds from start to completion over completed sessions; null with none. */
  medianSeconds: number | null;
  p90Seconds: number | null;
};
export type OutcomeCount = { outcome: string; count: number };
export type TimeBucket = { bucket: string; sessions: number; resolved: number; escalated: number };
export type NodeDropOff = {
  nodeId: string;
  /** Completed sessions that ended on this node. */
  ended: number;
  resolved: number;
  partiallyResolved: number;
  escalated: number;
  unresolved: number;
  aborted: number;
  /** Active sessions left on this node for ABANDONED_AFTER_DAYS. */
  abandoned: number;
};
export type StepRate = { stepId: string; marked: number; done: number; skipped: number; failed: number };
export type CustomStepCount = { title: string; sessions: number };

export type FlowAnalytics = {
  flow: { id: string; name: string; type: "troubleshooting" | "procedural" | "maintenance" };
  unit: "day" | "week";
  summary: FlowSummary;
  outcomes: OutcomeCount[];
  overTime: TimeBucket[];
  nodes: NodeDropOff[];
  steps: StepRate[];
  customSteps: CustomStepCount[];
};

/** The sessions counted: this flow, the viewer's account, the range (alias s). */
function sessionScope(accountId: string, flowId: string, since: Date | null): Prisma.Sql {
  const from = since ? Prisma.sql` AND s."createdAt" >= ${since}` : Prisma.empty;
  return Prisma.sql`s."flowId" = ${flowId}::uuid AND s."accountId" = ${accountId}::uuid${from}`;
}
/** The roll-up rows counted (alias r): `time` is "hour" (FlowHourStat) or "day" (the daily ones). */
function rollupScope(accountId: string, flowId: string, since: Date | null, time: "hour" | "day"): Prisma.Sql {
  const from = !since ? Prisma.empty : time === "hour" ? Prisma.sql` AND r.hour >= ${since}` : Prisma.sql` AND r.day >= (${since}::timestamptz AT TIME ZONE 'UTC')::date`;
  return Prisma.sql`r."flowId" = ${flowId}::uuid AND r."accountId" = ${accountId}::uuid${from}`;
}

type ActiveAt = { nodeId: string | null; active: number; abandoned: number };
type Durations = Pick<FlowSummary, "medianSeconds" | "p90Seconds">;
type Totals = Pick<FlowSummary, "sessions" | "completed" | "resolved">;
type FlowRow = { id: string; name: string; type: FlowAnalytics["flow"]["type"] };
type CountsRow = FlowRow & { totals: Totals; overTime: TimeBucket[]; customSteps: CustomStepCount[] };
type EndsRow = FlowRow & { outcomes: OutcomeCount[]; ended: Omit<NodeDropOff, "abandoned">[] };
type LiveRow = FlowRow & { durations: Durations; activeAt: ActiveAt[]; steps: StepRate[] };

/**
 * The tab in three statements run side by side, split by what they read (the hourly and custom
 * step roll-ups; where sessions ended; the live sessions and procedure steps), so a flow with a long history waits
 * for the largest, not for their sum. Each checks the flow under the analytics rule (no row: not
 * found) and returns its numbers as JSON, one subquery each.
 */
export async function getFlowAnalytics(user: Viewer, flowId: string, params: AnalyticsParams, now: Date = new Date()): Promise<FlowAnalytics> {
  if (!isUuid(flowId)) throw notFound("Flow");
  const since = rangeStart(params.range, now);
  const liveScope = sessionScope(user.accountId, flowId, since);
  const hours = rollupScope(user.accountId, flowId, since, "hour");
  const days = rollupScope(user.accountId, flowId, since, "day");
  const unit = bucketUnit(params.range);
  const flow = Prisma.sql`f AS (SELECT f.id, f.name, f.type::text AS type FROM "Flow" f WHERE f.id = ${flowId}::uuid AND ${analyticsFlowsSql(user)})`;
  const [counts, ends, lives] = await Promise.all([
    db.$queryRaw<CountsRow[]>`
    WITH ${flow}
    SELECT f.id, f.name, f.type,
      (SELECT json_build_object('sessions', coalesce(sum(r.sessions), 0)::int, 'completed', coalesce(sum(r.completed), 0)::int, 'resolved', coalesce(sum(r.resolved), 0)::int)
       FROM "FlowHourStat" r WHERE ${hours}) AS totals,
      -- Buckets in the viewer's zone, empty ones included, from the range's start (or the first
      -- session) to today. Each bucket sums the hours between its start and the next one's (local
      -- midnights turned back into instants): a few index range scans, no zone conversion per row.
      (SELECT coalesce(json_agg(t ORDER BY t.bucket), '[]') FROM (
         SELECT to_char(b.local, 'YYYY-MM-DD') AS bucket, coalesce(c.sessions, 0)::int AS sessions,
                coalesce(c.resolved, 0)::int AS resolved, coalesce(c.escalated, 0)::int AS escalated
         FROM (
           SELECT local, local AT TIME ZONE ${params.tz} AS starts, (local + ('1 ' || ${unit})::interval) AT TIME ZONE ${params.tz} AS ends
           FROM generate_series(
             date_trunc(${unit}, ${since ? Prisma.sql`${since}::timestamptz` : Prisma.sql`(SELECT min(r.hour) FROM "FlowHourStat" r WHERE ${hours} AND r.sessions > 0)`} AT TIME ZONE ${params.tz}),
             date_trunc(${unit}, ${now}::timestamptz AT TIME ZONE ${params.tz}),
             ('1 ' || ${unit})::interval) AS local
         ) b CROSS JOIN LATERAL (
           SELECT sum(r.sessions) AS sessions, sum(r.resolved) AS resolved, sum(r.escalated) AS escalated
           FROM "FlowHourStat" r WHERE ${hours} AND r.hour >= b.starts AND r.hour < b.ends
         ) c) t) AS "overTime",
      -- Custom steps by normalised title (case, inner spaces, trailing punctuation); each session once.
      (SELECT coalesce(json_agg(c ORDER BY c.sessions DESC, c.title), '[]') FROM (
         SELECT min(r.title) FILTER (WHERE r.sessions > 0) AS title, sum(r.sessions)::int AS sessions
         FROM "FlowCustomStepDayStat" r WHERE ${days}
         GROUP BY r.key HAVING sum(r.sessions) > 0 ORDER BY 2 DESC, 1 LIMIT 10) c) AS "customSteps"
    FROM f`,
    // Where sessions ended, read once: outcomes (completed sessions) and the per-node counts.
    db.$queryRaw<EndsRow[]>`
    WITH ${flow}, g AS (
      SELECT r."nodeId", r.outcome, r.completed, sum(r.n)::int AS n FROM "FlowEndDayStat" r WHERE ${days} GROUP BY 1, 2, 3
    )
    SELECT f.id, f.name, f.type,
      (SELECT coalesce(json_agg(o ORDER BY o.count DESC, o.outcome), '[]') FROM (
         SELECT g.outcome, sum(g.n)::int AS count FROM g WHERE g.completed AND g.outcome <> '' GROUP BY 1 HAVING sum(g.n) > 0) o) AS outcomes,
      (SELECT coalesce(json_agg(e ORDER BY e."nodeId"), '[]') FROM (
         SELECT g."nodeId",
                coalesce(sum(g.n) FILTER (WHERE g.completed), 0)::int AS ended,
                coalesce(sum(g.n) FILTER (WHERE g.outcome IN ${RESOLVED}), 0)::int AS resolved,
                coalesce(sum(g.n) FILTER (WHERE g.outcome IN ('partially_resolved', 'completed_with_issues')), 0)::int AS "partiallyResolved",
                coalesce(sum(g.n) FILTER (WHERE g.outcome = 'escalated'), 0)::int AS escalated,
                coalesce(sum(g.n) FILTER (WHERE g.outcome = 'unresolved'), 0)::int AS unresolved,
                coalesce(sum(g.n) FILTER (WHERE g.outcome = 'aborted'), 0)::int AS aborted
         FROM g WHERE g."nodeId" <> '' GROUP BY 1 HAVING sum(g.n) > 0) e) AS ended
    FROM f`,
    // The live reads of the sessions, and procedures' step marks (stepStates: { [stepId]: { status } }).
    db.$queryRaw<LiveRow[]>`
    WITH ${flow}
    SELECT f.id, f.name, f.type,
      -- Durations cannot be summed: percentiles over the range's latest completed sessions (bounded).
      (SELECT json_build_object('medianSeconds', percentile_cont(0.5) WITHIN GROUP (ORDER BY w.seconds)::float8,
                                'p90Seconds', percentile_cont(0.9) WITHIN GROUP (ORDER BY w.seconds)::float8)
       FROM (SELECT extract(epoch FROM s."completedAt" - s."startedAt") AS seconds FROM "Session" s
             WHERE ${liveScope} AND s.status = 'completed' AND s."startedAt" IS NOT NULL
             ORDER BY s."createdAt" DESC LIMIT ${DURATION_WINDOW}) w) AS durations,
      -- Active sessions per node they are on; abandoned depends on now, so it is read live.
      (SELECT coalesce(json_agg(a), '[]') FROM (
         SELECT s."currentNodeId" AS "nodeId", count(*)::int AS active,
                count(*) FILTER (WHERE s."updatedAt" < ${now}::timestamptz - make_interval(days => ${ABANDONED_AFTER_DAYS}::int))::int AS abandoned
         FROM "Session" s WHERE ${liveScope} AND s.status = 'active' GROUP BY 1) a) AS "activeAt",
      CASE WHEN f.type = 'troubleshooting' THEN '[]'::json ELSE (SELECT coalesce(json_agg(p ORDER BY p."stepId"), '[]') FROM (
         SELECT r."stepId", sum(r.n)::int AS marked,
                coalesce(sum(r.n) FILTER (WHERE r.status = 'done'), 0)::int AS done,
                coalesce(sum(r.n) FILTER (WHERE r.status = 'skipped'), 0)::int AS skipped,
                coalesce(sum(r.n) FILTER (WHERE r.status = 'failed'), 0)::int AS failed
         FROM "FlowStepDayStat" r WHERE ${days} GROUP BY 1 HAVING sum(r.n) > 0) p) END AS steps
    FROM f`,
  ]);
  const [row, end, live] = [counts[0], ends[0], lives[0]];
  if (!row || !end || !live) throw notFound("Flow");
  const { sessions, completed, resolved } = row.totals;
  const summary: FlowSummary = {
    sessions, completed, resolved,
    active: live.activeAt.reduce((sum, a) => sum + a.active, 0),
    resolutionRate: completed ? resolved / completed : null,
    medianSeconds: live.durations.medianSeconds ?? null,
    p90Seconds: live.durations.p90Seconds ?? null,
  };
  return {
    flow: { id: row.id, name: row.name, type: row.type }, unit, summary, outcomes: end.outcomes, overTime: row.overTime,
    nodes: dropOffs(end.ended, live.activeAt), steps: live.steps, customSteps: row.customSteps,
  };
}

/** Where sessions ended (roll-up) joined with where active ones sit (live): every node either names. */
function dropOffs(ended: Omit<NodeDropOff, "abandoned">[], activeAt: ActiveAt[]): NodeDropOff[] {
  const zero = { ended: 0, resolved: 0, partiallyResolved: 0, escalated: 0, unresolved: 0, aborted: 0 };
  const nodes = new Map<string, NodeDropOff>(ended.map((n) => [n.nodeId, { ...n, abandoned: 0 }]));
  for (const a of activeAt) {
    if (a.nodeId === null) continue;
    const node = nodes.get(a.nodeId) ?? { nodeId: a.nodeId, ...zero, abandoned: 0 };
    nodes.set(a.nodeId, { ...node, abandoned: a.abandoned });
  }
  return [...nodes.values()];
}
