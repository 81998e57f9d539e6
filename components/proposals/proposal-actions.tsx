"use client";
// Approve / Modify / Reject / Dismiss (and Reopen for a dismissed one). Each button runs its
// action once at a time (useAction); the server makes a second click or a second admin harmless.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { approveProposal, dismissProposal, modifyProposal, rejectProposal, reopenProposal } from "@/lib/proposals/proposals.actions";
import type { ProposalStatusName } from "@/lib/proposals/proposal.validation";

/** `draftOpen`: Modify already wrote its draft; the way on is the editor (publishing there approves it). */
export function ProposalActions({ proposalId, status, draftOpen = false }: { proposalId: string; status: ProposalStatusName; draftOpen?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const approve = useAction(approveProposal);
  const modify = useAction(modifyProposal);
  const reject = useAction(rejectProposal);
  const dismiss = useAction(dismissProposal);
  const reopen = useAction(reopenProposal);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const busy = approve.pending || modify.pending || dismiss.pending || reopen.pending || reject.pending;
  const error = approve.error ?? modify.error ?? dismiss.error ?? reopen.error;

  if (status === "dismissed") {
    return (
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" pending={reopen.pending} disabled={busy} onClick={async () => {
          const result = await reopen.run({ proposalId });
          if (result?.ok) router.refresh();
        }}>Reopen</Button>
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    );
  }
  if (status !== "pending") return null;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {!draftOpen && (
          <Button pending={approve.pending} disabled={busy} onClick={async () => {
            const result = await approve.run({ proposalId });
            if (result?.ok) {
              toast({ title: result.data.alreadyApproved ? "Already approved" : "Published", description: "The flow is in the library.", tone: "success" });
              router.push(result.data.flowId ? `/flows/${result.data.flowId}` : "/proposals");
            }
          }}>Approve and publish</Button>
        )}
        <Button variant={draftOpen ? "primary" : "secondary"} pending={modify.pending} disabled={busy} onClick={async () => {
          const result = await modify.run({ proposalId });
          if (result?.ok) router.push(`/flows/${result.data.flowId}/edit`);
        }}>{draftOpen ? "Continue in editor" : "Modify in editor"}</Button>
        <Button variant="secondary" disabled={busy} onClick={() => setRejecting(true)}>Reject…</Button>
        <Button variant="ghost" pending={dismiss.pending} disabled={busy} onClick={async () => {
          const result = await dismiss.run({ proposalId });
          if (result?.ok) router.refresh();
        }}>Dismiss</Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <Dialog open={rejecting} onOpenChange={setRejecting} title="Reject this proposal" description="Say why, so the team knows what was wrong with it.">
        <form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await reject.run({ proposalId, reason });
            if (result?.ok) {
              setRejecting(false);
              router.refresh();
            }
          }}
        >
          <Field id="reject-reason" label="Reason" errors={reject.fieldErrors.reason}>
            <Textarea id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} required />
          </Field>
          {reject.formError && <Alert tone="error">{reject.formError}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setRejecting(false)}>Cancel</Button>
            <Button type="submit" variant="danger" pending={reject.pending}>Reject</Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
