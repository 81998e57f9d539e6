"use client";
// An endpoint's delivery log, newest first: status, HTTP code, duration, attempts, next retry, and
// per delivery, when its row is opened, its tries with the start of each answer (fetched then:
// GET /api/webhooks/<id>/deliveries/<deliveryId>; the pages carry only what the rows show). "Redeliver" sends one again now. Pages of
// 50 through react-query (GET /api/webhooks/<id>/deliveries, keyset cursor): the first comes with
// the page, "Load more" fetches the next; a status filter (all / pending / delivered / failed).
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { ChevronRight } from "@/components/ui/icons";
import { Fragment, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { redeliverWebhook } from "@/lib/webhooks/webhooks.actions";
import { DELIVERY_STATUS_FILTERS, type DeliveryAttempts, type DeliveryLogPage, type DeliveryLogRow, type DeliveryStatusFilter } from "@/lib/webhooks/webhooks.validation";
import { DeliveryStatusBadge } from "./status";

const FILTER_LABELS: Record<DeliveryStatusFilter, string> = { all: "All", pending: "Pending", succeeded: "Delivered", failed: "Failed" };
const EMPTY: Record<DeliveryStatusFilter, string> = {
  all: "No deliveries yet. Send a test event, or complete a session.",
  pending: "Nothing waiting to be sent.",
  succeeded: "No delivered events yet.",
  failed: "No failed deliveries.",
};

/** The react-query key of an endpoint's log (every filter): invalidate it after a send. */
export const deliveryLogKey = (endpointId: string) => ["webhook-deliveries", endpointId] as const;

async function fetchPage(endpointId: string, status: DeliveryStatusFilter, cursor: string | null, signal: AbortSignal): Promise<DeliveryLogPage> {
  const params = new URLSearchParams({ status, ...(cursor ? { cursor } : {}) });
  const response = await fetch(`/api/webhooks/${endpointId}/deliveries?${params}`, { signal });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load the delivery log.");
  return response.json();
}

export function DeliveryLog({ endpointId, firstPage, maxAttempts }: { endpointId: string; firstPage: DeliveryLogPage; maxAttempts: number }) {
  const [status, setStatus] = useState<DeliveryStatusFilter>("all");
  const [open, setOpen] = useState<string | null>(null);
  const redeliver = useAction(redeliverWebhook);
  const queryClient = useQueryClient();
  const toast = useToast();
  const log = useInfiniteQuery({
    queryKey: [...deliveryLogKey(endpointId), status],
    queryFn: ({ pageParam, signal }) => fetchPage(endpointId, status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The unfiltered first page came with the HTML.
    initialData: status === "all" ? ({ pages: [firstPage], pageParams: [null] } satisfies InfiniteData<DeliveryLogPage, string | null>) : undefined,
  });
  const deliveries: DeliveryLogRow[] = log.data?.pages.flatMap((p) => p.deliveries) ?? [];

  return (
    <div>
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-5 py-3">
        <div role="group" aria-label="Status" className="inline-flex rounded-md border border-border bg-muted p-0.5 text-xs">
          {DELIVERY_STATUS_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={status === f}
              onClick={() => { setStatus(f); setOpen(null); }}
              className={cn("cursor-pointer rounded px-2.5 py-1 font-medium text-fg-muted hover:text-fg", status === f && "bg-surface text-fg shadow-sm")}
            >
              {FILTER_LABELS[f]}
            </button>
          ))}
        </div>
        {log.isFetching && !log.isFetchingNextPage && <span className="text-xs text-fg-muted" role="status">Loading…</span>}
      </div>
      {log.isError && !log.isFetchNextPageError && (
        <div className="px-5 py-3">
          <Alert tone="error">
            {log.error.message} <button type="button" className="underline" onClick={() => void log.refetch()}>Try again</button>
          </Alert>
        </div>
      )}
      {log.isPending ? (
        <p className="px-5 py-10 text-center text-sm text-fg-muted" role="status">Loading deliveries…</p>
      ) : !deliveries.length ? (
        <p className="px-5 py-10 text-center text-sm text-fg-muted">{EMPTY[status]}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-fg-muted">
              <tr className="border-b border-border">
                <th className="px-5 py-2 font-medium">Event</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">Duration</th>
                <th className="px-3 py-2 font-medium">Attempts</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">Next retry</th>
                <th className="px-3 py-2 font-medium">Created</th>
                <th className="px-5 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => {
                const expanded = open === d.id;
                return (
                  <Fragment key={d.id}>
                    <tr className="border-b border-border" data-testid="delivery-row">
                      <td className="px-5 py-2">
                        <button type="button" className="flex items-center gap-1 font-mono text-xs hover:underline" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : d.id)}>
                          <ChevronRight className={cn("h-4 w-4 transition-transform", expanded && "rotate-90")} aria-hidden />
                          {d.eventType}
                        </button>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2"><DeliveryStatusBadge status={d.status} code={d.lastStatusCode} /></td>
                      <td className="px-3 py-2 tabular-nums">{d.lastDurationMs !== null ? `${d.lastDurationMs} ms` : "—"}</td>
                      <td className="px-3 py-2 tabular-nums">{d.attempts} / {maxAttempts}</td>
                      <td className="px-3 py-2">{d.status === "pending" && d.attempts > 0 ? <LocalTime value={d.nextAttemptAt} format="relative" /> : "—"}</td>
                      <td className="whitespace-nowrap px-3 py-2"><LocalTime value={d.createdAt} format="datetime" /></td>
                      <td className="px-5 py-2 text-right">
                        <Button
                          variant="secondary"
                          size="sm"
                          disabled={redeliver.pending}
                          onClick={async () => {
                            const result = await redeliver.run({ deliveryId: d.id });
                            if (!result) return;
                            if (!result.ok) toast({ title: "Not redelivered", description: result.error, tone: "error" });
                            else toast(result.data.status === "succeeded" ? { title: `Redelivered (${result.data.lastStatusCode})`, tone: "success" } : { title: "Redelivery not accepted", description: result.data.lastError ?? undefined, tone: "error" });
                            await queryClient.invalidateQueries({ queryKey: deliveryLogKey(endpointId) });
                          }}
                        >
                          Redeliver
                        </Button>
                      </td>
                    </tr>
                    {expanded && (
                      <tr className="border-b border-border bg-muted/40">
                        <td colSpan={7} className="px-5 py-3">
                          <p className="mb-2 text-xs text-fg-muted">webhook-id <code className="font-mono">{d.eventId}</code></p>
                          <DeliveryTries endpointId={endpointId} deliveryId={d.id} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <div className="flex justify-center border-t border-border px-5 py-3">
          <Button variant="secondary" size="sm" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
      {log.isFetchNextPageError && <p className="px-5 pb-3 text-center text-sm text-red-700 dark:text-red-300">{log.error?.message}</p>}
    </div>
  );
}

/** An opened row's tries, read when it opens (under the log's key, so a redelivery refreshes them). */
function DeliveryTries({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const tries = useQuery({
    queryKey: [...deliveryLogKey(endpointId), "tries", deliveryId],
    queryFn: async ({ signal }): Promise<DeliveryAttempts> => {
      const response = await fetch(`/api/webhooks/${endpointId}/deliveries/${deliveryId}`, { signal });
      if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load the attempts.");
      return response.json();
    },
  });
  if (tries.isPending) return <p className="text-sm text-fg-muted" role="status">Loading attempts…</p>;
  if (tries.isError) {
    return (
      <p className="text-sm text-red-700 dark:text-red-300">
        {tries.error.message} <button type="button" className="underline" onClick={() => void tries.refetch()}>Try again</button>
      </p>
    );
  }
  if (!tries.data.tries.length) return <p className="text-sm text-fg-muted">Not tried yet.</p>;
  return (
    <ol className="space-y-2">
      {tries.data.tries.map((t) => (
        <li key={t.attempt} className="rounded-md border border-border bg-surface p-3">
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="font-medium">Attempt {t.attempt}</span>
            <span>{t.statusCode !== null ? `HTTP ${t.statusCode}` : "No answer"}</span>
            <span className="tabular-nums text-fg-muted">{t.durationMs} ms</span>
            <LocalTime value={t.at} format="datetime" className="text-fg-muted" />
          </p>
          {t.error && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{t.error}</p>}
          {t.responseExcerpt && <pre className="mt-2 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2 font-mono text-xs">{t.responseExcerpt}</pre>}
        </li>
      ))}
    </ol>
  );
}
