// The flow page's maintenance block: the active-batch banner and one row per batch.
import { Activity } from "@/components/ui/icons";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import type { BatchSummary } from "@/lib/maintenance/queries";
import { StateDots } from "./batch-progress";

export function ActiveBatchBanner({ batch }: { batch: BatchSummary }) {
  return (
    <Alert tone="info">
      <span className="flex flex-wrap items-center gap-2" data-testid="active-batch">
        <Activity className="h-4 w-4" aria-hidden />
        A batch is running: {batch.score.finished}/{batch.score.total} targets finished.
        <Link href={`/maintenance/batches/${batch.id}`} className="font-medium underline">Open the batch</Link>
      </span>
    </Alert>
  );
}

export function BatchHistory({ batches }: { batches: BatchSummary[] }) {
  if (!batches.length) return <p className="p-4 text-sm text-fg-muted">Not run on targets yet.</p>;
  return (
    <ul className="divide-y divide-border text-sm" data-testid="batch-history">
      {batches.map((b) => (
        <li key={b.id} className="px-4 py-2.5">
          <Link href={`/maintenance/batches/${b.id}`} className="font-medium hover:underline"><LocalTime value={b.createdAt} /></Link>
          <p className="text-xs text-fg-muted">
            {b.scheduled ? "Schedule" : (b.launchedBy ?? "Former member")} · {b.score.finished}/{b.score.total} finished
            {b.score.completed_with_issues + b.score.aborted > 0 && ` · ${b.score.completed_with_issues + b.score.aborted} with problems`}
            {b.mergedCount > 0 && ` · ${b.mergedCount} merged`}
          </p>
          <div className="mt-1"><StateDots score={b.score} /></div>
        </li>
      ))}
    </ul>
  );
}
