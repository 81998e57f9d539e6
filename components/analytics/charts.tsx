"use client";
// The analytics charts (recharts). Each takes plain rows; colours from ./chart-theme.
import { useSyncExternalStore, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, GRID, OUTCOME_COLORS, SERIES, TOOLTIP } from "./chart-theme";
import { OUTCOME_LABELS } from "./format";

const noSubscription = () => () => {};

/**
 * A chart draws in the browser only. On the server a responsive recharts chart renders an empty
 * wrapper (it has no width there) yet builds its whole store and tree, several ms of a page's
 * render; the server sends an empty box of the chart's height instead, and the browser draws the
 * chart right after hydration (useSyncExternalStore: the server snapshot first, then the client's).
 */
function InBrowser({ height, children }: { height: number; children: ReactNode }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  return inBrowser ? children : <div style={{ width: "100%", height }} />;
}

export type OverTimeRow = { bucket: string; sessions: number; resolved: number; escalated: number };

const shortDate = (bucket: string) => new Date(`${bucket}T00:00:00Z`).toLocaleDateString("en", { day: "numeric", month: "short", timeZone: "UTC" });

/** Sessions per day or week, split into resolved, escalated and the rest. */
export function OverTimeChart({ rows }: { rows: OverTimeRow[] }) {
  const data = rows.map((r) => ({ ...r, label: shortDate(r.bucket), other: r.sessions - r.resolved - r.escalated }));
  return (
    <InBrowser height={240}>
      <BarChart accessibilityLayer={false} responsive data={data} style={{ width: "100%", height: 240 }} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid {...GRID} vertical={false} />
        <XAxis dataKey="label" {...AXIS} interval="preserveStartEnd" minTickGap={12} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={{ fontSize: 12, color: "var(--text-muted)" }} />
        <Bar dataKey="resolved" name="Resolved" stackId="s" fill={SERIES.resolved} isAnimationActive={false} />
        <Bar dataKey="escalated" name="Escalated" stackId="s" fill={SERIES.escalated} isAnimationActive={false} />
        <Bar dataKey="other" name="Other" stackId="s" fill={SERIES.sessions} isAnimationActive={false} />
      </BarChart>
    </InBrowser>
  );
}

/** Completed sessions by outcome. */
export function OutcomesChart({ rows }: { rows: { outcome: string; count: number }[] }) {
  const data = rows.map((r) => ({ ...r, label: OUTCOME_LABELS[r.outcome] ?? r.outcome }));
  const height = Math.max(120, data.length * 36 + 24);
  return (
    <InBrowser height={height}>
      <BarChart accessibilityLayer={false} responsive layout="vertical" data={data} style={{ width: "100%", height }} margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid {...GRID} horizontal={false} />
        <XAxis type="number" allowDecimals={false} {...AXIS} />
        <YAxis type="category" dataKey="label" width={140} {...AXIS} />
        <Tooltip {...TOOLTIP} />
        <Bar dataKey="count" name="Sessions" isAnimationActive={false}>
          {data.map((r) => <Cell key={r.outcome} fill={OUTCOME_COLORS[r.outcome] ?? SERIES.other} />)}
        </Bar>
      </BarChart>
    </InBrowser>
  );
}

/** A ranking as horizontal bars: one value per named row. */
export function RankingChart({ rows, valueName, color = SERIES.sessions, percent = false }: { rows: { name: string; value: number }[]; valueName: string; color?: string; percent?: boolean }) {
  const data = rows.map((r) => ({ ...r, label: r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name }));
  const height = Math.max(120, data.length * 32 + 24);
  return (
    <InBrowser height={height}>
      <BarChart accessibilityLayer={false} responsive layout="vertical" data={data} style={{ width: "100%", height }} margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid {...GRID} horizontal={false} />
        <XAxis type="number" allowDecimals={percent} domain={percent ? [0, 1] : undefined} tickFormatter={percent ? (v: number) => `${Math.round(v * 100)}%` : undefined} {...AXIS} />
        <YAxis type="category" dataKey="label" width={170} {...AXIS} />
        <Tooltip {...TOOLTIP} formatter={percent ? (v) => `${Math.round(Number(v) * 100)}%` : undefined} />
        <Bar dataKey="value" name={valueName} fill={color} isAnimationActive={false} />
      </BarChart>
    </InBrowser>
  );
}
