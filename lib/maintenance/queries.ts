// Reads behind the maintenance pages, scoped by the access rules inside the SQL.
import Papa from "papaparse";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { asProcedure, readStructure } from "@/lib/flows/structure";
import { visibleFlowsSql } from "@/lib/flows/access";
import { visibleSessionsWhere } from "@/lib/sessions/access";
import { procedureProgress, runtimeSteps, type CustomStep, type StepStates } from "@/lib/sessions/runtime";
import { OUTCOME_LABELS, type TicketExtras } from "@/lib/sessions/ticket";
import { formatDuration, secondsBetween } from "@/lib/time/format";
import { hasRole } from "@/lib/auth/roles";
import { canEditTargetList, MANAGE_ROLE, visibleBatchesSql, visibleBatchesWhere, visibleSchedulesSql, visibleSchedulesWhere, visibleTargetListsWhere } from "./access";
import { boxScore, boxScoreOf, boxScoreOfBatch, cardState, CARD_STATE_LABELS, DEFAULT_HUB_VIEW, HUB_PAGE_SIZE, type BatchScoreColumns, type BoxScore, type CardState, type HubView } from "./progress";
import type { TargetInput } from "./targets";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

// ---------- target lists ----------

export type TargetListOption = { id: string; name: string; count: number };
/** The run and schedule dialogs list this many target lists at a time (searched by name). */
export const TARGET_LIST_PICK = 20;

/** Target lists the viewer can run, by name, for the dialogs' pickers: a page of them, never all. */
export async function searchTargetLists(user: Viewer, q: string): Promise<{ lists: TargetListOption[]; more: boolean }> {
  const lists = await db.targetList.findMany({
    where: { AND: [visibleTargetListsWhere(user), q ? { name: { contains: q, mode: "insensitive" } } : {}] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: TARGET_LIST_PICK + 1,
    select: { id: true, name: true, _count: { select: { targets: true } } },
  });
  return { lists: lists.slice(0, TARGET_LIST_PICK).map((l) => ({ id: l.id, name: l.name, count: l._count.targets })), more: lists.length > TARGET_LIST_PICK };
}

/** The maintenance pages show this many flows or target lists per page: a page costs the same in a big account. */
export const MAINTENANCE_PAGE_SIZE = 20;
const pageWindow = (page: number) => ({ skip: (Math.max(1, Math.floor(page)) - 1) * MAINTENANCE_PAGE_SIZE, take: MAINTENANCE_PAGE_SIZE + 1 });
export type Paged<T> = { rows: T[]; page: number; hasMore: boolean };
const paged = <T>(rows: T[], page: number): Paged<T> => ({ rows: rows.slice(0, MAINTENANCE_PAGE_SIZE), page: Math.max(1, Math.floor(page)), hasMore: rows.length > MAINTENANCE_PAGE_SIZE });

/** The Target lists tab's row shows the first few labels of a list. */
export const TARGET_PREVIEW = 6;

export type TargetListRowData = {
  id: string; name: string; visibility: "team" | "account"; updatedAt: string; editable: boolean;
  count: number; preview: string[];
};

/**
 * The Target lists tab, a page at a time: what a row shows (name, who sees it, the target count
 * and the first TARGET_PREVIEW labels), never the targets themselves: the editor loads a list's
 * targets when it opens (GET /api/maintenance/target-lists/[id], getTargetList).
 */
export async function listTargetLists(user: Viewer, page = 1): Promise<Paged<TargetListRowData>> {
  // Index: TargetList @@unique([accountId, name]) gives the name order; Target @@unique([listId, position]) the preview.
  const lists = await db.targetList.findMany({
    where: visibleTargetListsWhere(user),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...pageWindow(page),
    select: {
      id: true, name: true, visibility: true, updatedAt: true, accountId: true, createdById: true, teamId: true,
      targets: { select: { label: true }, orderBy: { position: "asc" }, take: TARGET_PREVIEW },
      _count: { select: { targets: true } },
    },
  });
  return paged(lists.map(({ accountId, createdById, teamId, targets, _count, ...l }) => ({
    ...l, editable: canEditTargetList(user, { accountId, createdById, teamId }), visibility: l.visibility as "team" | "account", updatedAt: l.updatedAt.toISOString(),
    count: _count.targets, preview: targets.map((t) => t.label),
  })), page);
}

export async function getTargetList(user: Viewer, listId: string) {
  if (!isUuid(listId)) throw notFound("Target list");
  const list = await db.targetList.findFirst({
    where: { AND: [{ id: listId }, visibleTargetListsWhere(user)] },
    select: { id: true, name: true, description: true, visibility: true, targets: { select: { label: true, notes: true, values: true }, orderBy: { position: "asc" } } },
  });
  if (!list) throw notFound("Target list");
  return { ...list, visibility: list.visibility as "team" | "account", targets: list.targets.map((t) => ({ ...t, values: t.values as Record<string, string> })) as TargetInput[] };
}

// ---------- batches ----------

export type BatchCard = {
  sessionId: string;
  target: string;
  targetNotes: string;
  state: CardState;
  stateLabel: string;
  outcome: string | null;
  progress: { done: number; skipped: number; failed: number; total: number; finished: number };
  engineer: string | null;
  startedAt: string | null;
  completedAt: string | null;
  notes: string;
};

type BatchHeader = {
  id: string;
  flowId: string | null;
  flowName: string;
  createdAt: string;
  launchedBy: string | null;
  schedule: { id: string; cron: string; timezone: string } | null;
  dueAt: string | null;
  mergedCount: number;
  rerunOf: { id: string; createdAt: string } | null;
  reruns: { id: string; createdAt: string }[];
  score: BoxScore;
};

/** Every target of a batch (the CSV export and the REST API). */
export type BatchResults = BatchHeader & { cards: BatchCard[] };

export { DEFAULT_HUB_VIEW, HUB_PAGE_SIZE, type HubView } from "./progress";

/** The hub: the header and box score over every target, and one page of cards for the view. */
export type BatchHub = BatchHeader & {
  cards: BatchCard[];
  view: HubView;
  /** Targets matching the view's state and search (the box score counts them all), and pages of them. */
  matching: number;
  pages: number;
};

// The card state in SQL, as cardState() decides it (lib/maintenance/progress.ts), and the order
// the hub lists cards in when no state is picked: what needs attention first.
const STATE_SQL = Prisma.sql`CASE
  WHEN status = 'prepared' THEN 'not_started'
  WHEN status = 'active' THEN 'in_progress'
  WHEN outcome IN ('aborted', 'unresolved') THEN 'aborted'
  WHEN outcome IN ('completed_with_issues', 'escalated', 'partially_resolved') THEN 'completed_with_issues'
  ELSE 'completed' END`;
const ATTENTION_SQL = Prisma.sql`CASE
  WHEN status = 'active' THEN 0
  WHEN outcome IN ('completed_with_issues', 'escalated', 'partially_resolved') THEN 1
  WHEN status = 'prepared' THEN 2
  WHEN outcome IN ('aborted', 'unresolved') THEN 3
  ELSE 4 END`;

const CARD_SELECT = {
  id: true, targetLabel: true, targetNotes: true, status: true, outcome: true, stepStates: true, customSteps: true,
  startedAt: true, completedAt: true, outcomeNotes: true,
  owner: { select: { name: true } }, assignee: { select: { name: true } },
} as const;

async function batchHeader(user: Viewer, batchId: string) {
  if (!isUuid(batchId)) throw notFound("Batch");
  const batch = await db.batch.findFirst({
    where: { AND: [{ id: batchId }, visibleBatchesWhere(user)] },
    select: {
      id: true, flowId: true, flowName: true, createdAt: true, dueAt: true, mergedCount: true,
      launchedBy: { select: { name: true } },
      schedule: { select: { id: true, cron: true, timezone: true } },
      rerunOf: { select: { id: true, createdAt: true } },
      reruns: { select: { id: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      flowVersion: { select: { structure: true } },
    },
  });
  if (!batch) throw notFound("Batch");
  const structure = asProcedure(readStructure("maintenance", batch.flowVersion.structure).structure);
  // Most sessions add no steps of their own: lay out the flow's steps once for all of them.
  const plain = runtimeSteps(structure, []);
  const toCard = (s: Prisma.SessionGetPayload<{ select: typeof CARD_SELECT }>): BatchCard => {
    const state = cardState(s);
    const custom = s.customSteps as CustomStep[];
    const progress = procedureProgress(custom.length ? runtimeSteps(structure, custom) : plain, s.stepStates as StepStates);
    return {
      sessionId: s.id, target: s.targetLabel ?? "", targetNotes: s.targetNotes ?? "", state, stateLabel: CARD_STATE_LABELS[state],
      outcome: s.outcome ? OUTCOME_LABELS[s.outcome] : null,
      progress: { done: progress.done, skipped: progress.skipped, failed: progress.failed, total: progress.total, finished: progress.finished },
      engineer: s.owner?.name ?? s.assignee?.name ?? null,
      startedAt: s.startedAt?.toISOString() ?? null, completedAt: s.completedAt?.toISOString() ?? null, notes: s.outcomeNotes,
    };
  };
  const header = {
    id: batch.id, flowId: batch.flowId, flowName: batch.flowName, createdAt: batch.createdAt.toISOString(),
    launchedBy: batch.launchedBy?.name ?? null, schedule: batch.schedule, dueAt: batch.dueAt?.toISOString() ?? null, mergedCount: batch.mergedCount,
    rerunOf: batch.rerunOf ? { id: batch.rerunOf.id, createdAt: batch.rerunOf.createdAt.toISOString() } : null,
    reruns: batch.reruns.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString() })),
  };
  return { header, toCard };
}

/** Every target's card, by label: the CSV export and the REST API. Three statements whatever the size. */
export async function getBatchResults(user: Viewer, batchId: string): Promise<BatchResults> {
  const { header, toCard } = await batchHeader(user, batchId);
  const sessions = await db.session.findMany({ where: { batchId: header.id, accountId: user.accountId }, orderBy: { targetLabel: "asc" }, select: CARD_SELECT });
  return { ...header, score: boxScore(sessions), cards: sessions.map(toCard) };
}

/**
 * What the hub shows: the box score over every target (counted in SQL), and one page of cards
 * for `view`: a state (or all, what needs attention first: in progress, with issues, not
 * started, aborted, completed), a search in the target labels, a page number.
 */
export async function getBatchHub(user: Viewer, batchId: string, view: HubView = DEFAULT_HUB_VIEW): Promise<BatchHub> {
  const { header, toCard } = await batchHeader(user, batchId);
  const stateFilter = view.state === "all" ? Prisma.empty : Prisma.sql`AND state = ${view.state}`;
  const search = view.q ? Prisma.sql`AND "targetLabel" ILIKE ${`%${view.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : Prisma.empty;
  // One pass over the batch's sessions (Session(batchId, targetLabel)): the counts per state, the
  // number matching the view, and the page's ids in the view's order.
  const page = Math.max(1, Math.floor(view.page));
  const rows = await db.$queryRaw<{ id: string | null; state: CardState | null; count: number; matching: number }[]>`
    WITH s AS (
      SELECT id, "targetLabel", ${STATE_SQL} AS state, ${ATTENTION_SQL} AS attention
      FROM "Session" WHERE "batchId" = ${header.id}::uuid AND "accountId" = ${user.accountId}::uuid
    ), hit AS (
      SELECT * FROM s WHERE true ${stateFilter} ${search}
    )
    SELECT NULL::uuid AS id, state, count(*)::int AS count, (SELECT count(*)::int FROM hit) AS matching FROM s GROUP BY state
    UNION ALL
    SELECT id, NULL, 0, 0 FROM (
      SELECT id FROM hit ORDER BY attention, "targetLabel", id LIMIT ${HUB_PAGE_SIZE} OFFSET ${(page - 1) * HUB_PAGE_SIZE}
    ) p`;
  const counts = rows.filter((r) => r.id === null);
  const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
  const sessions = ids.length ? await db.session.findMany({ where: { id: { in: ids }, accountId: user.accountId }, select: CARD_SELECT }) : [];
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const matching = counts[0]?.matching ?? 0;
  return {
    ...header,
    score: boxScoreOf(Object.fromEntries(counts.map((c) => [c.state, c.count])) as Partial<Record<CardState, number>>),
    cards: ids.flatMap((id) => (byId.has(id) ? [toCard(byId.get(id)!)] : [])),
    view: { ...view, page },
    matching,
    pages: Math.max(1, Math.ceil(matching / HUB_PAGE_SIZE)),
  };
}

export const BATCH_CSV_COLUMNS = ["target", "status", "outcome", "steps_done", "steps_skipped", "steps_failed", "engineer", "started", "finished", "duration", "notes"] as const;

/** Per-target results as CSV (UTC ISO times, so spreadsheets sort them). */
export function batchCsv(hub: BatchResults): string {
  const rows = hub.cards.map((c) => [
    c.target, c.stateLabel, c.outcome ?? "", c.progress.done, c.progress.skipped, c.progress.failed, c.engineer ?? "",
    c.startedAt ?? "", c.completedAt ?? "", formatDuration(secondsBetween(c.startedAt, c.completedAt)) ?? "", c.notes,
  ]);
  // Cells starting with = + - @ would run as formulas in a spreadsheet: quote them as text.
  const safe = rows.map((row) => row.map((cell) => (typeof cell === "string" && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
  return Papa.unparse({ fields: [...BATCH_CSV_COLUMNS], data: safe }, { newline: "\r\n" });
}

export type BatchSummary = { id: string; createdAt: string; launchedBy: string | null; scheduled: boolean; mergedCount: number; score: BoxScore };

/** The batch columns a summary reads: the box score is the batch's roll-up, no session is read. */
const SUMMARY_SELECT = {
  id: true, createdAt: true, scheduleId: true, mergedCount: true, launchedBy: { select: { name: true } },
  notStartedCount: true, inProgressCount: true, completedCount: true, withIssuesCount: true, abortedCount: true,
} as const;

const summaryOf = (b: Prisma.BatchGetPayload<{ select: typeof SUMMARY_SELECT }>): BatchSummary => ({
  id: b.id, createdAt: b.createdAt.toISOString(), launchedBy: b.launchedBy?.name ?? null, scheduled: b.scheduleId !== null, mergedCount: b.mergedCount, score: boxScoreOfBatch(b),
});

/** A flow's batches, newest first (Batch(flowId, createdAt DESC)), each with its box score. */
export async function flowBatches(user: Viewer, flowId: string, take = 10): Promise<BatchSummary[]> {
  if (!isUuid(flowId)) return [];
  const batches = await db.batch.findMany({ where: { AND: [{ flowId }, visibleBatchesWhere(user)] }, orderBy: { createdAt: "desc" }, take, select: SUMMARY_SELECT });
  return batches.map(summaryOf);
}

export type RecentBatch = BatchSummary & { flowId: string | null; flowName: string };

/** Dashboard: the viewer's recent batches, newest first, each with its progress. */
export async function recentBatches(user: Viewer, take = 5): Promise<RecentBatch[]> {
  const batches = await db.batch.findMany({
    where: visibleBatchesWhere(user),
    orderBy: { createdAt: "desc" },
    take,
    select: { ...SUMMARY_SELECT, flowId: true, flowName: true },
  });
  return batches.map((b) => ({ ...summaryOf(b), flowId: b.flowId, flowName: b.flowName }));
}

export type BatchContext = {
  batchId: string; target: string; targetNotes: string; launchedAt: string; scheduled: boolean;
  finished: number; total: number; nextSessionId: string | null; nextTarget: string | null;
};

/** The target and batch lines of a maintenance session's ticket note and print view. */
export const batchTicketExtras = (batch: BatchContext | null): TicketExtras =>
  batch ? { target: batch.target, targetNotes: batch.targetNotes, batch: { launchedAt: batch.launchedAt, total: batch.total, scheduled: batch.scheduled } } : {};

/** The runner's strip for a session of a batch: its target, the batch's progress, the next target. */
export async function batchContext(user: Viewer, sessionId: string): Promise<BatchContext | null> {
  if (!isUuid(sessionId)) return null;
  const session = await db.session.findFirst({
    where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] },
    select: {
      batchId: true, targetLabel: true, targetNotes: true,
      batch: { select: { createdAt: true, dueAt: true, notStartedCount: true, inProgressCount: true, completedCount: true, withIssuesCount: true, abortedCount: true } },
    },
  });
  if (!session?.batchId || !session.batch) return null;
  // The batch's progress from its roll-up columns; next: the first target after this one by label
  // (wrapping) that nobody has started and that is for me or unassigned — one row from each side
  // through Session(batchId, targetLabel), not every session of the batch.
  const label = session.targetLabel ?? "";
  const waiting = Prisma.sql`s."batchId" = ${session.batchId}::uuid AND s."accountId" = ${user.accountId}::uuid AND s.status = 'prepared'
    AND (s."assigneeId" IS NULL OR s."assigneeId" = ${user.id}::uuid) AND s.id <> ${sessionId}::uuid`;
  const [next] = await db.$queryRaw<{ id: string; targetLabel: string | null }[]>`
    (SELECT s.id, s."targetLabel", 0 AS side FROM "Session" s WHERE ${waiting} AND s."targetLabel" > ${label} ORDER BY s."targetLabel" LIMIT 1)
    UNION ALL
    (SELECT s.id, s."targetLabel", 1 AS side FROM "Session" s WHERE ${waiting} AND s."targetLabel" <= ${label} ORDER BY s."targetLabel" LIMIT 1)
    ORDER BY side LIMIT 1`;
  const score = boxScoreOfBatch(session.batch);
  return {
    batchId: session.batchId, target: label, targetNotes: session.targetNotes ?? "",
    // A scheduled batch is named by the due time it fired for.
    launchedAt: (session.batch.dueAt ?? session.batch.createdAt).toISOString(), scheduled: session.batch.dueAt !== null,
    finished: score.finished, total: score.total, nextSessionId: next?.id ?? null, nextTarget: next?.targetLabel ?? null };
}

// ---------- schedules and the overview ----------

export type ScheduleView = {
  id: string; flowId: string; cron: string; timezone: string; active: boolean; nextRunAt: string | null; lastRunAt: string | null;
  lastError: string | null; targetList: { id: string; name: string } | null; assignee: { id: string; name: string } | null; lastBatchId: string | null;
};

const scheduleSelect = {
  id: true, flowId: true, cron: true, timezone: true, active: true, nextRunAt: true, lastRunAt: true, lastError: true,
  targetList: { select: { id: true, name: true } }, assignee: { select: { id: true, name: true } },
  // The schedule's newest batch: its last due time, one probe of Batch @@unique([scheduleId, dueAt]) read backwards.
  batches: { where: { dueAt: { not: null } }, select: { id: true }, orderBy: { dueAt: "desc" as const }, take: 1 },
} as const;

function scheduleView(s: { id: string; flowId: string; cron: string; timezone: string; active: boolean; nextRunAt: Date | null; lastRunAt: Date | null; lastError: string | null; targetList: { id: string; name: string } | null; assignee: { id: string; name: string } | null; batches: { id: string }[] }): ScheduleView {
  return {
    id: s.id, flowId: s.flowId, cron: s.cron, timezone: s.timezone, active: s.active, nextRunAt: s.nextRunAt?.toISOString() ?? null,
    lastRunAt: s.lastRunAt?.toISOString() ?? null, lastError: s.lastError, targetList: s.targetList, assignee: s.assignee, lastBatchId: s.batches[0]?.id ?? null,
  };
}

export async function flowSchedules(user: Viewer, flowId: string): Promise<ScheduleView[]> {
  if (!isUuid(flowId)) return [];
  const schedules = await db.schedule.findMany({ where: { AND: [{ flowId }, visibleSchedulesWhere(user)] }, orderBy: { createdAt: "asc" }, select: scheduleSelect });
  return schedules.map(scheduleView);
}

/** What the overview shows of a schedule: in words, its zone, paused or not, the next run. */
export type OverviewSchedule = { id: string; cron: string; timezone: string; active: boolean; nextRunAt: string | null };

export type MaintenanceFlowRow = {
  id: string; name: string; status: string; isActive: boolean; schedules: OverviewSchedule[];
  activeBatch: BatchSummary | null; lastBatch: BatchSummary | null;
};

/** How many of a flow's newest batches the overview reads for "running" and "last result". */
const OVERVIEW_BATCHES = 3;

type OverviewBatchJson = { id: string; createdAt: string; scheduleId: string | null; mergedCount: number; launchedBy: string | null } & BatchScoreColumns;

/**
 * The maintenance flows the viewer sees, a page at a time, each with its schedules, active batch
 * and last result, in one statement that reads only rows it shows: the page of flows
 * (Flow(accountId, type, name, id) for the account's own; the few public flows of other accounts
 * by Flow(visibility, status, isActive)), each flow's schedules (Schedule(flowId)), and its
 * OVERVIEW_BATCHES newest batches (Batch(flowId, createdAt DESC)) with their box score roll-up:
 * no session is read, whatever the size of a batch or the account.
 */
export async function maintenanceOverview(user: Viewer, page = 1): Promise<Paged<MaintenanceFlowRow>> {
  const { skip, take } = pageWindow(page);
  const rows = await db.$queryRaw<{ id: string; name: string; status: string; isActive: boolean; schedules: OverviewSchedule[]; batches: OverviewBatchJson[] }[]>`
    WITH page AS (
      SELECT * FROM (
        (SELECT f.id, f.name, f.status::text AS status, f."isActive" FROM "Flow" f
          WHERE f."accountId" = ${user.accountId}::uuid AND f.type = 'maintenance' AND ${visibleFlowsSql(user, "f")}
          ORDER BY f.name, f.id LIMIT ${skip + take})
        UNION ALL
        (SELECT f.id, f.name, f.status::text, f."isActive" FROM "Flow" f
          WHERE f."accountId" <> ${user.accountId}::uuid AND f.type = 'maintenance' AND f.visibility = 'public' AND ${visibleFlowsSql(user, "f")}
          ORDER BY f.name, f.id LIMIT ${skip + take})
      ) u ORDER BY name, id LIMIT ${take} OFFSET ${skip}
    )
    SELECT p.id, p.name, p.status, p."isActive",
      coalesce((
        SELECT jsonb_agg(jsonb_build_object('id', s.id, 'cron', s.cron, 'timezone', s.timezone, 'active', s.active, 'nextRunAt', s."nextRunAt") ORDER BY s."createdAt", s.id)
        FROM "Schedule" s WHERE s."flowId" = p.id AND ${visibleSchedulesSql(user, "s")}
      ), '[]') AS schedules,
      coalesce((
        SELECT jsonb_agg(to_jsonb(b) ORDER BY b."createdAt" DESC) FROM (
          SELECT b.id, b."createdAt", b."scheduleId", b."mergedCount", u.name AS "launchedBy",
                 b."notStartedCount", b."inProgressCount", b."completedCount", b."withIssuesCount", b."abortedCount"
          FROM "Batch" b LEFT JOIN "User" u ON u.id = b."launchedById"
          WHERE b."flowId" = p.id AND ${visibleBatchesSql(user, "b")}
          ORDER BY b."createdAt" DESC LIMIT ${OVERVIEW_BATCHES}
        ) b
      ), '[]') AS batches
    FROM page p ORDER BY p.name, p.id`;
  return paged(rows.map(({ schedules, batches, ...flow }) => {
    const mine = batches.map((b): BatchSummary => ({
      id: b.id, createdAt: new Date(b.createdAt).toISOString(), launchedBy: b.launchedBy, scheduled: b.scheduleId !== null, mergedCount: b.mergedCount, score: boxScoreOfBatch(b),
    }));
    return {
      ...flow,
      schedules: schedules.map((s) => ({ ...s, nextRunAt: s.nextRunAt ? new Date(s.nextRunAt).toISOString() : null })),
      activeBatch: mine.find((b) => !b.score.done) ?? null,
      lastBatch: mine.find((b) => b.score.done) ?? null,
    };
  }), page);
}

/** Everything the maintenance part of a flow's page shows (components/maintenance/flow-maintenance.tsx). */
export async function flowMaintenanceData(user: Viewer, flowId: string) {
  // No target lists here: the dialogs load them when opened (searchTargetLists), not the page.
  const [schedules, batches] = await Promise.all([flowSchedules(user, flowId), flowBatches(user, flowId)]);
  return { schedules, batches, canManage: hasRole(user.role, MANAGE_ROLE) };
}
export type FlowMaintenanceData = Awaited<ReturnType<typeof flowMaintenanceData>>;
