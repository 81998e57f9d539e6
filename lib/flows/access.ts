// Who may see and who may change a flow: the one place that knows flow tenancy rules.
// - Another account's flow is visible only when it is public, published and active.
// - private: the author only; team: the flow's team (and account admins); account/public: the account.
// - l1 never edits; engineers edit their own flows and their team's; admins every non-private
//   flow of their account (and their own private ones).
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";
import { conflict, forbidden, notFound } from "@/lib/errors";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/**
 * The flow visibility rule, written once. visibleFlowsWhere (Prisma) and visibleFlowsSql (raw
 * SQL, for queries that join flows) are both rendered from it, and a test checks they agree.
 */
function flowVisibilityRule(user: Viewer) {
  return {
    accountId: user.accountId,
    /** Inside the viewer's account: these visibilities, the viewer's own flows, and team flows. */
    accountWide: ["account", "public"] as const,
    authorId: user.id,
    /** "every": all team flows of the account (admins); a team id: that team's; null: none. */
    team: isAdmin(user.role) ? ("every" as const) : user.teamId,
    /** Other accounts' flows: only these. */
    elsewhere: { visibility: "public", status: "published", isActive: true } as const,
  };
}

export function visibleFlowsWhere(user: Viewer): Prisma.FlowWhereInput {
  const rule = flowVisibilityRule(user);
  const own: Prisma.FlowWhereInput[] = [{ visibility: { in: [...rule.accountWide] } }, { authorId: rule.authorId }];
  if (rule.team === "every") own.push({ visibility: "team" });
  else if (rule.team) own.push({ visibility: "team", teamId: rule.team });
  return { OR: [{ accountId: rule.accountId, OR: own }, rule.elsewhere] };
}

/** The same rule as visibleFlowsWhere, as a SQL condition on the flow row aliased `alias`. */
export function visibleFlowsSql(user: Viewer, alias: string): Prisma.Sql {
  const { own, elsewhere } = flowBranchConditions(user, alias);
  return Prisma.sql`(
    ${own}
    OR ${elsewhere}
  )`;
}

/**
 * The same rule split by where a flow lives, for lists that walk the two apart (each in the
 * order of an index of its own): `own` is the viewer's account's flows the rule lets through,
 * `elsewhere` every other account's. Their union is exactly visibleFlowsSql (a test checks).
 */
export function visibleFlowsBranchesSql(user: Viewer, alias: string): { own: Prisma.Sql; elsewhere: Prisma.Sql } {
  const { own, elsewhere } = flowBranchConditions(user, alias);
  return { own, elsewhere: Prisma.sql`(${Prisma.raw(`${quoteIdent(alias)}."accountId"`)} <> ${user.accountId}::uuid AND ${elsewhere})` };
}

function flowBranchConditions(user: Viewer, alias: string): { own: Prisma.Sql; elsewhere: Prisma.Sql } {
  const rule = flowVisibilityRule(user);
  const f = (column: string) => Prisma.raw(`${quoteIdent(alias)}.${quoteIdent(column)}`);
  const team =
    rule.team === "every" ? Prisma.sql` OR ${f("visibility")} = 'team'`
    : rule.team ? Prisma.sql` OR (${f("visibility")} = 'team' AND ${f("teamId")} = ${rule.team}::uuid)`
    : Prisma.empty;
  const accountWide = Prisma.join(rule.accountWide.map((v) => Prisma.sql`${v}::"Visibility"`));
  return {
    own: Prisma.sql`(${f("accountId")} = ${rule.accountId}::uuid AND (${f("visibility")} IN (${accountWide}) OR ${f("authorId")} = ${rule.authorId}::uuid${team}))`,
    elsewhere: Prisma.sql`(${f("visibility")} = ${rule.elsewhere.visibility}::"Visibility" AND ${f("status")} = ${rule.elsewhere.status}::"FlowStatus" AND ${f("isActive")} = ${rule.elsewhere.isActive})`,
  };
}

const quoteIdent = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not an SQL identifier: ${name}`);
  return `"${name}"`;
};

export function editableFlowsWhere(user: Viewer): Prisma.FlowWhereInput {
  if (user.role === "l1") return { id: { in: [] } };
  if (isAdmin(user.role)) return { accountId: user.accountId, OR: [{ visibility: { not: "private" } }, { authorId: user.id }] };
  const own: Prisma.FlowWhereInput[] = [{ authorId: user.id }];
  if (user.teamId) own.push({ teamId: user.teamId, visibility: { not: "private" } });
  return { accountId: user.accountId, OR: own };
}

export function canEditFlow(user: Viewer, flow: { accountId: string; authorId: string | null; teamId: string | null; visibility: string }): boolean {
  if (user.role === "l1" || flow.accountId !== user.accountId) return false;
  if (flow.authorId === user.id) return true;
  if (flow.visibility === "private") return false;
  return isAdmin(user.role) || (user.teamId !== null && flow.teamId === user.teamId);
}

/**
 * Loads a flow for editing inside `tx`, locking its row so concurrent saves and publishes of the
 * same flow run one after another. Invisible → not found; visible but not editable → forbidden.
 */
export async function getEditableFlowOrThrow<S extends Prisma.FlowSelect>(tx: Tx, user: Viewer, flowId: string, select: S) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Flow" WHERE id = ${flowId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
  const flow = locked.length ? await tx.flow.findFirst({ where: { AND: [{ id: flowId }, editableFlowsWhere(user)] }, select }) : null;
  if (flow) return flow;
  const visible = await tx.flow.findFirst({ where: { AND: [{ id: flowId }, visibleFlowsWhere(user)] }, select: { id: true } });
  if (!visible) throw notFound("Flow");
  throw forbidden(user.role === "l1" ? "L1 technicians run flows but cannot change them." : "You cannot edit this flow. Fork it to make your own copy.");
}

export async function getVisibleFlowOrThrow<S extends Prisma.FlowSelect>(user: Viewer, flowId: string, select: S, client: Tx = db) {
  const flow = await client.flow.findFirst({ where: { AND: [{ id: flowId }, visibleFlowsWhere(user)] }, select });
  if (!flow) throw notFound("Flow");
  return flow;
}

/** The flow (visible to `user`, published, active) and its latest published version. */
export async function getRunnableFlowOrThrow(user: Viewer, flowId: string) {
  const flow = await getVisibleFlowOrThrow(user, flowId, {
    id: true, name: true, type: true, status: true, isActive: true, version: true,
    versions: { select: { id: true, structure: true, variables: true }, orderBy: { version: "desc" }, take: 1 },
  });
  const version = flow.versions[0];
  if (flow.status !== "published" || !flow.isActive || !version) {
    throw conflict("This flow is not published, so it cannot be run yet.");
  }
  return { flow, version };
}
