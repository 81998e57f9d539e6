"use client";
// The flow page's Analytics tab: headline numbers, sessions over time, outcomes, where sessions
// end (on the outline, or per procedure step), and the custom steps engineers add most.
import { Card, CardHeader } from "@/components/ui/card";
import type { FlowAnalytics } from "@/lib/analytics/flow-analytics";
import { RANGE_LABELS, type AnalyticsRange } from "@/lib/analytics/analytics.validation";
import { asProcedure, asTree, type FlowStructure } from "@/lib/flows/structure";
import { ChartCard } from "./chart-card";
import { OutcomesChart, OverTimeChart } from "./charts";
import { DropOffOutline } from "./drop-off-outline";
import { count, duration, OUTCOME_LABELS, percent } from "./format";
import { ProcedureStepRates } from "./procedure-step-rates";
import { StatTiles } from "./stat-tiles";

export function FlowAnalyticsPanel({ data, structure, range }: { data: FlowAnalytics; structure: FlowStructure; range: AnalyticsRange }) {
  const { summary } = data;
  const troubleshooting = data.flow.type === "troubleshooting";
  const period = RANGE_LABELS[range].toLowerCase();
  if (summary.sessions === 0) {
    return (
      <Card className="p-8 text-center" data-testid="analytics-empty">
        <p className="font-medium">No sessions of this flow {range === "all" ? "yet" : `in the ${period}`}.</p>
        <p className="mt-1 text-sm text-fg-muted">Numbers appear here once engineers run it.{range !== "all" && " Try “All time”."}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6" data-testid="flow-analytics">
      <StatTiles
        stats={[
          { label: "Sessions", value: count(summary.sessions), hint: `${count(summary.completed)} completed, ${count(summary.active)} in progress`, testId: "stat-sessions" },
          { label: "Resolution rate", value: percent(summary.resolutionRate), hint: `${count(summary.resolved)} of ${count(summary.completed)} completed ${troubleshooting ? "resolved" : "fully done"}`, testId: "stat-resolution" },
          { label: "Median duration", value: duration(summary.medianSeconds), hint: "start to completion", testId: "stat-median" },
          { label: "90th percentile", value: duration(summary.p90Seconds), hint: "9 in 10 finish within", testId: "stat-p90" },
        ]}
      />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <ChartCard
          title={`Sessions per ${data.unit}`}
          description={`${RANGE_LABELS[range]}, in your time zone`}
          testId="chart-over-time"
          chart={<OverTimeChart rows={data.overTime} />}
          chartLabel={`Sessions per ${data.unit}: ${data.overTime.length} ${data.unit}s, ${count(summary.sessions)} sessions`}
          rows={data.overTime}
          rowKey={(r) => r.bucket}
          empty="No sessions in this range."
          columns={[
            { header: data.unit === "day" ? "Day" : "Week of", cell: (r) => r.bucket },
            { header: "Sessions", cell: (r) => count(r.sessions), numeric: true },
            { header: "Resolved", cell: (r) => count(r.resolved), numeric: true },
            { header: "Escalated", cell: (r) => count(r.escalated), numeric: true },
          ]}
        />
        <ChartCard
          title="Outcomes"
          description="Completed sessions"
          testId="chart-outcomes"
          chart={<OutcomesChart rows={data.outcomes} />}
          chartLabel={`Outcomes: ${data.outcomes.map((o) => `${OUTCOME_LABELS[o.outcome] ?? o.outcome} ${o.count}`).join(", ")}`}
          rows={data.outcomes}
          rowKey={(r) => r.outcome}
          empty="No session completed yet."
          columns={[
            { header: "Outcome", cell: (r) => OUTCOME_LABELS[r.outcome] ?? r.outcome },
            { header: "Sessions", cell: (r) => count(r.count), numeric: true },
            { header: "Share", cell: (r) => percent(r.count, summary.completed), numeric: true },
          ]}
        />
      </div>
      <Card>
        <CardHeader
          title={troubleshooting ? "Where sessions end" : "Steps: skipped, failed, stopped"}
          description={troubleshooting
            ? "Sessions that ended on each node, and for each solution how often it fixed the problem. Abandoned: left in progress for a week."
            : "Of the times a step was marked, how often it was skipped or failed; where sessions were aborted or abandoned."}
        />
        {troubleshooting ? <DropOffOutline tree={asTree(structure)} nodes={data.nodes} /> : <ProcedureStepRates procedure={asProcedure(structure)} steps={data.steps} nodes={data.nodes} />}
      </Card>
      <Card>
        <CardHeader title="Custom steps added most often" description="Steps engineers typed in or took from the library while running this flow: candidates for the flow itself." />
        {data.customSteps.length === 0 ? (
          <p className="p-4 text-sm text-fg-muted">No custom steps were added {range === "all" ? "" : `in the ${period}`}.</p>
        ) : (
          <ol className="divide-y divide-border text-sm" data-testid="custom-steps">
            {data.customSteps.map((c) => (
              <li key={c.title} className="flex items-center justify-between gap-3 px-4 py-2">
                <span>{c.title}</span>
                <span className="shrink-0 text-fg-muted tabular-nums">{count(c.sessions)} {c.sessions === 1 ? "session" : "sessions"}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
