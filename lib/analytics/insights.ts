// /insights: account-level rankings, each one aggregate statement. Sessions are read through
// Session(accountId, createdAt, flowId, ownerId, status, outcome) as an index-only scan; flows
// and users are joined only to the ranked rows. Who counts what: ./access.ts.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleLibrarySql } from "@/lib/library/access";
import { rangeStart, type AnalyticsParams } from "./analytics.validation";
import { insightsFlowsSql, insightsSessionsSql } from "./access";

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
  const since = rangeStart(params.range, now);
  const where = Prisma.sql`${insightsSessionsSql(user)}${since ? Prisma.sql` AND s."createdAt" >= ${since}` : Prisma.empty}`;
  const [totals, flows, engineers, steps] = await Promise.all([
    db.$queryRaw<Insights["totals"][]>`
      SELECT count(*)::int AS sessions, count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
             count(*) FILTER (WHERE s.outcome IN ('resolved', 'completed'))::int AS resolved,
             count(*) FILTER (WHERE s.outcome = 'escalated')::int AS escalated
      FROM "Session" s WHERE ${where}`,
    // Both flow rankings from one pass over the sessions: per-flow counts, then the visible flows.
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
    // The account's own library entries the viewer can see; rating = helpful share, smoothed (+1/+2) so 3 of 3 does not beat 95 of 100.
    db.$queryRaw<(StepUse & { list: "used" | "rated" })[]>`
      WITH own AS (
        SELECT s.id, s.title, s.type::text AS type, s."usageCount", s."helpfulCount", s."unhelpfulCount",
               (s."helpfulCount" + 1)::float8 / (s."helpfulCount" + s."unhelpfulCount" + 2) AS rating
        FROM "LibraryStep" s WHERE s."accountId" = ${user.accountId}::uuid AND s."isActive" AND ${visibleLibrarySql(user)}
      )
      (SELECT 'used' AS list, * FROM own WHERE "usageCount" > 0 ORDER BY "usageCount" DESC, title, id LIMIT ${INSIGHTS_TOP})
      UNION ALL
      (SELECT 'rated' AS list, * FROM own WHERE "helpfulCount" + "unhelpfulCount" >= ${MIN_VOTES_FOR_RATING}
       ORDER BY rating DESC, "helpfulCount" DESC, title, id LIMIT ${INSIGHTS_TOP})`,
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
