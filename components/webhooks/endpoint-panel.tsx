"use client";
// One endpoint: its settings (edit, pause, delete), its signing secret (reveal, copy, rotate)
// and "Send test event".
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import {
  deleteWebhookEndpoint, revealWebhookSecret, rotateWebhookSecret, sendTestWebhook, updateWebhookEndpoint,
} from "@/lib/webhooks/webhooks.actions";
import type { WebhookEndpointInput } from "@/lib/webhooks/webhooks.validation";
import { deliveryLogKey } from "./delivery-log";
import { EndpointForm, type EndpointValues } from "./endpoint-form";

export function EndpointPanel({ endpoint }: { endpoint: EndpointValues & { id: string } }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useAction(revealWebhookSecret);
  const rotate = useAction(rotateWebhookSecret);
  const test = useAction(sendTestWebhook);
  const remove = useAction(deleteWebhookEndpoint);

  return (
    <div className="divide-y divide-border">
      <section aria-label="Endpoint" className="space-y-3 px-5 py-4">
        {editing ? (
          <EndpointForm
            initial={endpoint}
            submitLabel="Save changes"
            save={(input: WebhookEndpointInput) => updateWebhookEndpoint({ ...input, endpointId: endpoint.id })}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              toast({ title: "Endpoint saved", tone: "success" });
              router.refresh();
            }}
          />
        ) : (
          <div className="flex flex-col-reverse gap-3 lg:flex-row lg:items-start lg:justify-between">
            <dl className="grid min-w-0 flex-1 grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
              <dt className="text-fg-muted">URL</dt><dd className="font-mono wrap-anywhere">{endpoint.url}</dd>
              {endpoint.description && <><dt className="text-fg-muted">Description</dt><dd>{endpoint.description}</dd></>}
              <dt className="text-fg-muted">Events</dt>
              <dd className="flex flex-wrap gap-1">{endpoint.events.map((e) => <Badge key={e} className="font-mono">{e}</Badge>)}</dd>
              <dt className="text-fg-muted">Status</dt><dd>{endpoint.active ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Paused</Badge>}</dd>
            </dl>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>Edit</Button>
              <Button
                size="sm"
                pending={test.pending}
                onClick={async () => {
                  const result = await test.run({ endpointId: endpoint.id });
                  if (!result) return;
                  if (!result.ok) toast({ title: "Test event not sent", description: result.error, tone: "error" });
                  else if (result.data.status === "succeeded") toast({ title: `Test event delivered (${result.data.lastStatusCode})`, tone: "success" });
                  else toast({ title: "Test event not accepted", description: result.data.lastError ?? "See the delivery log.", tone: "error" });
                  await queryClient.invalidateQueries({ queryKey: deliveryLogKey(endpoint.id) });
                }}
              >
                Send test event
              </Button>
              <Button variant="danger-ghost" size="sm" onClick={() => setConfirmDelete(true)}>Delete</Button>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="secret-heading" className="space-y-2 px-5 py-4">
        <h3 id="secret-heading" className="text-sm font-semibold">Signing secret</h3>
        <p className="text-sm text-fg-muted">Verify each request&apos;s <code className="font-mono">webhook-signature</code> with it (see the README). Keep it private.</p>
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="webhook-secret" className="min-w-0 flex-1 truncate rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm">
            {secret ?? "whsec_••••••••••••••••••••••••"}
          </code>
          {secret ? (
            <>
              <CopyButton value={secret} label="Copy" toastTitle="Secret copied" />
              <Button variant="ghost" size="sm" onClick={() => setSecret(null)}>Hide</Button>
            </>
          ) : (
            <Button
              variant="secondary"
              size="sm"
              pending={reveal.pending}
              onClick={async () => {
                const result = await reveal.run({ endpointId: endpoint.id });
                if (result?.ok) setSecret(result.data.secret);
                else if (result) toast({ title: "Could not show the secret", description: result.error, tone: "error" });
              }}
            >
              Reveal
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={() => setConfirmRotate(true)}>Rotate</Button>
        </div>
      </section>

      <Dialog open={confirmRotate} onOpenChange={setConfirmRotate} title="Rotate the signing secret?" description="The next webhook is signed with a new secret. Until you update your receiver, it will reject our requests.">
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirmRotate(false)}>Cancel</Button>
          <Button
            pending={rotate.pending}
            onClick={async () => {
              const result = await rotate.run({ endpointId: endpoint.id });
              setConfirmRotate(false);
              if (result?.ok) {
                setSecret(result.data.secret);
                toast({ title: "Secret rotated", description: "Copy the new secret into your receiver.", tone: "success" });
              } else if (result) toast({ title: "Not rotated", description: result.error, tone: "error" });
            }}
          >
            Rotate secret
          </Button>
        </div>
      </Dialog>

      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete} title="Delete this endpoint?" description="Its delivery log goes with it, and nothing more is sent to this URL.">
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirmDelete(false)}>Cancel</Button>
          <Button
            variant="danger"
            pending={remove.pending}
            onClick={async () => {
              const result = await remove.run({ endpointId: endpoint.id });
              if (result?.ok) {
                toast({ title: "Endpoint deleted", tone: "success" });
                router.push("/settings/webhooks");
              } else if (result) {
                setConfirmDelete(false);
                toast({ title: "Not deleted", description: result.error, tone: "error" });
              }
            }}
          >
            Delete endpoint
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
