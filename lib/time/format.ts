// Every date the app shows goes through here: one wording for dates, date-times, "5 minutes
// ago" and durations, and explicit IANA zones where a schedule or a ticket needs one.
// Pure functions: the zone is always passed in (the browser's, a schedule's, or UTC on the
// server), never read from the machine running the code.
import { formatDistanceStrict } from "date-fns";
import { formatInTimeZone } from "date-fns-tz";

export type DateInput = Date | string | number;

const DATE = "d MMM yyyy";
const DATE_TIME = "d MMM yyyy HH:mm";
const WEEKDAY_DATE_TIME = "EEE d MMM yyyy HH:mm";

export const UTC = "UTC";

/** Is this a time zone name the runtime knows ("Europe/Berlin", "UTC")? */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone of the machine running this: in a browser, the viewer's zone. */
export function runtimeTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : UTC;
}

function toDate(value: DateInput | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function inZone(date: Date, zone: string, pattern: string): string {
  return formatInTimeZone(date, isTimeZone(zone) ? zone : UTC, pattern);
}

export type DateTimeOptions = {
  /** IANA zone to show the time in; UTC unless told. An unknown zone falls back to UTC. */
  timeZone?: string;
  /** Append the zone's short name ("CET", "EDT", "UTC"). */
  withZone?: boolean;
  /** Lead with the weekday ("Mon 2 Mar 2026 03:00"): for schedules. */
  withWeekday?: boolean;
};

/** "4 Mar 2025". */
export function formatDate(value: DateInput | null | undefined, timeZone: string = UTC): string | null {
  const date = toDate(value);
  return date ? inZone(date, timeZone, DATE) : null;
}

/** "4 Mar 2025 14:05", optionally "Tue 4 Mar 2025 14:05 CET". */
export function formatDateTime(value: DateInput | null | undefined, options: DateTimeOptions = {}): string | null {
  const date = toDate(value);
  if (!date) return null;
  const zone = options.timeZone ?? UTC;
  const pattern = `${options.withWeekday ? WEEKDAY_DATE_TIME : DATE_TIME}${options.withZone ? " zzz" : ""}`;
  return inZone(date, zone, pattern);
}

/** "5 minutes ago", "in 3 hours": zone-free, measured from `now`. */
export function formatRelative(value: DateInput | null | undefined, now: DateInput = Date.now()): string | null {
  const date = toDate(value);
  const base = toDate(now);
  if (!date || !base) return null;
  // Under a minute either way reads "just now" rather than "12 seconds ago" ticking on screen.
  if (Math.abs(date.getTime() - base.getTime()) < 60_000) return "just now";
  return formatDistanceStrict(date, base, { addSuffix: true, roundingMethod: "floor" });
}

/** "under 1 min", "12 min", "1 h 05 min"; null for a missing or negative length. */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return "under 1 min";
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${String(minutes % 60).padStart(2, "0")} min` : `${minutes} min`;
}

/** Seconds from one instant to another; null when either is missing or they run backwards. */
export function secondsBetween(from: DateInput | null | undefined, to: DateInput | null | undefined): number | null {
  const start = toDate(from);
  const end = toDate(to);
  if (!start || !end) return null;
  const seconds = Math.round((end.getTime() - start.getTime()) / 1000);
  return seconds >= 0 ? seconds : null;
}
