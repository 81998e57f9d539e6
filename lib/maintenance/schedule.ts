// When a schedule is due: pure rules over cron-parser, no I/O.
// - Expressions are exactly five fields (minute hour day-of-month month weekday), read in the
//   schedule's IANA zone; due times are stored in UTC.
// - We only ever iterate FORWARD from the stored cursor (cron-parser's prev() has open DST bugs).
// - DST, as cron-parser's forward iteration gives it and our tests pin: a time inside the
//   spring-forward gap runs once, shifted to after the gap; a fixed time inside the repeated
//   autumn hour runs once (the first pass); wildcard-hour expressions run in both passes.
// - Missed runs are coalesced: everything due up to "now" becomes one run at the latest due time.
// - The tick steps through due times with dueStepper (./due-times.ts): cron-parser's answers,
//   worked out by plain arithmetic wherever no DST transition is in the way.
import { CronExpressionParser, type CronExpression } from "cron-parser";
import cronstrue from "cronstrue";
import { isTimeZone } from "@/lib/time/format";
import { dueStepper } from "./due-times";

export type ScheduleProblem = { field: "cron" | "timezone"; message: string };

const FIELD_NAMES = ["minute", "hour", "day of month", "month", "day of week"];

/** The expression and zone as cron-parser reads them, or the field error that names the problem. */
export function parseSchedule(cron: string, timezone: string, currentDate?: Date): { ok: true; expression: CronExpression } | { ok: false; problem: ScheduleProblem } {
  if (!isTimeZone(timezone)) return { ok: false, problem: { field: "timezone", message: `"${timezone}" is not a known time zone (use an IANA name like Europe/Berlin).` } };
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return { ok: false, problem: { field: "cron", message: `Use five fields (${FIELD_NAMES.join(", ")}); this has ${fields.length}.` } };
  }
  try {
    return { ok: true, expression: CronExpressionParser.parse(fields.join(" "), { tz: timezone, currentDate: currentDate ?? new Date(), strict: false }) };
  } catch (error) {
    // cron-parser's messages name the bad value ("Constraint error, got value 61 expected range 0-59").
    const detail = error instanceof Error ? error.message.slice(0, 160) : "it does not parse";
    return { ok: false, problem: { field: "cron", message: `Not a valid cron expression: ${detail}.` } };
  }
}

const problems = new Map<string, ScheduleProblem | null>();

/** parseSchedule's verdict alone, remembered per (expression, zone): a tick asks once per schedule. */
export function scheduleProblem(cron: string, timezone: string): ScheduleProblem | null {
  const key = `${cron}\u0000${timezone}`;
  if (!problems.has(key)) {
    if (problems.size >= 1_000) problems.clear();
    const parsed = parseSchedule(cron, timezone);
    problems.set(key, parsed.ok ? null : parsed.problem);
  }
  return problems.get(key)!;
}

/** The first `count` due times strictly after `after`. Throws on a bad schedule (check first). */
export function nextRuns(cron: string, timezone: string, after: Date, count: number): Date[] {
  const parsed = parseSchedule(cron, timezone, after);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const out: Date[] = [];
  for (let i = 0; i < count; i++) out.push(parsed.expression.next().toDate());
  return out;
}

/** Due times counted one by one before we stop counting and just find the latest (see below). */
export const MAX_COUNTED_RUNS = 500;

export type DueRuns =
  /** Nothing due yet: the cursor stays. */
  | { due: false; nextRunAt: Date }
  /** Fire once for `dueAt`, the latest due time; `merged` earlier ones are folded into it. */
  | { due: true; dueAt: Date; merged: number; nextRunAt: Date };

/**
 * What a tick at `now` does with a schedule whose cursor (earliest due time not fired) is
 * `cursor`. Iterates forward only. A schedule missed for very long (say, every minute for a
 * year) stops counting at MAX_COUNTED_RUNS and looks for the latest due time in windows
 * before `now` instead, so a tick stays cheap; `merged` is then a lower bound.
 */
export function dueRuns(cron: string, timezone: string, cursor: Date, now: Date): DueRuns {
  if (cursor.getTime() > now.getTime()) return { due: false, nextRunAt: cursor };
  const problem = scheduleProblem(cron, timezone);
  if (problem) throw new Error(problem.message);
  const step = dueStepper(cron, timezone);
  let latest = cursor;
  let count = 1;
  let next = step(cursor);
  while (next.getTime() <= now.getTime() && count < MAX_COUNTED_RUNS) {
    latest = next;
    count++;
    next = step(next);
  }
  if (next.getTime() <= now.getTime()) {
    // Too many to count: find the latest due time in the shortest window before now that has one.
    for (const windowMs of [3_600_000, 86_400_000, 31 * 86_400_000, 400 * 86_400_000]) {
      const from = new Date(Math.max(now.getTime() - windowMs, latest.getTime()));
      const inWindow = dueStepper(cron, timezone);
      let candidate = inWindow(from);
      let found: Date | null = null;
      while (candidate.getTime() <= now.getTime()) {
        found = candidate;
        candidate = inWindow(candidate);
      }
      if (found) {
        latest = found;
        next = candidate;
        break;
      }
    }
  }
  return { due: true, dueAt: latest, merged: count - 1, nextRunAt: next };
}

/** The cursor for a schedule created, edited or resumed at `now`: its first due time after now. */
export function firstRunAfter(cron: string, timezone: string, now: Date): Date {
  return nextRuns(cron, timezone, now, 1)[0];
}

/** "At 03:00, only on Monday", or null when the expression does not parse. */
export function cronInWords(cron: string): string | null {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return null;
  }
}
