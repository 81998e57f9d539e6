// Timing helpers for the benchmarks: runs, percentiles and a plain-text table. Numbers are
// printed, never asserted (they depend on the machine).
import { performance } from "node:perf_hooks";

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export type Timing = { runs: number; p50: number; p95: number; min: number; max: number };

export function summarise(samples: number[]): Timing {
  return { runs: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), min: Math.min(...samples), max: Math.max(...samples) };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

/** `runs` sequential calls (after `warmup` unmeasured ones). `fn` gets the run index. */
export async function sequential(runs: number, fn: (i: number) => Promise<unknown>, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timed(() => fn(i))).ms);
  return summarise(samples);
}

/** `rounds` rounds of `concurrency` calls started together; every call's latency is a sample. */
export async function concurrent(concurrency: number, rounds: number, fn: (i: number) => Promise<unknown>, warmup = 1): Promise<Timing & { wallMs: number }> {
  for (let r = 0; r < warmup; r++) await Promise.all(Array.from({ length: concurrency }, (_, i) => fn(i)));
  const samples: number[] = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    const round = await Promise.all(Array.from({ length: concurrency }, (_, i) => timed(() => fn(r * concurrency + i))));
    samples.push(...round.map((t) => t.ms));
  }
  return { ...summarise(samples), wallMs: performance.now() - start };
}

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : "-");
export const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

/** A plain-text table, printed with a title (console.log, so vitest shows it with the file's output). */
export function printTable(title: string, header: string[], rows: (string | number)[][], notes: string[] = []) {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const out = [`\n## ${title}`, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line), ...notes.map((n) => `  ${n}`)];
  console.log(out.join("\n"));
}
