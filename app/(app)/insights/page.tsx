import type { Metadata } from "next";
import { InsightsView } from "@/components/analytics/insights-view";
import { RangeFilter } from "@/components/analytics/range-filter";
import { isAdmin } from "@/lib/auth/roles";
import { analyticsParamsSchema } from "@/lib/analytics/analytics.validation";
import { getInsights } from "@/lib/analytics/insights";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  const params = analyticsParamsSchema.parse(await searchParams);
  const insights = await getInsights(user, params);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Insights</h1>
          <p className="mt-1 text-fg-muted">
            Which flows get used, which end in escalation, and what the library gives back.
            {isAdmin(user.role) ? " Every session of the account." : " Sessions of the flows you can see."}
          </p>
        </div>
        <RangeFilter range={params.range} tz={params.tz} />
      </div>
      <InsightsView data={insights} range={params.range} />
    </div>
  );
}
