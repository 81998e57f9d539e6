// The cron tick: fire every schedule that is due, exactly once per (schedule, due time).
// Called by GET /api/cron/maintenance (Vercel Cron), `npm run cron:tick`, and a 60-second
// timer inside `npm start`. Vercel may deliver a tick twice or run two at once, so nothing
// here relies on timing:
// - each schedule is claimed with FOR UPDATE SKIP LOCKED in its own transaction (a broken
//   one rolls back alone, the rest still fire);
// - the batch insert is ON CONFLICT (scheduleId, dueAt) DO NOTHING;
// - the cursor moves by a conditional UPDATE (… WHERE nextRunAt = the cursor we read).
import type { Db, Tx } from "@/lib/db/client";
import { formatDateTime } from "@/lib/time/format";
import { insertBatch } from "./launch";
import { dueRuns, parseSchedule } from "./schedule";
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

type Fired = { kind: "fired"; merged: number } | { kind: "already_fired" } | { kind: "skipped" };

async function fireSchedule(tx: Tx, scheduleId: string, now: Date): Promise<Fired> {
  const schedule = await tx.schedule.findUniqueOrThrow({
    where: { id: scheduleId },
    select: {
      id: true, accountId: true, teamId: true, cron: true, timezone: true, nextRunAt: true, assigneeId: true,
      flow: {
        select: {
          id: true, name: true, type: true, status: true, isActive: true,
          versions: { select: { id: true, structure: true, variables: true }, orderBy: { version: "desc" }, take: 1 },
        },
      },
      targetList: { select: { targets: { select: { label: true, notes: true, values: true }, orderBy: { position: "asc" } } } },
    },
  });
  const cursor = schedule.nextRunAt!;
  const skip = async (data: { lastError: string; nextRunAt: Date | null; active?: boolean }) => {
    await tx.schedule.updateMany({ where: { id: scheduleId, nextRunAt: cursor }, data });
    return { kind: "skipped" } as const;
  };

  const parsed = parseSchedule(schedule.cron, schedule.timezone);
  if (!parsed.ok) return skip({ lastError: `Stopped: ${parsed.problem.message}`, nextRunAt: null });

  const flow = schedule.flow;
  const version = flow.versions[0];
  if (flow.status !== "published" || !flow.isActive || !version || flow.type !== "maintenance") {
    // Unpublishing or deactivating the flow pauses its schedules, and says why.
    return skip({ lastError: "Paused: the flow is no longer published and active.", nextRunAt: null, active: false });
  }

  const due = dueRuns(schedule.cron, schedule.timezone, cursor, now);
  if (!due.due) return { kind: "already_fired" };

  const targets: TargetInput[] = (schedule.targetList?.targets ?? []).map((t) => ({ label: t.label, notes: t.notes, values: t.values as Record<string, string> }));
  if (!targets.length) {
    const when = formatDateTime(due.dueAt, { timeZone: schedule.timezone, withZone: true });
    return skip({ lastError: `Skipped the run of ${when}: ${schedule.targetList ? "the target list is empty" : "the target list was deleted"}.`, nextRunAt: due.nextRunAt });
  }

  const batch = await insertBatch(tx, {
    accountId: schedule.accountId, teamId: schedule.teamId, flow, version, targets, launchedById: null, assigneeId: schedule.assigneeId,
    schedule: { id: schedule.id, dueAt: due.dueAt, mergedCount: due.merged },
  });
  const moved = await tx.schedule.updateMany({
    where: { id: scheduleId, nextRunAt: cursor },
    data: { nextRunAt: due.nextRunAt, ...(batch ? { lastRunAt: due.dueAt, lastError: null } : {}) },
  });
  // Someone else moved the cursor between our read and now: undo our batch, they own this run.
  if (!moved.count) throw new CursorMoved();
  return batch ? { kind: "fired", merged: due.merged } : { kind: "already_fired" };
}

class CursorMoved extends Error {}

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
    let claimed: string | null = null;
    try {
      const outcome = await db.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Schedule"
          WHERE active AND "nextRunAt" <= ${now} AND NOT (id = ANY(${tried}::uuid[]))
          ORDER BY "nextRunAt" LIMIT 1
          FOR UPDATE SKIP LOCKED`;
        if (!rows.length) return null;
        claimed = rows[0].id;
        return fireSchedule(tx, rows[0].id, now);
      }, { timeout: 60_000, maxWait: 10_000 });
      if (!outcome) break;
      if (outcome.kind === "fired") {
        result.fired++;
        result.coalesced += outcome.merged;
      } else if (outcome.kind === "skipped") result.skipped++;
    } catch (error) {
      if (!claimed) throw error;
      if (!(error instanceof CursorMoved)) {
        result.errors++;
        console.error(`[cron] schedule ${claimed} failed`, error);
      }
    }
    if (claimed) tried.push(claimed);
  }
  return result;
}
