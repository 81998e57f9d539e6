"use client";
// An endpoint's latest deliveries: status, HTTP code, duration, attempts, next retry, and per
// delivery its tries with the start of each answer. "Redeliver" sends one again now.
import { ChevronRight } from "lucide-react";
import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { redeliverWebhook } from "@/lib/webhooks/webhooks.actions";
import { DeliveryStatusBadge } from "./status";

export type DeliveryRow = {
  id: string; status: string; attempts: number; nextAttemptAt: string; lastStatusCode: number | null; lastDurationMs: number | null;
  lastResponseExcerpt: string | null; lastError: string | null; createdAt: string; eventType: string; eventId: string;
  tries: { attempt: number; statusCode: number | null; durationMs: number; responseExcerpt: string | null; error: string | null; at: string }[];
};

export function DeliveryLog({ deliveries, maxAttempts }: { deliveries: DeliveryRow[]; maxAttempts: number }) {
  const [open, setOpen] = useState<string | null>(null);
  const redeliver = useAction(redeliverWebhook);
  const router = useRouter();
  const toast = useToast();
  if (!deliveries.length) {
    return <p className="px-5 py-10 text-center text-sm text-fg-muted">No deliveries yet. Send a test event, or complete a session.</p>;
  }
  return (
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
                        router.refresh();
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
                      {d.tries.length === 0 ? (
                        <p className="text-sm text-fg-muted">Not tried yet.</p>
                      ) : (
                        <ol className="space-y-2">
                          {d.tries.map((t) => (
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
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
