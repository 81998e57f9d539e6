"use client";
// /insights: account totals, top flows by use and by escalation rate, sessions per engineer,
// and the library's most used and best rated steps — each chart with its table.
import Link from "next/link";
import type { Insights } from "@/lib/analytics/insights";
import { RANGE_LABELS, type AnalyticsRange } from "@/lib/analytics/analytics.validation";
import { ChartCard } from "./chart-card";
import { SERIES } from "./chart-theme";
import { RankingChart } from "./charts";
import { count, percent } from "./format";
import { StatTiles } from "./stat-tiles";

const flowLink = (f: { id: string; name: string }) => <Link href={`/flows/${f.id}`} className="text-brand-600 hover:underline dark:text-brand-400">{f.name}</Link>;

export function InsightsView({ data, range }: { data: Insights; range: AnalyticsRange }) {
  const period = RANGE_LABELS[range].toLowerCase();
  const none = range === "all" ? "No sessions yet." : `No sessions in the ${period}.`;
  return (
    <div className="space-y-6" data-testid="insights">
      <StatTiles
        stats={[
          { label: "Sessions", value: count(data.totals.sessions), hint: RANGE_LABELS[range], testId: "insights-sessions" },
          { label: "Completed", value: count(data.totals.completed) },
          { label: "Resolution rate", value: percent(data.totals.resolved, data.totals.completed), hint: "resolved or fully done, of completed" },
          { label: "Escalation rate", value: percent(data.totals.escalated, data.totals.completed), hint: "escalated, of completed" },
        ]}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartCard
          title="Top flows by use"
          description="Sessions started"
          testId="top-flows-use"
          chart={<RankingChart rows={data.topByUse.map((f) => ({ name: f.name, value: f.sessions }))} valueName="Sessions" />}
          chartLabel={`Top flows by sessions: ${data.topByUse.map((f) => `${f.name} ${f.sessions}`).join(", ")}`}
          rows={data.topByUse}
          rowKey={(f) => f.id}
          empty={none}
          columns={[
            { header: "Flow", cell: flowLink },
            { header: "Sessions", cell: (f) => count(f.sessions), numeric: true },
            { header: "Completed", cell: (f) => count(f.completed), numeric: true },
          ]}
        />
        <ChartCard
          title="Top flows by escalation rate"
          description="Escalated, of completed sessions (flows with 3 or more completed)"
          testId="top-flows-escalation"
          chart={<RankingChart rows={data.topByEscalation.map((f) => ({ name: f.name, value: f.escalationRate ?? 0 }))} valueName="Escalation rate" color={SERIES.escalated} percent />}
          chartLabel={`Top flows by escalation rate: ${data.topByEscalation.map((f) => `${f.name} ${percent(f.escalationRate)}`).join(", ")}`}
          rows={data.topByEscalation}
          rowKey={(f) => f.id}
          empty="No flow had escalations in this range."
          columns={[
            { header: "Flow", cell: flowLink },
            { header: "Escalated", cell: (f) => `${count(f.escalated)} of ${count(f.completed)}`, numeric: true },
            { header: "Rate", cell: (f) => percent(f.escalationRate), numeric: true },
          ]}
        />
        <ChartCard
          title="Sessions per engineer"
          description="Sessions each person ran"
          testId="engineers"
          chart={<RankingChart rows={data.engineers.map((e) => ({ name: e.name, value: e.sessions }))} valueName="Sessions" color={SERIES.other} />}
          chartLabel={`Sessions per engineer: ${data.engineers.map((e) => `${e.name} ${e.sessions}`).join(", ")}`}
          rows={data.engineers}
          rowKey={(e) => e.id}
          empty={none}
          columns={[
            { header: "Engineer", cell: (e) => e.name },
            { header: "Sessions", cell: (e) => count(e.sessions), numeric: true },
            { header: "Completed", cell: (e) => count(e.completed), numeric: true },
            { header: "Resolved", cell: (e) => percent(e.resolved, e.completed), numeric: true },
          ]}
        />
        <ChartCard
          title="Library: most used steps"
          description="Times a step was added to a session from the library"
          testId="steps-used"
          chart={<RankingChart rows={data.mostUsedSteps.map((s) => ({ name: s.title, value: s.usageCount }))} valueName="Uses" color={SERIES.sessions} />}
          chartLabel={`Most used library steps: ${data.mostUsedSteps.map((s) => `${s.title} ${s.usageCount}`).join(", ")}`}
          rows={data.mostUsedSteps}
          rowKey={(s) => s.id}
          empty="No library step has been used yet."
          columns={[
            { header: "Step", cell: (s) => s.title },
            { header: "Uses", cell: (s) => count(s.usageCount), numeric: true },
          ]}
        />
        <ChartCard
          title="Library: best rated steps"
          description="Share of “helpful” votes (steps with 3 or more votes)"
          testId="steps-rated"
          chart={<RankingChart rows={data.bestRatedSteps.map((s) => ({ name: s.title, value: s.helpfulCount / (s.helpfulCount + s.unhelpfulCount) }))} valueName="Helpful" color={SERIES.resolved} percent />}
          chartLabel={`Best rated library steps: ${data.bestRatedSteps.map((s) => `${s.title} ${percent(s.helpfulCount, s.helpfulCount + s.unhelpfulCount)}`).join(", ")}`}
          rows={data.bestRatedSteps}
          rowKey={(s) => s.id}
          empty="No library step has 3 votes yet."
          columns={[
            { header: "Step", cell: (s) => s.title },
            { header: "Helpful", cell: (s) => `${count(s.helpfulCount)} of ${count(s.helpfulCount + s.unhelpfulCount)}`, numeric: true },
            { header: "Share", cell: (s) => percent(s.helpfulCount, s.helpfulCount + s.unhelpfulCount), numeric: true },
          ]}
        />
      </div>
    </div>
  );
}
