// Due times of a cron expression, fast, with cron-parser's exact answers. Pure, no I/O.
//
// cron-parser steps through the calendar with a luxon DateTime in the schedule's zone; every
// step asks Intl for the zone's offset, so one next() costs ~1 ms warm and several cold, and a
// tick over 100 schedules spent most of its time there (`npm run bench`, m2). But between two
// DST transitions a zone is just a fixed offset from UTC, and there the due times are plain
// calendar arithmetic. So `nextDue` first finds the next due time on the wall clock at the
// offset in force at `after` (a few µs: days, then hours, then minutes, from cron-parser's own
// parsed fields) and keeps it only if the offset did not change between `after` and that time
// (checked once a day along the way: transitions are always more than a day apart). Anything
// that crosses a transition, and the fields this arithmetic does not cover (L, #), goes to
// cron-parser itself, so the DST policy stays the one cron-parser gives and the tests pin.
// tests/unit/due-times.test.ts compares both ways over thousands of expressions, zones and dates.
import { CronExpressionParser, type CronExpression } from "cron-parser";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Past this many days without a due time (e.g. 29 February on a Monday), ask cron-parser. */
const MAX_FAST_DAYS = 62;

type Fields = { minutes: number[]; hours: number[]; months: Set<number>; days: Set<number>; weekdays: Set<number>; domAny: boolean; dowAny: boolean };

/** Parsed fields per (expression, zone): parsing costs about as much as a step. */
const parsedFields = new Map<string, Fields | null>();
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in minutes (Europe/Berlin in winter: 60). */
export function zoneOffset(timeZone: string, ms: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    offsetFormats.set(timeZone, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE);
}

function fastFields(expression: CronExpression): Fields | null {
  const f = expression.fields;
  if (f.dayOfMonth.hasLastChar || f.dayOfWeek.hasLastChar || f.dayOfWeek.nthDay > 0) return null;
  if (f.second.values.length !== 1 || f.second.values[0] !== 0) return null;
  const numbers = (values: readonly unknown[]) => values.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
  return {
    minutes: numbers(f.minute.values), hours: numbers(f.hour.values), months: new Set(numbers(f.month.values)),
    days: new Set(numbers(f.dayOfMonth.values)), weekdays: new Set(numbers(f.dayOfWeek.values)),
    domAny: f.dayOfMonth.isWildcard, dowAny: f.dayOfWeek.isWildcard,
  };
}

/** cron-parser's day rule: both restricted → either matches; one restricted → that one. */
function dayMatches(f: Fields, day: Date): boolean {
  if (!f.months.has(day.getUTCMonth() + 1)) return false;
  const dom = f.days.has(day.getUTCDate());
  const dow = f.weekdays.has(day.getUTCDay());
  if (!f.domAny && !f.dowAny) return dom || dow;
  if (!f.domAny) return dom;
  if (!f.dowAny) return dow;
  return true;
}

/** The first due time strictly after `wallMs` on a clock that never shifts, or null past MAX_FAST_DAYS. */
function nextOnWall(f: Fields, wallMs: number): number | null {
  const start = Math.floor(wallMs / MINUTE) * MINUTE + MINUTE;
  const firstDay = Math.floor(start / DAY) * DAY;
  for (let d = 0; d <= MAX_FAST_DAYS; d++) {
    const dayMs = firstDay + d * DAY;
    if (!dayMatches(f, new Date(dayMs))) continue;
    for (const hour of f.hours) {
      for (const minute of f.minutes) {
        const at = dayMs + hour * 3_600_000 + minute * MINUTE;
        if (at >= start) return at;
      }
    }
  }
  return null;
}

/** Whether `timeZone` keeps one offset from `fromMs` to `toMs` (sampled daily, and at the end). */
function steadyOffset(timeZone: string, offset: number, fromMs: number, toMs: number): boolean {
  for (let at = fromMs + DAY; at < toMs; at += DAY) if (zoneOffset(timeZone, at) !== offset) return false;
  return zoneOffset(timeZone, toMs) === offset;
}

/**
 * A due-time stepper for one expression and zone (already checked by parseSchedule): `next(after)`
 * is the first due time strictly after `after`. Consecutive calls continue like one cron-parser
 * iterator: once a step needed cron-parser (a DST transition), later steps keep using that same
 * iterator, so its handling of repeated and skipped hours is exactly cron-parser's.
 */
export function dueStepper(cron: string, timezone: string) {
  const key = `${cron}\u0000${timezone}`;
  if (!parsedFields.has(key)) {
    if (parsedFields.size >= 1_000) parsedFields.clear();
    parsedFields.set(key, fastFields(CronExpressionParser.parse(cron, { tz: timezone, strict: false })));
  }
  const fields = parsedFields.get(key)!;
  let iterator: CronExpression | null = null;
  let lastMs: number | null = null;
  return (after: Date): Date => {
    const afterMs = after.getTime();
    if (iterator && lastMs === afterMs) return remember(iterator.next().toDate());
    if (fields) {
      const offset = zoneOffset(timezone, afterMs);
      const wall = nextOnWall(fields, afterMs + offset * MINUTE);
      if (wall !== null) {
        const at = wall - offset * MINUTE;
        if (steadyOffset(timezone, offset, afterMs, at)) {
          iterator = null;
          return remember(new Date(at));
        }
      }
    }
    iterator = CronExpressionParser.parse(cron, { tz: timezone, currentDate: after, strict: false });
    return remember(iterator.next().toDate());
  };
  function remember(at: Date) {
    lastMs = at.getTime();
    return at;
  }
}
