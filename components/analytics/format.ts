// Number wording shared by the analytics views.
import { formatDuration } from "@/lib/time/format";

export { OUTCOME_LABELS } from "@/lib/sessions/ticket";

/** "40%", or "—" without a denominator. */
export function percent(part: number | null | undefined, whole?: number): string {
  const rate = whole === undefined ? part : whole > 0 && part !== null && part !== undefined ? part / whole : null;
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

export const count = (n: number) => n.toLocaleString("en");

export const duration = (seconds: number | null) => (seconds === null ? "—" : (formatDuration(Math.round(seconds)) ?? "—"));
