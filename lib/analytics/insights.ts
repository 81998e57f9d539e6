// /insights: account-level rankings, each one aggregate statement over the roll-up "InsightStat"
// (kept by triggers on "Session" in the writing transaction; lib/analytics/insight-buckets.ts): a
// range is a handful of buckets per flow or owner, so the page reads O(flows) rows, not the
// range's sessions. Flows and users are joined only to the summed rows; who counts what:
// ./access.ts (insightsRollupSql mirrors insightsSessionsSql). The library rankings read their
// page in the order of the library's own sort indexes ("Most used", "Best rated") with a LIMIT.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleLibrarySql } from "@/lib/library/access";
import { rangeStart, type AnalyticsParams } from "./analytics.validation";
import { insightsFlowsSql, insightsPerFlowSql, insightsRollupSql } from "./access";
import { rangeBuckets } from "./insight-buckets";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/** Rows per ranking. */
export const INSIGHTS_TOP = 10;
/** A flow joins the escalation ranking after this many completed sessions (one escalation of one run is noise). */
export const MIN_COMPLETED_FOR_RATE = 3;
/** A library step joins "best rated" after this many votes. */
export const MIN_VOTES_FOR_RATING = 3;

export type FlowUse = { id: string; name: string; type: string; sessions: number; completed: number; escalated: number; escalationRate: number | null };
export type EngineerUse = { id: string; name: string; sessions: number; completed: number; resolved: number };
export type StepUse = { id: string; title: string; type: string; usageCount: number; helpfulCount: number; unhelpfulCount: number; rating: number | null };
export type Insights = {
  totals: { sessions: number; completed: number; resolved: number; escalated: number };
  topByUse: FlowUse[];
  topByEscalation: FlowUse[];
  engineers: EngineerUse[];
  mostUsedSteps: StepUse[];
  bestRatedSteps: StepUse[];
};

export async function getInsights(user: Viewer, params: AnalyticsParams, now: Date = new Date()): Promise<Insights> {
  const buckets = rangeBuckets(rangeStart(params.range, now));
  // The range's buckets (one per span and start day), each read as one index range of the
  // roll-up: a lateral subquery per bucket, fenced by OFFSET 0 so the planner cannot turn it into
  // a scan of the account's whole grain joined to the list (what it picks when statistics are
  // missing, e.g. right after a migration).
  const spans = buckets.map((b) => b.span);
  const days = buckets.map((b) => b.day);
  const rows = (condition: Prisma.Sql) => Prisma.sql`
    unnest(${spans}::int[], ${days}::date[]) AS b(span, day)
    CROSS JOIN LATERAL (SELECT r.* FROM "InsightStat" r
      WHERE r."accountId" = ${user.accountId}::uuid AND r.span = b.span AND r.day = b.day AND ${condition} OFFSET 0) r`;
  const [totals, flows, engineers, steps] = await Promise.all([
    db.$queryRaw<Insights["totals"][]>`
      SELECT coalesce(sum(r.sessions), 0)::int AS sessions, coalesce(sum(r.completed), 0)::int AS completed,
             coalesce(sum(r.resolved), 0)::int AS resolved, coalesce(sum(r.escalated), 0)::int AS escalated
      FROM ${rows(insightsRollupSql(user, false))}`,
    // Both flow rankings from one pass over the per-flow rows: per-flow sums, then the visible flows.
    db.$queryRaw<(FlowUse & { list: "use" | "escalation" })[]>`
      WITH per AS (
        SELECT r."flowId", sum(r.sessions)::int AS sessions, sum(r.completed)::int AS completed, sum(r.escalated)::int AS escalated
        FROM ${rows(insightsPerFlowSql)} GROUP BY 1 HAVING sum(r.sessions) > 0
      ), vis AS (
        SELECT f.id, f.name, f.type::text AS type, per.sessions, per.completed, per.escalated,
               per.escalated::float8 / nullif(per.completed, 0) AS "escalationRate"
        FROM per JOIN "Flow" f ON f.id = per."flowId" WHERE ${insightsFlowsSql(user)}
      )
      (SELECT 'use' AS list, * FROM vis ORDER BY sessions DESC, name, id LIMIT ${INSIGHTS_TOP})
      UNION ALL
      (SELECT 'escalation' AS list, * FROM vis WHERE escalated > 0 AND completed >= ${MIN_COMPLETED_FOR_RATE}
       ORDER BY "escalationRate" DESC, completed DESC, name, id LIMIT ${INSIGHTS_TOP})`,
    db.$queryRaw<EngineerUse[]>`
      WITH per AS (
        SELECT r."ownerId", sum(r.sessions)::int AS sessions, sum(r.completed)::int AS completed, sum(r.resolved)::int AS resolved
        FROM ${rows(insightsRollupSql(user, true))} GROUP BY 1 HAVING sum(r.sessions) > 0
      )
      SELECT u.id, u.name, per.sessions, per.completed, per.resolved
      FROM per JOIN "User" u ON u.id = per."ownerId" AND u."accountId" = ${user.accountId}::uuid
      ORDER BY per.sessions DESC, u.name, u.id LIMIT 20`,
    // The account's own library entries the viewer can see, in the library's "Most used" and "Best
    // rated" orders (lib/library/queries.ts sortKeys), each read in the order of its index
    // (LibraryStep(accountId, isActive, usageCount DESC, updatedAt DESC) and LibraryStep_rated_own_idx)
    // and stopped at the LIMIT. rating = helpful share, smoothed (+1/+2) so 3 of 3 does not beat 95 of 100.
    db.$queryRaw<(StepUse & { list: "used" | "rated" })[]>`
      (SELECT 'used' AS list, ${stepColumns} FROM "LibraryStep" s
       WHERE s."accountId" = ${user.accountId}::uuid AND s."isActive" AND ${visibleLibrarySql(user)} AND s."usageCount" > 0
       ORDER BY s."usageCount" DESC, s."updatedAt" DESC, s.id LIMIT ${INSIGHTS_TOP})
      UNION ALL
      (SELECT 'rated' AS list, ${stepColumns} FROM "LibraryStep" s
       WHERE s."accountId" = ${user.accountId}::uuid AND s."isActive" AND ${visibleLibrarySql(user)}
         AND s."helpfulCount" + s."unhelpfulCount" >= ${MIN_VOTES_FOR_RATING}
       ORDER BY (s."helpfulCount" + 1.0) / (s."helpfulCount" + s."unhelpfulCount" + 2.0) DESC, s."helpfulCount" DESC, s.id LIMIT ${INSIGHTS_TOP})`,
  ]);
  const strip = <T extends { list: string }>({ list: _list, ...rest }: T) => rest;
  return {
    totals: totals[0],
    topByUse: flows.filter((f) => f.list === "use").map(strip),
    topByEscalation: flows.filter((f) => f.list === "escalation").map(strip),
    engineers,
    mostUsedSteps: steps.filter((s) => s.list === "used").map(strip),
    bestRatedSteps: steps.filter((s) => s.list === "rated").map(strip),
  };
}

const stepColumns = Prisma.sql`s.id, s.title, s.type::text AS type, s."usageCount", s."helpfulCount", s."unhelpfulCount",
  (s."helpfulCount" + 1)::float8 / (s."helpfulCount" + s."unhelpfulCount" + 2) AS rating`;
