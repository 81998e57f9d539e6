"use client";
// One escalation: the walk so far, the L1 tech's reason, notes, and claim / resolve.
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { addEscalationNote, claimEscalation, resolveEscalation } from "@/lib/escalations/escalations.actions";
import type { EscalationDetail as Detail } from "@/lib/escalations/queries";
import { EscalationStatusBadge } from "./status-badge";

export function EscalationDetail({ escalation: e }: { escalation: Detail }) {
  const router = useRouter();
  const toast = useToast();
  const claim = useAction(claimEscalation);
  const note = useAction(addEscalationNote);
  const resolve = useAction(resolveEscalation);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <Link href="/escalations" className="text-sm text-fg-muted hover:underline">← Escalations</Link>
          <h1 className="mt-1 text-2xl font-semibold break-words">{e.session.problem || e.session.flowName}</h1>
          <p className="mt-0.5 text-sm text-fg-muted">
            {e.category ? `${e.category.name} · ` : ""}from {e.from?.name ?? "a removed member"} · <LocalTime value={e.createdAt} format="relative" />
            {e.claimedBy && ` · ${e.status === "resolved" ? "resolved" : "claimed"} by ${e.claimedBy.name}`}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <EscalationStatusBadge status={e.status} />
          {e.canClaim && (
            <Button
              pending={claim.pending}
              data-testid="claim-escalation"
              onClick={async () => {
                const result = await claim.run({ escalationId: e.id });
                if (result?.ok) { toast({ title: "Claimed", description: "It's yours now.", tone: "success" }); router.refresh(); }
                else if (result) router.refresh();
              }}
            >
              Claim
            </Button>
          )}
        </div>
      </div>
      {claim.formError && <Alert tone="warning">{claim.formError}</Alert>}
      {e.notifiedCount === 0 && <Alert tone="warning">Nobody was notified of this escalation: its category has no recipients and the account had no admin to tell.</Alert>}
      {e.reason && (
        <Card className="p-5">
          <h2 className="text-sm font-medium text-fg-muted">The L1 tech says</h2>
          <p className="mt-1 whitespace-pre-wrap">{e.reason}</p>
        </Card>
      )}
      <Card>
        <CardHeader title="The walk so far" description={e.session.kind === "flow" ? `Flow: ${e.session.flowName}` : "Ad hoc walk"} action={<Button variant="secondary" size="sm" asChild><Link href={`/sessions/${e.session.id}`}>Open session</Link></Button>} />
        <pre className="max-h-96 overflow-auto px-5 py-4 text-sm whitespace-pre-wrap" data-testid="escalation-walk">{e.walkText}</pre>
      </Card>
      <Card>
        <CardHeader title="Notes" />
        {e.notes.length ? (
          <ul className="divide-y divide-border">
            {e.notes.map((n) => (
              <li key={n.id} className="px-5 py-3">
                <p className="text-xs text-fg-muted">{n.authorName} · <LocalTime value={n.at} format="relative" /></p>
                <p className="mt-0.5 text-sm whitespace-pre-wrap">{n.text}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-5 py-3 text-sm text-fg-muted">No notes yet.</p>
        )}
        <form
          className="space-y-2 border-t border-border px-5 py-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const result = await note.run({ escalationId: e.id, text: String(new FormData(form).get("text") ?? "") });
            if (result?.ok) { form.reset(); router.refresh(); }
          }}
        >
          <Field id="escalation-note" label="Add a note" errors={note.fieldErrors.text}>
            <Textarea id="escalation-note" name="text" rows={2} maxLength={2000} />
          </Field>
          {note.formError && !note.fieldErrors.text && <Alert tone="error">{note.formError}</Alert>}
          <Button type="submit" variant="secondary" size="sm" pending={note.pending}>Add note</Button>
        </form>
      </Card>
      {e.status === "resolved" ? (
        <Card className="p-5" data-testid="escalation-resolved">
          <h2 className="text-sm font-medium text-fg-muted">Resolution{e.resolvedAt && <> · <LocalTime value={e.resolvedAt} format="relative" /></>}</h2>
          <p className="mt-1 whitespace-pre-wrap">{e.resolution}</p>
        </Card>
      ) : e.canResolve ? (
        <Card className="p-5">
          <form
            className="space-y-3"
            onSubmit={async (event) => {
              event.preventDefault();
              const result = await resolve.run({ escalationId: e.id, resolution: String(new FormData(event.currentTarget).get("resolution") ?? "") });
              if (result?.ok) { toast({ title: "Resolved", description: "The L1 tech sees your resolution.", tone: "success" }); router.refresh(); }
            }}
          >
            <Field id="escalation-resolution" label="Resolution" help="Goes back to the L1 tech (their workspace, the bell and email)." errors={resolve.fieldErrors.resolution}>
              <Textarea id="escalation-resolution" name="resolution" rows={3} maxLength={4000} />
            </Field>
            {resolve.formError && !resolve.fieldErrors.resolution && <Alert tone="error">{resolve.formError}</Alert>}
            <Button type="submit" pending={resolve.pending} data-testid="resolve-escalation">Resolve</Button>
          </form>
        </Card>
      ) : (
        e.status === "open" && <p className="text-sm text-fg-muted">Claim it to work on it and resolve it.</p>
      )}
    </div>
  );
}
