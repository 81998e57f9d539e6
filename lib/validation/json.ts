// Free-form JSON that a schema takes as `unknown` and checks later (a flow's structure). Without
// a bound, input nested thousands of levels deep (or a cycle, which a server-action payload can
// encode) overflows the stack in JSON.stringify or the later parse: an internal error instead
// of an answer. Real structures are a handful of levels deep.
import { z } from "zod";

export const MAX_JSON_DEPTH = 32;

/** Whether objects/arrays nest deeper than `limit`, counted without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Any JSON-like value, nested at most MAX_JSON_DEPTH levels. */
export function boundedJson(what: string) {
  return z.unknown().refine((value) => !nestsDeeperThan(value, MAX_JSON_DEPTH), `${what} is nested too deeply (at most ${MAX_JSON_DEPTH} levels).`);
}
