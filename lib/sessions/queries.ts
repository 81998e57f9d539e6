// Reads behind the session pages, scoped by visibleSessionsWhere inside the SQL.
import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { FLOW_TYPES, readStructure, type FlowStructure, type FlowType } from "@/lib/flows/structure";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionOutcome, SessionStatus } from "@/lib/generated/prisma/enums";
import { readVariables, type VariableDefinition } from "@/lib/flows/variables";
import { canChangeSession, canEditSessionNotes, canStartPreparedSession, preparedForUserSqlBranches, requireFlowVersion, runningByUserWhere, visibleSessionsSql, visibleSessionsWhere } from "./access";
import type { CustomStep, PathEvent, StepStates } from "./runtime";
import { OUTCOMES } from "./session.validation";
import type { VariableValues } from "./variables";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export type SessionView = {
  id: string;
  status: "prepared" | "active" | "completed";
  flowId: string | null;
  flowName: string;
  flowType: FlowType;
  flowVersion: number;
  owner: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  preparedBy: { id: string; name: string } | null;
  canChange: boolean;
  canEditNotes: boolean;
  /** For a prepared session: whether this user may start it. */
  canStart: boolean;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  currentNodeId: string | null;
  structure: FlowStructure;
  variableDefinitions: VariableDefinition[];
  variables: VariableValues;
  path: PathEvent[];
  stepStates: StepStates;
  notes: Record<string, string>;
  customSteps: CustomStep[];
  outcome: string | null;
  outcomeNotes: string;
  nextSteps: string;
  /** This user's feedback per step id. */
  feedback: Record<string, { helpful: boolean; comment: string }>;
  /** AI-assisted sessions (kind assistant): the described problem and the walk (lib/assistant/queries.ts). */
  problem?: string;
  walk?: WalkTicketNode[];
};

/** One node of an assistant walk, as the summary and the ticket need it. */
export type WalkTicketNode = {
  id: string;
  kind: "question" | "step" | "solution";
  status: "pending" | "accepted" | "edited" | "rejected";
  title: string;
  answerLabel: string | null;
  result: string | null;
  /** Typed in by the engineer, not suggested. */
  manual: boolean;
};

export async function getSessionView(user: Viewer, sessionId: string): Promise<SessionView> {
  if (!isUuid(sessionId)) throw notFound("Session");
  const session = await db.session.findFirst({
    where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] },
    select: {
      id: true, accountId: true, status: true, flowId: true, flowName: true, flowType: true, ownerId: true, assigneeId: true,
      createdAt: true, startedAt: true, completedAt: true, currentNodeId: true, path: true, stepStates: true, notes: true,
      customSteps: true, variables: true, outcome: true, outcomeNotes: true, nextSteps: true,
      owner: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      preparedBy: { select: { id: true, name: true } },
      flowVersion: { select: { version: true, structure: true, variables: true } },
      feedback: { where: { userId: user.id }, select: { stepId: true, helpful: true, comment: true } },
    },
  });
  if (!session) throw notFound("Session");
  const canChange = canChangeSession(user, session);
  const flowVersion = requireFlowVersion(session);
  return {
    id: session.id,
    status: session.status,
    flowId: session.flowId,
    flowName: session.flowName,
    flowType: session.flowType,
    flowVersion: flowVersion.version,
    owner: session.owner,
    assignee: session.assignee,
    preparedBy: session.preparedBy,
    canChange,
    canEditNotes: canEditSessionNotes(user, session),
    canStart: session.status === "prepared" && canStartPreparedSession(user, session),
    createdAt: session.createdAt.toISOString(),
    startedAt: session.startedAt?.toISOString() ?? null,
    completedAt: session.completedAt?.toISOString() ?? null,
    currentNodeId: session.currentNodeId,
    structure: readStructure(session.flowType, flowVersion.structure).structure,
    variableDefinitions: readVariables(flowVersion.variables),
    variables: session.variables as VariableValues,
    path: session.path as PathEvent[],
    stepStates: session.stepStates as StepStates,
    notes: session.notes as Record<string, string>,
    customSteps: session.customSteps as CustomStep[],
    outcome: session.outcome,
    outcomeNotes: session.outcomeNotes,
    nextSteps: session.nextSteps,
    feedback: Object.fromEntries(session.feedback.map((f) => [f.stepId, { helpful: f.helpful, comment: f.comment }])),
  };
}

// ---------- history ----------

export const SESSION_TABS = ["active", "prepared", "completed", "all"] as const;
export const HISTORY_PAGE_SIZE = 25;
/** Past this many matches the page says "1,000+": the count reads at most this many index entries. */
export const HISTORY_COUNT_CAP = 1_000;
/** At most this many flows in the history's flow filter. */
export const HISTORY_FLOW_FACETS = 300;

/** A calendar day (YYYY-MM-DD) that exists: "2025-13-45" is ignored like any other bad filter. */
const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  })
  .optional()
  .catch(undefined);

export const historySearchSchema = z.object({
  tab: z.enum(SESSION_TABS).catch("active"),
  flowId: z.string().uuid().optional().catch(undefined),
  /** "assistant": AI-assisted sessions only (they have no flow to filter by). */
  kind: z.enum(["flow", "assistant"]).optional().catch(undefined),
  type: z.enum(FLOW_TYPES).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  engineerId: z.string().uuid().optional().catch(undefined),
  mine: z.enum(["assigned"]).optional().catch(undefined),
  batchId: z.string().uuid().optional().catch(undefined),
  from: dateParam,
  to: dateParam,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type HistorySearch = z.infer<typeof historySearchSchema>;

/** The history's WHERE (visibility and filters) for raw SQL over "Session" s; also the REST API's. */
function historyWhereSql(user: Viewer, search: Omit<HistorySearch, "page">): Prisma.Sql {
  const and: Prisma.Sql[] = [visibleSessionsSql(user)];
  if (search.tab !== "all") and.push(Prisma.sql`s."status" = ${search.tab}::"SessionStatus"`);
  if (search.flowId) and.push(Prisma.sql`s."flowId" = ${search.flowId}::uuid`);
  if (search.kind) and.push(Prisma.sql`s."kind" = ${search.kind}::"SessionKind"`);
  if (search.type) and.push(Prisma.sql`s."flowType" = ${search.type}::"FlowType"`);
  if (search.outcome) and.push(Prisma.sql`s."outcome" = ${search.outcome}::"SessionOutcome"`);
  if (search.engineerId) and.push(Prisma.sql`s."ownerId" = ${search.engineerId}::uuid`);
  if (search.mine === "assigned") and.push(Prisma.sql`s."assigneeId" = ${user.id}::uuid`);
  if (search.batchId) and.push(Prisma.sql`s."batchId" = ${search.batchId}::uuid`);
  // The range is on last activity (updatedAt): what the list sorts by and shows, so the
  // (accountId[, status], updatedAt) indexes serve the range, the order and the count together.
  if (search.from) and.push(Prisma.sql`s."updatedAt" >= ${new Date(`${search.from}T00:00:00Z`)}::timestamptz`);
  if (search.to) and.push(Prisma.sql`s."updatedAt" < ${new Date(new Date(`${search.to}T00:00:00Z`).getTime() + 86_400_000)}::timestamptz`);
  return Prisma.join(and, " AND ");
}

type HistoryRow = {
  id: string; status: SessionStatus; kind: "flow" | "assistant"; flowId: string | null; flowName: string; flowType: FlowType; outcome: SessionOutcome | null;
  createdAt: Date; startedAt: Date | null; completedAt: Date | null; updatedAt: Date; batchId: string | null; targetLabel: string | null;
  stepsMarked: number; ownerId: string | null; ownerName: string | null; assigneeId: string | null; assigneeName: string | null;
  preparedBy: string | null; total: number;
};

/**
 * One statement per page, hand-written (Prisma's relation loading and reading each row's whole
 * walk and step states to count them cost ~3× this): the page with its people's names, the
 * number of marked steps counted in SQL, and (for the history page) the total counted up to the
 * cap beside it. The history pages by offset; the REST API by keyset after (updatedAt, id).
 */
export function historyPageSql(
  user: Viewer,
  search: Omit<HistorySearch, "page">,
  page: { offset: number; limit?: number; total?: boolean } | { after: { at: Date; id: string } | null; limit: number; total?: boolean },
): Prisma.Sql {
  const where = historyWhereSql(user, search);
  const limit = page.limit ?? HISTORY_PAGE_SIZE;
  const after = "after" in page && page.after ? Prisma.sql` AND (s."updatedAt", s."id") < (${page.after.at}::timestamptz, ${page.after.id}::uuid)` : Prisma.empty;
  return Prisma.sql`
    SELECT s."id", s."status", s."kind"::text AS "kind", s."flowId", s."flowName", s."flowType", s."outcome", s."createdAt", s."startedAt", s."completedAt",
           s."updatedAt", s."batchId", s."targetLabel",
           (CASE WHEN s."flowType" = 'troubleshooting'
                 THEN CASE WHEN jsonb_typeof(s."path") = 'array' THEN jsonb_array_length(s."path") ELSE 0 END
                 ELSE CASE WHEN jsonb_typeof(s."stepStates") = 'object' THEN (SELECT count(*) FROM jsonb_object_keys(s."stepStates")) ELSE 0 END
            END)::int AS "stepsMarked",
           o."id" AS "ownerId", o."name" AS "ownerName", a."id" AS "assigneeId", a."name" AS "assigneeName", p."name" AS "preparedBy",
           -- Ordered like the page, so the (accountId[, status], updatedAt) index serves the count and it stops at the cap.
           ${page.total === false ? Prisma.sql`0` : Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM "Session" s WHERE ${where} ORDER BY s."updatedAt" DESC LIMIT ${HISTORY_COUNT_CAP + 1}) c)`}::int AS "total"
    FROM "Session" s
    LEFT JOIN "User" o ON o."id" = s."ownerId"
    LEFT JOIN "User" a ON a."id" = s."assigneeId"
    LEFT JOIN "User" p ON p."id" = s."preparedById"
    WHERE ${where}${after}
    ORDER BY s."updatedAt" DESC, s."id" DESC
    LIMIT ${limit}${"offset" in page ? Prisma.sql` OFFSET ${page.offset}` : Prisma.empty}`;
}

/** A history row as the page and the REST API show it. */
export function toHistoryItem(row: HistoryRow) {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    flowId: row.flowId,
    flowName: row.flowName,
    flowType: row.flowType,
    outcome: row.outcome,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName! } : null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName! } : null,
    preparedBy: row.preparedBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    batchId: row.batchId,
    target: row.targetLabel,
    stepsMarked: row.stepsMarked,
  };
}

/** The REST API's list: the history's filters, a keyset page, no total. */
export async function historyRowsAfter(user: Viewer, search: Omit<HistorySearch, "page">, after: { at: Date; id: string } | null, limit: number) {
  const rows = await db.$queryRaw<HistoryRow[]>(historyPageSql(user, search, { after, limit, total: false }));
  return rows.map((row) => ({ ...toHistoryItem(row), updatedAtDate: row.updatedAt }));
}

export async function searchSessions(user: Viewer, search: HistorySearch) {
  const rows = await db.$queryRaw<HistoryRow[]>(historyPageSql(user, search, { offset: (search.page - 1) * HISTORY_PAGE_SIZE }));
  // Counting every match of a 100k-session account costs more than the page itself; past the
  // cap the page says "1,000+". An empty page past the first still needs the total (to page back).
  const total = rows.length
    ? rows[0].total
    : search.page > 1
      ? (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Session" s WHERE ${historyWhereSql(user, search)} ORDER BY s."updatedAt" DESC LIMIT ${HISTORY_COUNT_CAP + 1}) c`)[0].n
      : 0;
  return {
    total: Math.min(total, HISTORY_COUNT_CAP),
    totalCapped: total > HISTORY_COUNT_CAP,
    page: search.page,
    pageSize: HISTORY_PAGE_SIZE,
    items: rows.map(toHistoryItem),
  };
}
export type SessionSearchResult = Awaited<ReturnType<typeof searchSessions>>;

/**
 * The flows among the sessions this user sees, for the history's flow filter: a loose index scan
 * over Session(accountId, flowId) — each step jumps to the next flow id — so the list costs one
 * index probe per flow shown, not one row per session.
 */
export function historyFlowsSql(user: Viewer): Prisma.Sql {
  const visible = visibleSessionsSql(user);
  return Prisma.sql`
    WITH RECURSIVE f AS (
      (SELECT s."flowId", s."flowName" FROM "Session" s WHERE ${visible} AND s."flowId" IS NOT NULL ORDER BY s."flowId" LIMIT 1)
      UNION ALL
      SELECT n."flowId", n."flowName" FROM f, LATERAL (
        SELECT s."flowId", s."flowName" FROM "Session" s WHERE ${visible} AND s."flowId" > f."flowId" ORDER BY s."flowId" LIMIT 1
      ) n
    )
    SELECT "id", "name" FROM (SELECT "flowId" AS "id", "flowName" AS "name" FROM f LIMIT ${HISTORY_FLOW_FACETS}) x ORDER BY "name", "id"`;
}

/** Filter choices for the history page: flows and engineers of the account. */
export async function historyFacets(user: Viewer) {
  const [flows, engineers] = await Promise.all([
    db.$queryRaw<{ id: string; name: string }[]>(historyFlowsSql(user)),
    db.user.findMany({ where: { accountId: user.accountId, isServiceAccount: false }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
  ]);
  return { flows, engineers };
}

type PreparedRow = { id: string; flowName: string; flowType: FlowType; createdAt: Date; assigneeId: string | null; variables: Prisma.JsonValue; preparedByName: string | null };

/**
 * The newest prepared sessions waiting for this user (preparedForUserSqlBranches): the newest
 * `take` of each branch through its partial index, then the newest `take` of those, so the read is
 * bounded however many prepared sessions (batches of them) the account holds.
 */
async function preparedForUser(user: Viewer, take: number) {
  const branches = preparedForUserSqlBranches(user).map((where) => Prisma.sql`(
    SELECT s.id, s."flowName", s."flowType", s."createdAt", s."assigneeId", s.variables, s."preparedById"
      FROM "Session" s WHERE ${where} ORDER BY s."createdAt" DESC, s.id DESC LIMIT ${take})`);
  const rows = await db.$queryRaw<PreparedRow[]>`
    SELECT p.id, p."flowName", p."flowType"::text AS "flowType", p."createdAt", p."assigneeId", p.variables, u.name AS "preparedByName"
      FROM (${Prisma.join(branches, " UNION ALL ")}) p
      LEFT JOIN "User" u ON u.id = p."preparedById"
     ORDER BY p."createdAt" DESC, p.id DESC LIMIT ${take}`;
  return rows.map(({ preparedByName, ...row }) => ({ ...row, preparedBy: preparedByName === null ? null : { name: preparedByName } }));
}

/** Dashboard: prepared sessions assigned to me, and my sessions still in progress. */
export async function dashboardSessions(user: Viewer) {
  const [prepared, active] = await Promise.all([
    preparedForUser(user, 10),
    db.session.findMany({
      where: runningByUserWhere(user),
      select: { id: true, flowName: true, flowType: true, startedAt: true, updatedAt: true },
      orderBy: { updatedAt: "desc" },
      take: 10,
    }),
  ]);
  return { prepared, active };
}
