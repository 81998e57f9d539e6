// /insights' session counts computed the old, exact way: one aggregate per ranking over the
// account's Session rows themselves, under insightsSessionsSql. Kept only as the reference the
// roll-up (lib/analytics/insights.ts over "InsightStat", kept by triggers on "Session") must equal.
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { rangeStart, type AnalyticsParams } from "@/lib/analytics/analytics.validation";
import { insightsFlowsSql, insightsSessionsSql } from "@/lib/analytics/access";
import { INSIGHTS_TOP, MIN_COMPLETED_FOR_RATE, type EngineerUse, type FlowUse, type Insights } from "@/lib/analytics/insights";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
export type InsightCounts = Pick<Insights, "totals" | "topByUse" | "topByEscalation" | "engineers">;

export async function getInsightCountsExact(user: Viewer, params: AnalyticsParams, now: Date = new Date()): Promise<InsightCounts> {
  const since = rangeStart(params.range, now);
  const where = Prisma.sql`${insightsSessionsSql(user)}${since ? Prisma.sql` AND s."createdAt" >= ${since}` : Prisma.empty}`;
  const [totals, flows, engineers] = await Promise.all([
    db.$queryRaw<Insights["totals"][]>`
      SELECT count(*)::int AS sessions, count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
             count(*) FILTER (WHERE s.outcome IN ('resolved', 'completed'))::int AS resolved,
             count(*) FILTER (WHERE s.outcome = 'escalated')::int AS escalated
      FROM "Session" s WHERE ${where}`,
    db.$queryRaw<(FlowUse & { list: "use" | "escalation" })[]>`
      WITH per AS (
        SELECT s."flowId", count(*)::int AS sessions, count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
               count(*) FILTER (WHERE s.outcome = 'escalated')::int AS escalated
        FROM "Session" s WHERE ${where} AND s."flowId" IS NOT NULL GROUP BY 1
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
        SELECT s."ownerId", count(*)::int AS sessions, count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
               count(*) FILTER (WHERE s.outcome IN ('resolved', 'completed'))::int AS resolved
        FROM "Session" s WHERE ${where} AND s."ownerId" IS NOT NULL GROUP BY 1
      )
      SELECT u.id, u.name, per.sessions, per.completed, per.resolved
      FROM per JOIN "User" u ON u.id = per."ownerId" AND u."accountId" = ${user.accountId}::uuid
      ORDER BY per.sessions DESC, u.name, u.id LIMIT 20`,
  ]);
  const strip = <T extends { list: string }>({ list: _list, ...rest }: T) => rest;
  return {
    totals: totals[0],
    topByUse: flows.filter((f) => f.list === "use").map(strip),
    topByEscalation: flows.filter((f) => f.list === "escalation").map(strip),
    engineers,
  };
}
