// /insights' roll-up buckets: a range "from day D on" is covered exactly once by aligned buckets.
import { describe, expect, it } from "vitest";
import { INSIGHT_SPANS, rangeBuckets } from "@/lib/analytics/insight-buckets";
import { rangeStart } from "@/lib/analytics/analytics.validation";

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

function expectTiling(since: Date | null) {
  const buckets = rangeBuckets(since);
  let next = since ? since.getTime() / DAY : 0;
  for (const b of buckets) {
    const start = dayNumber(b.day);
    expect(INSIGHT_SPANS).toContain(b.span);
    expect(start % b.span, `${b.day} is a multiple of ${b.span}`).toBe(0);
    expect(start, "contiguous").toBe(next);
    next = start + b.span;
  }
  // Through 2104: every session created from the range's start on is in exactly one bucket.
  expect(next).toBeGreaterThanOrEqual(dayNumber("2104-01-01"));
  return buckets;
}

describe("rangeBuckets", () => {
  it("tiles every range from its start with aligned buckets, a few per range", () => {
    const now = Date.parse("2026-06-15T12:00:00Z");
    for (let d = 0; d < 400; d++) {
      for (const range of ["30", "90"] as const) {
        const buckets = expectTiling(rangeStart(range, new Date(now + d * DAY)));
        expect(buckets.length).toBeLessThanOrEqual(3 * (INSIGHT_SPANS.length - 1) + 3);
        // Of those, the ones that can hold sessions (starting by today) are fewer still.
        expect(buckets.filter((b) => dayNumber(b.day) <= (now + d * DAY) / DAY).length).toBeLessThanOrEqual(10);
      }
    }
  });

  it("all time is three whole top buckets", () => {
    expect(expectTiling(null)).toEqual([
      { span: 16384, day: "1970-01-01" }, { span: 16384, day: "2014-11-10" }, { span: 16384, day: "2059-09-19" },
    ]);
  });

  it("refuses a start that is not a UTC midnight (the roll-up cuts whole days)", () => {
    expect(() => rangeBuckets(new Date("2026-06-15T12:00:00Z"))).toThrow();
  });
});
