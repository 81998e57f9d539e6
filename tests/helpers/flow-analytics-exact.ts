// The flow Analytics tab's numbers computed the old, exact way: one aggregate per number over the
// flow's Session rows themselves (jsonb unnested per view). Kept only as the reference the roll-up
// (lib/analytics/flow-analytics.ts, tables Flow*Stat kept by triggers on "Session") must equal.
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketUnit, rangeStart, type AnalyticsParams } from "@/lib/analytics/analytics.validation";
import { getAnalyticsFlowOrThrow } from "@/lib/analytics/access";
import { ABANDONED_AFTER_DAYS, type CustomStepCount, type FlowAnalytics, type FlowSummary, type NodeDropOff, type OutcomeCount, type StepRate, type TimeBucket } from "@/lib/analytics/flow-analytics";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
const RESOLVED = Prisma.sql`('resolved', 'completed')`;

/** The sessions counted: this flow, the viewer's account, the range (alias s). */
function scope(accountId: string, flowId: string, since: Date | null): Prisma.Sql {
  const from = since ? Prisma.sql` AND s."createdAt" >= ${since}` : Prisma.empty;
  return Prisma.sql`s."flowId" = ${flowId}::uuid AND s."accountId" = ${accountId}::uuid${from}`;
}

export async function getFlowAnalyticsExact(user: Viewer, flowId: string, params: AnalyticsParams, now: Date = new Date()): Promise<FlowAnalytics> {
  const flow = await getAnalyticsFlowOrThrow(user, flowId);
  const since = rangeStart(params.range, now);
  const where = scope(user.accountId, flow.id, since);
  const unit = bucketUnit(params.range);
  const [summary, outcomes, overTime, nodes, steps, customSteps] = await Promise.all([
    db.$queryRaw<FlowSummary[]>`
      SELECT count(*)::int AS sessions,
             count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
             count(*) FILTER (WHERE s.status = 'active')::int AS active,
             count(*) FILTER (WHERE s.outcome IN ${RESOLVED})::int AS resolved,
             (count(*) FILTER (WHERE s.outcome IN ${RESOLVED}))::float8 / nullif(count(*) FILTER (WHERE s.status = 'completed'), 0) AS "resolutionRate",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s."completedAt" - s."startedAt"))
               FILTER (WHERE s.status = 'completed' AND s."startedAt" IS NOT NULL)::float8 AS "medianSeconds",
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s."completedAt" - s."startedAt"))
               FILTER (WHERE s.status = 'completed' AND s."startedAt" IS NOT NULL)::float8 AS "p90Seconds"
      FROM "Session" s WHERE ${where}`,
    db.$queryRaw<OutcomeCount[]>`
      SELECT s.outcome::text AS outcome, count(*)::int AS count FROM "Session" s
      WHERE ${where} AND s.status = 'completed' AND s.outcome IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
    // Buckets in the viewer's zone, empty ones included, from the range's start (or the first session) to today.
    db.$queryRaw<TimeBucket[]>`
      WITH c AS (
        SELECT date_trunc(${unit}, s."createdAt" AT TIME ZONE ${params.tz}) AS bucket, count(*)::int AS sessions,
               count(*) FILTER (WHERE s.outcome IN ${RESOLVED})::int AS resolved,
               count(*) FILTER (WHERE s.outcome = 'escalated')::int AS escalated
        FROM "Session" s WHERE ${where} GROUP BY 1
      ), b AS (
        SELECT generate_series(
          date_trunc(${unit}, ${since ? Prisma.sql`${since}::timestamptz` : Prisma.sql`(SELECT min(s."createdAt") FROM "Session" s WHERE ${where})`} AT TIME ZONE ${params.tz}),
          date_trunc(${unit}, ${now}::timestamptz AT TIME ZONE ${params.tz}),
          ('1 ' || ${unit})::interval) AS bucket
      )
      SELECT to_char(b.bucket, 'YYYY-MM-DD') AS bucket, coalesce(c.sessions, 0)::int AS sessions,
             coalesce(c.resolved, 0)::int AS resolved, coalesce(c.escalated, 0)::int AS escalated
      FROM b LEFT JOIN c ON c.bucket = b.bucket ORDER BY b.bucket`,
    db.$queryRaw<NodeDropOff[]>`
      SELECT s."currentNodeId" AS "nodeId",
             count(*) FILTER (WHERE s.status = 'completed')::int AS ended,
             count(*) FILTER (WHERE s.outcome IN ${RESOLVED})::int AS resolved,
             count(*) FILTER (WHERE s.outcome IN ('partially_resolved', 'completed_with_issues'))::int AS "partiallyResolved",
             count(*) FILTER (WHERE s.outcome = 'escalated')::int AS escalated,
             count(*) FILTER (WHERE s.outcome = 'unresolved')::int AS unresolved,
             count(*) FILTER (WHERE s.outcome = 'aborted')::int AS aborted,
             count(*) FILTER (WHERE s.status = 'active' AND s."updatedAt" < ${now}::timestamptz - make_interval(days => ${ABANDONED_AFTER_DAYS}::int))::int AS abandoned
      FROM "Session" s WHERE ${where} AND s."currentNodeId" IS NOT NULL AND s.status <> 'prepared'
      GROUP BY 1`,
    // Procedures: each step's marks from the stepStates JSON ({ [stepId]: { status } }).
    flow.type === "troubleshooting" ? Promise.resolve([]) : db.$queryRaw<StepRate[]>`
      SELECT e.key AS "stepId", count(*)::int AS marked,
             count(*) FILTER (WHERE e.value->>'status' = 'done')::int AS done,
             count(*) FILTER (WHERE e.value->>'status' = 'skipped')::int AS skipped,
             count(*) FILTER (WHERE e.value->>'status' = 'failed')::int AS failed
      FROM "Session" s CROSS JOIN LATERAL jsonb_each(s."stepStates") AS e
      WHERE ${where} AND s."stepStates" <> '{}'::jsonb
      GROUP BY 1`,
    // Custom steps by title, normalised (case, inner spaces, trailing punctuation); counted once per session.
    db.$queryRaw<CustomStepCount[]>`
      SELECT min(c.value->>'title') AS title, count(DISTINCT s.id)::int AS sessions
      FROM "Session" s CROSS JOIN LATERAL jsonb_array_elements(s."customSteps") AS c
      WHERE ${where} AND s."customSteps" <> '[]'::jsonb
      GROUP BY lower(regexp_replace(regexp_replace(btrim(c.value->>'title'), '\\s+', ' ', 'g'), '[[:punct:][:space:]]+$', ''))
      ORDER BY 2 DESC, 1 LIMIT 10`,
  ]);
  return { flow: { id: flow.id, name: flow.name, type: flow.type }, unit, summary: summary[0], outcomes, overTime, nodes, steps, customSteps };
}
