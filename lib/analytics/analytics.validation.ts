// The analytics pages' search params: date range and the viewer's time zone (for day/week buckets).
import { z } from "zod";
import { isTimeZone, UTC } from "@/lib/time/format";

export const ANALYTICS_RANGES = ["30", "90", "all"] as const;
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number];
/** The default window: big accounts stay fast, and recent use is what authors act on. */
export const DEFAULT_RANGE: AnalyticsRange = "90";
export const RANGE_LABELS: Record<AnalyticsRange, string> = { "30": "Last 30 days", "90": "Last 90 days", all: "All time" };

export const analyticsParamsSchema = z.object({
  range: z.enum(ANALYTICS_RANGES).catch(DEFAULT_RANGE).default(DEFAULT_RANGE),
  tz: z.string().max(64).refine(isTimeZone).catch(UTC).default(UTC),
});
export type AnalyticsParams = z.infer<typeof analyticsParamsSchema>;

/**
 * The first moment counted, or null for all time: midnight UTC of the day `range` days ago (so
 * "last 30 days" is today plus 30 whole UTC days), a day boundary, which the flow tab's daily
 * roll-ups cut exactly (lib/analytics/flow-analytics.ts).
 */
export function rangeStart(range: AnalyticsRange, now: Date = new Date()): Date | null {
  if (range === "all") return null;
  const start = new Date(now.getTime() - Number(range) * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  return start;
}

/** Day buckets for a month, week buckets for longer ranges. */
export const bucketUnit = (range: AnalyticsRange): "day" | "week" => (range === "30" ? "day" : "week");
