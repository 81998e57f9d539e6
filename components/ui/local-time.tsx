"use client";
// The one way a date is shown on a page. The server cannot know the viewer's zone, so it
// renders UTC (or the explicit zone) and the browser re-renders in its own zone right after
// hydration: useSyncExternalStore gives React a server snapshot and a client snapshot, so the
// swap is a normal update, not a hydration mismatch. Relative times re-word themselves.
import { useSyncExternalStore } from "react";
import { formatDate, formatDateTime, formatRelative, runtimeTimeZone, UTC, type DateInput } from "@/lib/time/format";

export type LocalTimeFormat = "date" | "datetime" | "datetime-zone" | "relative";

type Props = {
  value: DateInput;
  format?: LocalTimeFormat;
  /** Show in this IANA zone (e.g. a schedule's) instead of the viewer's. */
  timeZone?: string;
  withWeekday?: boolean;
  className?: string;
};

const noSubscription = () => () => {};
// Relative wording changes as time passes: nudge React twice a minute to re-read it.
const everyHalfMinute = (notify: () => void) => {
  const timer = setInterval(notify, 30_000);
  return () => clearInterval(timer);
};

function text(value: DateInput, format: LocalTimeFormat, zone: string, withWeekday: boolean): string {
  switch (format) {
    case "date":
      return formatDate(value, zone) ?? "";
    case "relative":
      return formatRelative(value) ?? "";
    default:
      return formatDateTime(value, { timeZone: zone, withZone: format === "datetime-zone", withWeekday }) ?? "";
  }
}

export function LocalTime({ value, format = "datetime", timeZone, withWeekday = false, className }: Props) {
  const date = new Date(value);
  const iso = Number.isNaN(date.getTime()) ? "" : date.toISOString();
  const shown = useSyncExternalStore(
    format === "relative" ? everyHalfMinute : noSubscription,
    () => text(iso, format, timeZone ?? runtimeTimeZone(), withWeekday),
    () => text(iso, format, timeZone ?? UTC, withWeekday),
  );
  // The exact moment with its zone, on hover, in the same zone as the text.
  const title = useSyncExternalStore(
    noSubscription,
    () => formatDateTime(iso, { timeZone: timeZone ?? runtimeTimeZone(), withZone: true, withWeekday: true }) ?? undefined,
    () => formatDateTime(iso, { timeZone: timeZone ?? UTC, withZone: true, withWeekday: true }) ?? undefined,
  );
  if (!iso) return null;
  return (
    <time dateTime={iso} title={title} className={className}>
      {shown}
    </time>
  );
}
