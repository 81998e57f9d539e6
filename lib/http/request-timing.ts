// Where one page request's time goes, for finding it rather than for dashboards: with
// RF_REQUEST_TIMING=1 each signed-in page that names itself (timingPath: /dashboard, /sessions)
// logs one line after its response has been sent,
//   [timing] /sessions total 41.2 ms · auth 2.1 · user 1.4 · page 9.8 · rest 27.9
// auth = next-auth reading the cookie, user = the session/user statement (with the header's
// counts), page = the page's own reads, rest = everything else (rendering, serialising the RSC
// payload, streaming). Off by default: when off, `timed` is a plain call.
import "server-only";
import { after } from "next/server";
import { cache } from "react";

const enabled = () => process.env.RF_REQUEST_TIMING === "1";

type RequestTiming = { start: number; path: string; spans: Map<string, number> };

/** One record per request (React's request-scoped cache); the first use starts the clock and schedules the log line. */
const current = cache((): RequestTiming => {
  const timing: RequestTiming = { start: performance.now(), path: "", spans: new Map() };
  after(() => {
    if (!timing.path) return; // only pages that name themselves (timingPath) log; route handlers have no request-scoped record
    const total = performance.now() - timing.start;
    const spans = [...timing.spans];
    const rest = total - spans.reduce((sum, [, ms]) => sum + ms, 0);
    const parts = [...spans.map(([label, ms]) => `${label} ${ms.toFixed(1)}`), `rest ${rest.toFixed(1)}`];
    console.log(`[timing] ${timing.path} total ${total.toFixed(1)} ms · ${parts.join(" · ")}`);
  });
  return timing;
});

/** Times `work` under `label` for this request's log line (labels add up when used twice). */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (!enabled()) return work();
  let timing: RequestTiming;
  try {
    timing = current();
  } catch {
    return work(); // outside a request (scripts, tests): nothing to log into
  }
  const start = performance.now();
  try {
    return await work();
  } finally {
    timing.spans.set(label, (timing.spans.get(label) ?? 0) + performance.now() - start);
  }
}

/** Names the request in its log line (pages call it with their route). */
export function timingPath(path: string) {
  if (!enabled()) return;
  try {
    current().path = path;
  } catch {
    // outside a request
  }
}
