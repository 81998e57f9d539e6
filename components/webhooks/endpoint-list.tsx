"use client";
// Settings → Webhooks: the account's endpoints and "Add endpoint".
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { createWebhookEndpoint } from "@/lib/webhooks/webhooks.actions";
import { EndpointForm } from "./endpoint-form";
import { DeliveryStatusBadge } from "./status";

export type EndpointRow = {
  id: string; url: string; description: string; events: string[]; active: boolean;
  latest: { status: string; lastStatusCode: number | null; updatedAt: string } | null;
};

export function EndpointList({ endpoints }: { endpoints: EndpointRow[] }) {
  const [adding, setAdding] = useState(false);
  const router = useRouter();
  const toast = useToast();
  return (
    <div>
      <div className="flex justify-end border-b border-border px-5 py-3">
        <Button onClick={() => setAdding(true)}>Add endpoint</Button>
      </div>
      {endpoints.length === 0 ? (
        <div className="px-5 py-10 text-center text-sm text-fg-muted">
          <p className="font-medium text-fg">No webhook endpoints yet.</p>
          <p className="mt-1">Add one to send completed sessions and batches to your PSA, RMM or chat as they happen.</p>
        </div>
      ) : (
        <ul className="divide-y divide-border">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
              <div className="min-w-0 flex-1">
                <Link href={`/settings/webhooks/${endpoint.id}`} className="block truncate font-mono text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">{endpoint.url}</Link>
                <p className="mt-0.5 text-sm text-fg-muted">
                  {endpoint.description && <>{endpoint.description} · </>}
                  {endpoint.events.join(", ")}
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-2 text-sm">
                {!endpoint.active && <Badge tone="amber">Paused</Badge>}
                {endpoint.latest ? (
                  <span className="flex items-center gap-2 text-fg-muted">
                    Last: <DeliveryStatusBadge status={endpoint.latest.status} code={endpoint.latest.lastStatusCode} /> <LocalTime value={endpoint.latest.updatedAt} format="relative" />
                  </span>
                ) : (
                  <span className="text-fg-muted">Nothing sent yet</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={adding} onOpenChange={setAdding} title="Add webhook endpoint" description="Choose where to send events and which ones. You get a signing secret to verify them.">
        <EndpointForm
          submitLabel="Add endpoint"
          save={createWebhookEndpoint}
          onCancel={() => setAdding(false)}
          onSaved={({ id }) => {
            setAdding(false);
            toast({ title: "Endpoint added", description: "Copy its signing secret, then send a test event.", tone: "success" });
            router.push(`/settings/webhooks/${id}`);
          }}
        />
      </Dialog>
    </div>
  );
}
