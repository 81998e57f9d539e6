// The cron tick: fire every schedule that is due, exactly once per (schedule, due time).
// Called by GET /api/cron/maintenance (Vercel Cron), `npm run cron:tick`, and a 60-second
// timer inside `npm start`. Vercel may deliver a tick twice or run two at once, so nothing
// here relies on timing:
// - due schedules are claimed with FOR UPDATE SKIP LOCKED (a second tick skips the ones this
//   one holds, and sees their moved cursor once this one commits);
// - the batch insert is ON CONFLICT (scheduleId, dueAt) DO NOTHING;
// - the cursor moves by a conditional UPDATE (… WHERE nextRunAt = the cursor we read), in the
//   same transaction as the batch.
//
// A chunk of due schedules is handled in one transaction with a fixed number of statements
// (claim, flows, targets, batches with their sessions, cursors), not ~5 per schedule; due times
// come from ./due-times.ts, which answers like cron-parser without stepping through luxon
// (`npm run bench`, m2, 100 schedules × 20 targets, goal ≤ 2 s). A schedule that cannot run (flow
// withdrawn, list empty or deleted, expression broken) is marked with why, and the rest fire.
// If the chunk's transaction fails for anything else, its schedules are retried one per
// transaction (the same logic), so one broken schedule never stops the others.
import type { Db, Tx } from "@/lib/db/client";
import { formatDateTime } from "@/lib/time/format";
import { insertBatches, type NewBatch } from "./launch";
import { dueRuns, scheduleProblem } from "./schedule";
import type { TargetInput } from "./targets";

export type TickResult = {
  /** Batches created. */
  fired: number;
  /** Missed due times folded into those batches. */
  coalesced: number;
  /** Schedules marked with an error (flow unpublished, list empty, expression broken) and not run. */
  skipped: number;
  /** Schedules that failed unexpectedly (logged on the server; retried next tick). */
  errors: number;
};

/** A tick handles at most this many schedules and leaves the rest to the next one. */
export const SCHEDULES_PER_TICK = 100;

type Claimed = {
  id: string; accountId: string; teamId: string | null; flowId: string; targetListId: string | null; assigneeId: string | null;
  cron: string; timezone: string; nextRunAt: Date;
};

/** What the tick decided for one schedule; `update` is the cursor move (null: leave the row alone). */
type Plan = {
  schedule: Claimed;
  batch: NewBatch | null;
  merged: number;
  update: { nextRunAt: Date | null; active?: boolean; lastError?: string; lastRunAt?: Date } | null;
  kind: "fire" | "skipped" | "not_due";
};

class CursorMoved extends Error {}

async function claim(tx: Tx, now: Date, limit: number, only: string[] | null, tried: string[]): Promise<Claimed[]> {
  return tx.$queryRaw<Claimed[]>`
    SELECT id, "accountId", "teamId", "flowId", "targetListId", "assigneeId", cron, timezone, "nextRunAt"
    FROM "Schedule"
    WHERE active AND "nextRunAt" <= ${now}
      AND (${only}::uuid[] IS NULL OR id = ANY(${only}::uuid[]))
      AND NOT (id = ANY(${tried}::uuid[]))
    ORDER BY "nextRunAt" LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
}

/** Reads what the claimed schedules need (their flows with latest version, their lists' targets) and decides each. */
async function plan(tx: Tx, claimed: Claimed[], now: Date): Promise<Plan[]> {
  const flowIds = [...new Set(claimed.map((s) => s.flowId))];
  const listIds = [...new Set(claimed.flatMap((s) => (s.targetListId ? [s.targetListId] : [])))];
  const [flows, targets] = await Promise.all([
    tx.flow.findMany({
      where: { id: { in: flowIds } },
      select: {
        id: true, name: true, type: true, status: true, isActive: true,
        versions: { select: { id: true, structure: true, variables: true }, orderBy: { version: "desc" }, take: 1 },
      },
    }),
    listIds.length
      ? tx.target.findMany({ where: { listId: { in: listIds } }, select: { listId: true, label: true, notes: true, values: true }, orderBy: [{ listId: "asc" }, { position: "asc" }] })
      : Promise.resolve([]),
  ]);
  const flowById = new Map(flows.map((f) => [f.id, f]));
  const targetsByList = new Map<string, TargetInput[]>();
  for (const t of targets) {
    const list = targetsByList.get(t.listId) ?? [];
    list.push({ label: t.label, notes: t.notes, values: t.values as Record<string, string> });
    targetsByList.set(t.listId, list);
  }

  // Schedules often share an expression, zone and cursor: work each combination out once per tick
  // (dueRuns is cheap where no DST transition is near, see ./due-times.ts, but not free).
  const timings = new Map<string, ReturnType<typeof timing>>();
  const timing = (cron: string, timezone: string, cursor: Date) => {
    const problem = scheduleProblem(cron, timezone);
    return problem ? { ok: false as const, problem } : { ok: true as const, due: dueRuns(cron, timezone, cursor, now) };
  };

  return claimed.map((schedule): Plan => {
    const skip = (update: NonNullable<Plan["update"]>): Plan => ({ schedule, batch: null, merged: 0, update, kind: "skipped" });
    const key = `${schedule.cron}\u0000${schedule.timezone}\u0000${schedule.nextRunAt.getTime()}`;
    if (!timings.has(key)) timings.set(key, timing(schedule.cron, schedule.timezone, schedule.nextRunAt));
    const parsed = timings.get(key)!;
    if (!parsed.ok) return skip({ lastError: `Stopped: ${parsed.problem.message}`, nextRunAt: null });

    const flow = flowById.get(schedule.flowId);
    const version = flow?.versions[0];
    if (!flow || flow.status !== "published" || !flow.isActive || !version || flow.type !== "maintenance") {
      // Unpublishing or deactivating the flow pauses its schedules at once (lib/maintenance/pause.ts);
      // this catches a flow withdrawn any other way.
      return skip({ lastError: "Paused: the flow is no longer published and active.", nextRunAt: null, active: false });
    }

    const due = parsed.due;
    if (!due.due) return { schedule, batch: null, merged: 0, update: null, kind: "not_due" };

    const list = schedule.targetListId ? targetsByList.get(schedule.targetListId) ?? [] : [];
    if (!list.length) {
      const when = formatDateTime(due.dueAt, { timeZone: schedule.timezone, withZone: true });
      return skip({ lastError: `Skipped the run of ${when}: ${schedule.targetListId ? "the target list is empty" : "the target list was deleted"}.`, nextRunAt: due.nextRunAt });
    }
    return {
      schedule, merged: due.merged, kind: "fire",
      batch: {
        accountId: schedule.accountId, teamId: schedule.teamId, flow, version, targets: list, launchedById: null, assigneeId: schedule.assigneeId,
        schedule: { id: schedule.id, dueAt: due.dueAt, mergedCount: due.merged },
      },
      update: { nextRunAt: due.nextRunAt, lastRunAt: due.dueAt },
    };
  });
}

/**
 * Writes the plans: every batch and its sessions (two statements), then every cursor (one
 * UPDATE, each row only where its cursor is still the one we read). A due time that had already
 * fired (the insert hit the unique pair) still moves the cursor but is not counted as fired.
 */
async function apply(tx: Tx, plans: Plan[]): Promise<TickResult> {
  const result: TickResult = { fired: 0, coalesced: 0, skipped: 0, errors: 0 };
  const firing = plans.filter((p) => p.batch);
  const ids = await insertBatches(tx, firing.map((p) => p.batch!));
  const updates = plans.flatMap((p) => {
    if (!p.update) return [];
    const wrote = p.batch ? ids[firing.indexOf(p)] !== null : false;
    if (p.kind === "skipped") result.skipped++;
    if (wrote) {
      result.fired++;
      result.coalesced += p.merged;
    }
    return [{
      id: p.schedule.id, cursor: p.schedule.nextRunAt.toISOString(), nextRunAt: p.update.nextRunAt?.toISOString() ?? null,
      active: p.update.active ?? null,
      // Firing clears the last error; a skip writes its own; an already-fired due time leaves both alone.
      setError: p.kind === "skipped" || wrote, lastError: p.kind === "skipped" ? p.update.lastError ?? null : null,
      lastRunAt: wrote ? p.update.lastRunAt!.toISOString() : null,
    }];
  });
  if (updates.length) {
    const moved = await tx.$executeRaw`
      UPDATE "Schedule" AS s SET
        "nextRunAt" = u."nextRunAt",
        active = COALESCE(u.active, s.active),
        "lastError" = CASE WHEN u."setError" THEN u."lastError" ELSE s."lastError" END,
        "lastRunAt" = COALESCE(u."lastRunAt", s."lastRunAt"),
        "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(
        id uuid, cursor timestamptz, "nextRunAt" timestamptz, active boolean, "setError" boolean, "lastError" text, "lastRunAt" timestamptz)
      WHERE s.id = u.id AND s."nextRunAt" = u.cursor`;
    // Someone else moved a cursor between our read and now: undo our batches, they own those runs.
    if (moved !== updates.length) throw new CursorMoved();
  }
  return result;
}

const add = (a: TickResult, b: TickResult) => {
  a.fired += b.fired; a.coalesced += b.coalesced; a.skipped += b.skipped; a.errors += b.errors;
};

const TX = { timeout: 60_000, maxWait: 10_000 };

/**
 * One tick at `now`, through `db`: the app's client in the cron route, a client of its own in
 * `npm start`'s timer and `npm run cron:tick` (scripts outside Next cannot load the server-only one).
 */
export async function runDueSchedules(db: Db, options: { now?: Date; limit?: number } = {}): Promise<TickResult> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? SCHEDULES_PER_TICK;
  const result: TickResult = { fired: 0, coalesced: 0, skipped: 0, errors: 0 };
  const tried: string[] = [];
  while (tried.length < limit) {
    let claimedIds: string[] = [];
    try {
      const outcome = await db.$transaction(async (tx) => {
        const claimed = await claim(tx, now, limit - tried.length, null, tried);
        claimedIds = claimed.map((c) => c.id);
        if (!claimed.length) return null;
        return apply(tx, await plan(tx, claimed, now));
      }, TX);
      if (!outcome) break;
      add(result, outcome);
    } catch (error) {
      if (!claimedIds.length) throw error;
      // The chunk rolled back: run its schedules one per transaction, so only the broken one fails.
      for (const id of claimedIds) add(result, await runOne(db, id, now));
    }
    tried.push(...claimedIds);
  }
  return result;
}

/** One schedule in its own transaction (the fallback after a failed chunk). */
async function runOne(db: Db, scheduleId: string, now: Date): Promise<TickResult> {
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await claim(tx, now, 1, [scheduleId], []);
      if (!claimed.length) return { fired: 0, coalesced: 0, skipped: 0, errors: 0 };
      return apply(tx, await plan(tx, claimed, now));
    }, TX);
  } catch (error) {
    if (error instanceof CursorMoved) return { fired: 0, coalesced: 0, skipped: 0, errors: 0 };
    console.error(`[cron] schedule ${scheduleId} failed`, error);
    return { fired: 0, coalesced: 0, skipped: 0, errors: 1 };
  }
}
