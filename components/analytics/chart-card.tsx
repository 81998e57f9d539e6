"use client";
// A chart with its numbers as a table: a Chart / Table switch (buttons with aria-pressed) in the
// card's header. The table is the accessible view; the chart's SVG is labelled and hidden from
// the accessibility tree's details.
import { BarChart3, Table2 } from "@/components/ui/icons";
import { useState, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

export type Column<R> = { header: string; cell: (row: R) => ReactNode; numeric?: boolean };

export function ChartCard<R>({
  title, description, chart, chartLabel, rows, columns, rowKey, empty, testId,
}: {
  title: string;
  description?: string;
  chart: ReactNode;
  /** What the chart shows, for screen readers ("Sessions per week, 13 weeks"). */
  chartLabel: string;
  rows: R[];
  columns: Column<R>[];
  rowKey: (row: R) => string;
  /** Shown instead of chart and table when there are no rows. */
  empty: string;
  testId?: string;
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  return (
    <Card data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-3">
        <div>
          <h2 className="text-base font-semibold">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-fg-muted">{description}</p>}
        </div>
        {rows.length > 0 && (
          <div role="group" aria-label={`${title}: view`} className="inline-flex rounded-md border border-border p-0.5">
            {(["chart", "table"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={cn("inline-flex h-7 items-center gap-1 rounded px-2 text-xs font-medium", view === v ? "bg-muted text-fg" : "text-fg-muted hover:text-fg")}
              >
                {v === "chart" ? <BarChart3 className="h-3.5 w-3.5" aria-hidden /> : <Table2 className="h-3.5 w-3.5" aria-hidden />}
                {v === "chart" ? "Chart" : "Table"}
              </button>
            ))}
          </div>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="p-6 text-center text-sm text-fg-muted">{empty}</p>
      ) : view === "chart" ? (
        <div className="p-4" role="img" aria-label={chartLabel}>{chart}</div>
      ) : (
        <div className="max-h-80 overflow-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-surface">
              <tr className="border-b border-border text-left text-fg-muted">
                {columns.map((c) => <th key={c.header} scope="col" className={cn("px-4 py-2 font-medium", c.numeric && "text-right")}>{c.header}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => <td key={c.header} className={cn("px-4 py-1.5", c.numeric && "text-right tabular-nums")}>{c.cell(row)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
