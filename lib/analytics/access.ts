// Who sees analytics: the one place that knows the rule.
// - A flow's Analytics tab: the flow's author, and the account's admins/owners for every flow of
//   the account they can see (not another member's private flow). Anyone else — including a
//   teammate who may edit the flow — gets "not found", as for another account's flow. Only the
//   viewer's own account's sessions are counted (a public flow run by other accounts shows
//   nothing of theirs).
// - /insights: every signed-in member. Admins/owners count every session of the account; others
//   count the sessions of the flows they can see (lib/flows/access), so no flow name or count of
//   a flow hidden from them appears. Library rankings follow the library's visibility rule.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { visibleFlowsSql } from "@/lib/flows/access";
import { Prisma } from "@/lib/generated/prisma/client";
import { NO_OWNER_ID } from "./insight-buckets";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/** Flows whose analytics this user may read. */
export function analyticsFlowsWhere(user: Viewer): Prisma.FlowWhereInput {
  const who: Prisma.FlowWhereInput[] = [{ authorId: user.id }];
  if (isAdmin(user.role)) who.push({ visibility: { not: "private" } });
  return { accountId: user.accountId, OR: who };
}

/** The same rule as analyticsFlowsWhere, on a flow row aliased `f` in raw SQL (a test checks they agree). */
export function analyticsFlowsSql(user: Viewer): Prisma.Sql {
  const admin = isAdmin(user.role) ? Prisma.sql` OR f."visibility" <> 'private'` : Prisma.empty;
  return Prisma.sql`f."accountId" = ${user.accountId}::uuid AND (f."authorId" = ${user.id}::uuid${admin})`;
}

/**
 * Whether the flow page shows the Analytics tab, from the flow card the page already has (same
 * rule as analyticsFlowsWhere; a test checks they agree): `mine` means authored by the viewer;
 * an admin can edit exactly the non-private flows of their own account.
 */
export function canViewFlowAnalytics(user: Viewer, flow: { mine: boolean; editable: boolean; visibility: string }): boolean {
  return flow.mine || (isAdmin(user.role) && flow.editable && flow.visibility !== "private");
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The flow, when this user may read its analytics; otherwise "not found". */
export async function getAnalyticsFlowOrThrow(user: Viewer, flowId: string) {
  if (!isUuid(flowId)) throw notFound("Flow");
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: flowId }, analyticsFlowsWhere(user)] },
    select: { id: true, accountId: true, type: true, name: true },
  });
  if (!flow) throw notFound("Flow");
  return flow;
}

/**
 * Condition on a session row aliased `s` for /insights: admins every session of the account;
 * others the sessions of flows they can see (sessions of a deleted flow are left out for them).
 */
export function insightsSessionsSql(user: Viewer): Prisma.Sql {
  if (isAdmin(user.role)) return Prisma.sql`s."accountId" = ${user.accountId}::uuid`;
  return Prisma.sql`s."accountId" = ${user.accountId}::uuid AND EXISTS (
    SELECT 1 FROM "Flow" vf WHERE vf.id = s."flowId" AND vf."accountId" = ${user.accountId}::uuid AND ${visibleFlowsSql(user, "vf")})`;
}

const NO_OWNER = Prisma.raw(`'${NO_OWNER_ID}'::uuid`);

/**
 * Condition on /insights' roll-up rows ("InsightStat", aliased `r`; grains in prisma/schema.prisma)
 * that count the same sessions as insightsSessionsSql, each once: admins the account's per-owner
 * rows (every session, with a flow or without); others the per-flow rows of the flows they can see.
 * `byOwner`: rows that name an owner, one per owner and bucket (the engineer ranking).
 */
export function insightsRollupSql(user: Viewer, byOwner: boolean): Prisma.Sql {
  if (isAdmin(user.role)) return Prisma.sql`r.grain = 0${byOwner ? Prisma.sql` AND r."ownerId" <> ${NO_OWNER}` : Prisma.empty}`;
  return Prisma.sql`r.grain = ${Prisma.raw(byOwner ? "2" : "1")} AND EXISTS (
    SELECT 1 FROM "Flow" vf WHERE vf.id = r."flowId" AND vf."accountId" = ${user.accountId}::uuid AND ${visibleFlowsSql(user, "vf")})`;
}

/** Per-flow roll-up rows (alias `r`) for the flow rankings, every owner; the flows are then joined under insightsFlowsSql. */
export const insightsPerFlowSql = Prisma.sql`r.grain = 1`;

/** Condition on a flow row aliased `f` for /insights' flow rankings: the viewer's visible flows of their account. */
export function insightsFlowsSql(user: Viewer): Prisma.Sql {
  return Prisma.sql`f."accountId" = ${user.accountId}::uuid AND ${visibleFlowsSql(user, "f")}`;
}
