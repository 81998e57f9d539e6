// /insights' roll-up buckets (table "InsightStat", kept by triggers on "Session"; migration
// insights_rollup). Each session counts in one bucket per span: SPANS are powers of 4 days, and a
// bucket of span s starts on a day number (days since 1970-01-01, UTC) divisible by s. A range
// "sessions created from day D on" is the run of buckets that climbs from D to the next
// TOP-aligned day (at most 3 per span, each the largest that starts there) and then whole TOP
// buckets: a few rows per flow whatever the account holds, and exact (the ranges start at a UTC
// midnight; see rangeStart). Buckets that lie in the future hold no rows and cost one index probe.

/** Bucket lengths in days; the trigger's list (migration insights_rollup) is the same. */
export const INSIGHT_SPANS = [1, 4, 16, 64, 256, 1024, 4096, 16384] as const;
const TOP = INSIGHT_SPANS[INSIGHT_SPANS.length - 1];
/** Whole TOP buckets are read up to this day number (2104-07-29): sessions created later are not counted. */
const LAST_DAY = 3 * TOP;
/** ownerId of the per-owner rows (grain 0) that count sessions without an owner (prepared ones). */
export const NO_OWNER_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

const DAY_MS = 86_400_000;
export type InsightBucket = { span: number; day: string };

/** The buckets that together hold exactly the sessions created on or after `since` (a UTC midnight; null: all time). */
export function rangeBuckets(since: Date | null): InsightBucket[] {
  let n = since ? Math.floor(since.getTime() / DAY_MS) : 0;
  if (since && since.getTime() % DAY_MS !== 0) throw new Error("A range starts at a UTC midnight");
  const out: InsightBucket[] = [];
  const push = (span: number) => {
    out.push({ span, day: new Date(n * DAY_MS).toISOString().slice(0, 10) });
    n += span;
  };
  while (n < LAST_DAY && n % TOP !== 0) push(INSIGHT_SPANS.findLast((span) => n % span === 0)!);
  while (n < LAST_DAY) push(TOP);
  return out;
}
