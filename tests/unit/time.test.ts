import { formatInTimeZone } from "date-fns-tz";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDuration, formatRelative, isTimeZone, secondsBetween } from "@/lib/time/format";

describe("lib/time", () => {
  it("formats durations", () => {
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-5)).toBeNull();
    expect(formatDuration(20)).toBe("under 1 min");
    expect(formatDuration(740)).toBe("12 min");
    expect(formatDuration(3900)).toBe("1 h 05 min");
    expect(formatDuration(2 * 3600 + 30 * 60)).toBe("2 h 30 min");
  });

  it("measures seconds between two instants, refusing backwards or missing ends", () => {
    expect(secondsBetween("2025-03-04T09:00:00Z", "2025-03-04T09:12:20Z")).toBe(740);
    expect(secondsBetween("2025-03-04T09:12:20Z", "2025-03-04T09:00:00Z")).toBeNull();
    expect(secondsBetween(null, "2025-03-04T09:00:00Z")).toBeNull();
  });

  it("formats date-times in an explicit zone, UTC by default, unknown zones as UTC", () => {
    expect(formatDateTime("2025-03-04T09:00:00.000Z", { withZone: true })).toBe("4 Mar 2025 09:00 UTC");
    expect(formatDateTime("2025-07-04T09:00:00.000Z", { timeZone: "America/New_York", withZone: true })).toBe("4 Jul 2025 05:00 EDT");
    expect(formatDateTime("2025-03-04T09:00:00.000Z", { timeZone: "Not/AZone", withZone: true })).toBe("4 Mar 2025 09:00 UTC");
    expect(formatDateTime("2026-03-02T02:00:00.000Z", { timeZone: "Europe/Berlin", withWeekday: true })).toBe("Mon 2 Mar 2026 03:00");
    expect(formatDateTime(null)).toBeNull();
    expect(formatDateTime("not a date")).toBeNull();
  });

  it("formats a date on the zone's calendar, not the machine's", () => {
    // 23:30 UTC on 4 March is already 5 March in Berlin and still 4 March in New York.
    expect(formatDate("2025-03-04T23:30:00Z", "Europe/Berlin")).toBe("5 Mar 2025");
    expect(formatDate("2025-03-04T23:30:00Z", "America/New_York")).toBe("4 Mar 2025");
    expect(formatDate(new Date("2025-03-04T23:30:00Z"))).toBe("4 Mar 2025");
  });

  it("words relative times against a given now", () => {
    const now = "2025-03-04T12:00:00Z";
    expect(formatRelative("2025-03-04T11:59:30Z", now)).toBe("just now");
    expect(formatRelative("2025-03-04T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2025-03-04T15:00:00Z", now)).toBe("in 3 hours");
    expect(formatRelative("2025-03-01T12:00:00Z", now)).toBe("3 days ago");
    expect(formatRelative(undefined, now)).toBeNull();
  });

  it("knows IANA zone names", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("the cached zone formatter says what date-fns-tz says", () => {
  // Whole hours, :30 and :45 offsets, both hemispheres' DST, the date line; instants every 17 h 13 min
  // over two years (DST switches, month ends, midnight, years) plus the exact switch moments.
  const zones = ["UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "America/St_Johns",
    "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Kiritimati", "America/Sao_Paulo"];
  const instants: Date[] = [new Date("2026-03-29T01:00:00Z"), new Date("2026-10-25T00:59:59Z"), new Date("2026-03-08T07:00:00Z"), new Date("2025-12-31T23:59:59Z")];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += (17 * 60 + 13) * 60_000) instants.push(new Date(t));

  it.each(zones)("%s: dates, date-times, weekdays and zone names", (zone) => {
    const mismatches: string[] = [];
    for (const at of instants) {
      const pairs: [string | null, string][] = [
        [formatDate(at, zone), formatInTimeZone(at, zone, "d MMM yyyy")],
        [formatDateTime(at, { timeZone: zone }), formatInTimeZone(at, zone, "d MMM yyyy HH:mm")],
        [formatDateTime(at, { timeZone: zone, withZone: true, withWeekday: true }), formatInTimeZone(at, zone, "EEE d MMM yyyy HH:mm zzz")],
      ];
      for (const [ours, reference] of pairs) if (ours !== reference) mismatches.push(`${at.toISOString()}: ${ours} ≠ ${reference}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe("one place formats dates", () => {
  it("no page or component imports date-fns or calls toLocale*String on a date itself", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const offenders: string[] = [];
    for (const root of ["app", "components"]) {
      for (const entry of await readdir(root, { recursive: true })) {
        if (!/\.tsx?$/.test(entry)) continue;
        const text = await readFile(`${root}/${entry}`, "utf8");
        if (/from "date-fns(-tz)?"/.test(text) || /\.toLocale(Date|Time)?String\(\)/.test(text)) offenders.push(`${root}/${entry}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
