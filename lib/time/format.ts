// Every date the app shows goes through here: one wording for dates, date-times, "5 minutes
// ago" and durations, and explicit IANA zones where a schedule or a ticket needs one.
// Pure functions: the zone is always passed in (the browser's, a schedule's, or UTC on the
// server), never read from the machine running the code.
//
// Speed: building an Intl.DateTimeFormat costs ~0.1–0.3 ms, and a page renders every date twice
// (text and hover title), so date-fns-tz's formatInTimeZone (a new formatter per call for the
// zone name) cost a 25-row list 20–30 ms. Dates and date-times are therefore cut from one cached
// formatter per zone (formatToParts); tests/unit/time.test.ts checks the result against
// formatInTimeZone over many instants and zones.
import { formatDistanceStrict } from "date-fns";

export type DateInput = Date | string | number;

export const UTC = "UTC";

/** Zone names already checked (valid or not), so a page of dates checks its zone once. Bounded: zones come from URLs too. */
const knownZones = new Map<string, boolean>();
const KNOWN_ZONES_MAX = 1_000;

/** Is this a time zone name the runtime knows ("Europe/Berlin", "UTC")? */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (knownZones.size < KNOWN_ZONES_MAX) knownZones.set(zone, valid);
  return valid;
}

let machineZone: string | undefined;
/** The zone of the machine running this: in a browser, the viewer's zone. */
export function runtimeTimeZone(): string {
  if (machineZone === undefined) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    machineZone = zone && isTimeZone(zone) ? zone : UTC;
  }
  return machineZone;
}

function toDate(value: DateInput | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

type Parts = { weekday: string; day: string; month: string; year: string; hour: string; minute: string; timeZoneName: string };

/** One formatter per zone (en-US words: "Mar", "Mon", "EDT", "GMT+1", as date-fns-tz words them). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(date: Date, zone: string): Parts {
  const name = isTimeZone(zone) ? zone : UTC;
  let formatter = zoneFormatters.get(name);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: name, weekday: "short", day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
    });
    zoneFormatters.set(name, formatter);
  }
  const parts = { weekday: "", day: "", month: "", year: "", hour: "", minute: "", timeZoneName: "" } as Parts;
  for (const part of formatter.formatToParts(date)) if (part.type in parts) parts[part.type as keyof Parts] = part.value;
  return parts;
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
  if (!date) return null;
  const p = partsIn(date, timeZone);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "4 Mar 2025 14:05", optionally "Tue 4 Mar 2025 14:05 CET". */
export function formatDateTime(value: DateInput | null | undefined, options: DateTimeOptions = {}): string | null {
  const date = toDate(value);
  if (!date) return null;
  const p = partsIn(date, options.timeZone ?? UTC);
  return `${options.withWeekday ? `${p.weekday} ` : ""}${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}${options.withZone ? ` ${p.timeZoneName}` : ""}`;
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
