// Above a maintenance session: which target, how far the batch is, back to the batch, next target.
import { ArrowLeft, Server, SkipForward } from "@/components/ui/icons";
import Link from "next/link";
import type { BatchContext } from "@/lib/maintenance/queries";

export function BatchContextStrip({ context }: { context: BatchContext }) {
  return (
    <nav aria-label="Batch" className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-border bg-muted/50 px-4 py-2 text-sm" data-testid="batch-context">
      <span className="inline-flex items-center gap-1.5 font-medium"><Server className="h-4 w-4 text-fg-muted" aria-hidden />Target: <span className="font-mono">{context.target}</span></span>
      <span className="text-fg-muted">Batch {context.finished}/{context.total} finished</span>
      <span className="ml-auto flex flex-wrap gap-3">
        <Link href={`/maintenance/batches/${context.batchId}`} className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline dark:text-brand-400"><ArrowLeft className="h-4 w-4" aria-hidden />Back to batch</Link>
        {context.nextSessionId && (
          <Link href={`/sessions/${context.nextSessionId}`} className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline dark:text-brand-400">Next target: <span className="font-mono">{context.nextTarget}</span><SkipForward className="h-4 w-4" aria-hidden /></Link>
        )}
      </span>
    </nav>
  );
}
