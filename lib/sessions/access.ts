// Who may see and change a session: the one place that knows session tenancy rules.
// See: owner, assignee, their team, account admins. Change: owner, assignee, account admins.
// A prepared session is started by its assignee or an admin; an unassigned one by anyone who
// sees it. After completion only the owner or an admin edits the notes.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { readStructure, type FlowType } from "@/lib/flows/structure";
import { readVariables } from "@/lib/flows/variables";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export function visibleSessionsWhere(user: Viewer): Prisma.SessionWhereInput {
  if (isAdmin(user.role)) return { accountId: user.accountId };
  const who: Prisma.SessionWhereInput[] = [{ ownerId: user.id }, { assigneeId: user.id }];
  if (user.teamId) who.push({ teamId: user.teamId });
  return { accountId: user.accountId, OR: who };
}

/** The same rule as visibleSessionsWhere, for raw SQL over "Session" s (the history's flow filter). */
export function visibleSessionsSql(user: Viewer): Prisma.Sql {
  if (isAdmin(user.role)) return Prisma.sql`s."accountId" = ${user.accountId}::uuid`;
  const team = user.teamId ? Prisma.sql` OR s."teamId" = ${user.teamId}::uuid` : Prisma.empty;
  return Prisma.sql`(s."accountId" = ${user.accountId}::uuid AND (s."ownerId" = ${user.id}::uuid OR s."assigneeId" = ${user.id}::uuid${team}))`;
}

export function canChangeSession(user: Viewer, session: { accountId: string; ownerId: string | null; assigneeId: string | null }) {
  return session.accountId === user.accountId && (isAdmin(user.role) || session.ownerId === user.id || session.assigneeId === user.id);
}

/** Whether the user may start this prepared session (which makes them its runner). */
export function canStartPreparedSession(user: Viewer, session: { assigneeId: string | null }) {
  return session.assigneeId === null || session.assigneeId === user.id || isAdmin(user.role);
}

/** Whether the user may edit a completed session's notes: whoever ran it, or an admin. */
export function canEditSessionNotes(user: Viewer, session: { accountId: string; ownerId: string | null }) {
  return session.accountId === user.accountId && (session.ownerId === user.id || isAdmin(user.role));
}

/** Prepared sessions waiting for this user: assigned to them, or unassigned in their team. */
export function preparedForUserWhere(user: Viewer): Prisma.SessionWhereInput {
  const waiting: Prisma.SessionWhereInput[] = [{ assigneeId: user.id }];
  if (user.teamId) waiting.push({ assigneeId: null, teamId: user.teamId });
  return { accountId: user.accountId, status: "prepared", OR: waiting };
}

/**
 * The same rule for raw SQL over "Session" s, as one condition per way of waiting (their union
 * is preparedForUserWhere): each branch is read through its own partial index in a UNION ALL.
 */
export function preparedForUserSqlBranches(user: Viewer): Prisma.Sql[] {
  const branches = [Prisma.sql`s."accountId" = ${user.accountId}::uuid AND s.status = 'prepared' AND s."assigneeId" = ${user.id}::uuid`];
  if (user.teamId) {
    branches.push(Prisma.sql`s."accountId" = ${user.accountId}::uuid AND s.status = 'prepared' AND s."assigneeId" IS NULL AND s."teamId" = ${user.teamId}::uuid`);
  }
  return branches;
}

/** Sessions this user is running: theirs or assigned to them. */
export function runningByUserWhere(user: Viewer): Prisma.SessionWhereInput {
  return { accountId: user.accountId, status: "active", OR: [{ ownerId: user.id }, { assigneeId: user.id }] };
}

export const sessionRunSelect = {
  id: true, accountId: true, teamId: true, ownerId: true, assigneeId: true, preparedById: true, status: true,
  flowId: true, flowName: true, flowType: true, currentNodeId: true, path: true, stepStates: true, notes: true,
  customSteps: true, variables: true, startedAt: true, completedAt: true, outcome: true, outcomeNotes: true, nextSteps: true,
  flowVersion: { select: { id: true, version: true, structure: true, variables: true } },
} as const satisfies Prisma.SessionSelect;

/** The session with its flow version's structure and variable definitions parsed (typed on the flow type). */
function withFlow<S extends { flowType: FlowType; flowVersion: { structure: unknown; variables: unknown } | null }>(session: S) {
  const flowVersion = requireFlowVersion(session);
  return { ...session, flowVersion, flow: readStructure(session.flowType, flowVersion.structure), definitions: readVariables(flowVersion.variables) };
}

/**
 * The flow version a flow session runs. Assistant sessions (kind = assistant) run none: the
 * flow runner's actions refuse them with a clear message instead of failing on a null.
 */
export function requireFlowVersion<V>(session: { flowVersion: V | null }): V {
  if (session.flowVersion === null) throw new AppError("conflict", "This session is an assistant walk, not a flow run.");
  return session.flowVersion;
}

/**
 * Loads a session the user may change, locking its row inside `tx` so concurrent writes to one
 * session run one after another. Invisible → not found; visible but not theirs → forbidden.
 */
export async function getChangeableSessionOrThrow(
  tx: Tx,
  user: Viewer,
  sessionId: string,
  options: { allowCompleted?: boolean; allowPrepared?: boolean } = {},
) {
  return withFlow(await lockChangeableSession(tx, user, sessionId, options));
}

/**
 * getChangeableSessionOrThrow without the flow version: for writes that apply to every kind of
 * session, assistant walks included (completion, the notes after it).
 */
export async function lockChangeableSession(
  tx: Tx,
  user: Viewer,
  sessionId: string,
  options: { allowCompleted?: boolean; allowPrepared?: boolean } = {},
) {
  await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
  const session = await tx.session.findFirst({ where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] }, select: sessionRunSelect });
  if (!session) throw notFound("Session");
  if (!canChangeSession(user, session)) throw forbidden("Only the engineer running this session, its assignee or an admin can change it.");
  if (session.status === "completed" && !options.allowCompleted) {
    throw new AppError("conflict", "This session is completed and read-only.");
  }
  // A prepared session is started first (which makes its runner the owner); until then only
  // its variables may change.
  if (session.status === "prepared" && !options.allowPrepared) {
    throw new AppError("conflict", "Start this prepared session before working on it.");
  }
  return session;
}

export async function getVisibleSessionOrThrow(user: Viewer, sessionId: string) {
  const session = await db.session.findFirst({ where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] }, select: sessionRunSelect });
  if (!session) throw notFound("Session");
  return withFlow(session);
}
