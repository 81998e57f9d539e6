import { describe, expect, it } from "vitest";
import { dueRuns, firstRunAfter, MAX_COUNTED_RUNS, nextRuns, parseSchedule } from "@/lib/maintenance/schedule";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const d = (s: string) => new Date(s);

describe("schedule expressions", () => {
  it("accepts five fields in a known zone and names the problem otherwise", () => {
    expect(parseSchedule("0 3 * * 1", "Europe/Berlin").ok).toBe(true);
    const four = parseSchedule("* * * *", "UTC");
    expect(four.ok || four.problem).toEqual({ field: "cron", message: expect.stringMatching(/five fields.*this has 4/) });
    const six = parseSchedule("0 0 3 * * 1", "UTC");
    expect(six.ok || six.problem.field).toBe("cron");
    const range = parseSchedule("61 * * * *", "UTC");
    expect(range.ok || range.problem.message).toMatch(/61/);
    const zone = parseSchedule("0 3 * * *", "Mars/Olympus");
    expect(zone.ok || zone.problem).toEqual({ field: "timezone", message: expect.stringMatching(/Mars\/Olympus/) });
  });

  it("lists the next runs in the schedule's zone, stored in UTC", () => {
    // 03:00 Berlin on Mondays: CET (UTC+1) in winter.
    expect(iso(nextRuns("0 3 * * 1", "Europe/Berlin", d("2026-01-01T00:00:00Z"), 2))).toEqual(["2026-01-05T02:00:00.000Z", "2026-01-12T02:00:00.000Z"]);
    expect(firstRunAfter("0 3 * * 1", "Europe/Berlin", d("2026-01-05T02:00:00Z")).toISOString()).toBe("2026-01-12T02:00:00.000Z");
  });
});

describe("DST policy", () => {
  it("Berlin spring forward: a time in the gap runs once, after the gap", () => {
    // 29 Mar 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day.
    expect(iso(nextRuns("30 2 * * *", "Europe/Berlin", d("2026-03-28T12:00:00Z"), 2))).toEqual(["2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"]);
  });

  it("Berlin fall back: a fixed time in the repeated hour runs once", () => {
    // 25 Oct 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    expect(iso(nextRuns("30 2 * * *", "Europe/Berlin", d("2026-10-24T12:00:00Z"), 2))).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
    // …also when iteration starts from the first pass (the stored cursor).
    expect(iso(nextRuns("30 2 * * *", "Europe/Berlin", d("2026-10-25T00:30:00Z"), 1))).toEqual(["2026-10-26T01:30:00.000Z"]);
  });

  it("Berlin fall back: a wildcard hour runs in both passes", () => {
    expect(iso(nextRuns("30 * * * *", "Europe/Berlin", d("2026-10-24T23:00:00Z"), 4))).toEqual([
      "2026-10-24T23:30:00.000Z", // 01:30 CEST
      "2026-10-25T00:30:00.000Z", // 02:30 CEST
      "2026-10-25T01:30:00.000Z", // 02:30 CET
      "2026-10-25T02:30:00.000Z", // 03:30 CET
    ]);
  });

  it("New York spring forward and fall back", () => {
    // 8 Mar 2026: 02:00 EST jumps to 03:00 EDT.
    expect(iso(nextRuns("30 2 * * *", "America/New_York", d("2026-03-07T12:00:00Z"), 2))).toEqual(["2026-03-08T07:30:00.000Z", "2026-03-09T06:30:00.000Z"]);
    // 1 Nov 2026: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice, runs once.
    expect(iso(nextRuns("30 1 * * *", "America/New_York", d("2026-10-31T12:00:00Z"), 2))).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
    expect(iso(nextRuns("30 1 * * *", "America/New_York", d("2026-11-01T05:30:00Z"), 1))).toEqual(["2026-11-02T06:30:00.000Z"]);
    expect(iso(nextRuns("30 * * * *", "America/New_York", d("2026-11-01T04:00:00Z"), 3))).toEqual(["2026-11-01T04:30:00.000Z", "2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]);
  });
});

describe("due runs and coalescing", () => {
  const hourly = "0 * * * *";

  it("nothing due before the cursor", () => {
    expect(dueRuns(hourly, "UTC", d("2026-01-01T10:00:00Z"), d("2026-01-01T09:59:59Z"))).toEqual({ due: false, nextRunAt: d("2026-01-01T10:00:00Z") });
  });

  it("due exactly at the cursor: one run, nothing merged, cursor moves on", () => {
    expect(dueRuns(hourly, "UTC", d("2026-01-01T10:00:00Z"), d("2026-01-01T10:00:00Z"))).toEqual({
      due: true, dueAt: d("2026-01-01T10:00:00Z"), merged: 0, nextRunAt: d("2026-01-01T11:00:00Z"),
    });
  });

  it("three missed runs become one at the latest due time that says two were merged", () => {
    expect(dueRuns(hourly, "UTC", d("2026-01-01T10:00:00Z"), d("2026-01-01T12:30:00Z"))).toEqual({
      due: true, dueAt: d("2026-01-01T12:00:00Z"), merged: 2, nextRunAt: d("2026-01-01T13:00:00Z"),
    });
  });

  it("a schedule missed for very long still finds the latest due time without counting every one", () => {
    const result = dueRuns("* * * * *", "UTC", d("2025-01-01T00:00:00Z"), d("2026-01-01T00:00:30Z"));
    expect(result).toEqual({ due: true, dueAt: d("2026-01-01T00:00:00Z"), merged: MAX_COUNTED_RUNS - 1, nextRunAt: d("2026-01-01T00:01:00Z") });
  });

  it("coalesces across DST in the schedule's zone", () => {
    // Daily 02:30 Berlin, missed from 24 to 26 Oct 2026 (the 25th has 02:30 twice, run once).
    expect(dueRuns("30 2 * * *", "Europe/Berlin", d("2026-10-24T00:30:00Z"), d("2026-10-26T12:00:00Z"))).toEqual({
      due: true, dueAt: d("2026-10-26T01:30:00Z"), merged: 2, nextRunAt: d("2026-10-27T01:30:00Z"),
    });
  });
});
