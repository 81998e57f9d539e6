// Dashboard: recent maintenance batches with their progress (nothing when there are none).
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { RecentBatch } from "@/lib/maintenance/queries";
import { StateDots } from "./batch-progress";

export function DashboardBatches({ batches }: { batches: RecentBatch[] }) {
  if (!batches.length) return null;
  return (
    <Card>
      <CardHeader title="Maintenance batches" description="Recent runs over target lists." action={<Link href="/maintenance" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">All maintenance</Link>} />
      <ul className="divide-y divide-border" data-testid="dashboard-batches">
        {batches.map((b) => (
          <li key={b.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 text-sm">
            <Link href={`/maintenance/batches/${b.id}`} className="min-w-0 flex-1 font-medium hover:underline">{b.flowName}</Link>
            <span className="text-xs text-fg-muted">{b.scheduled ? "Scheduled" : b.launchedBy ?? "Former member"} · <LocalTime value={b.createdAt} format="relative" /> · {b.score.finished}/{b.score.total} finished</span>
            <StateDots score={b.score} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
