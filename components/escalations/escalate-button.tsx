"use client";
// Escalate from any runner (flow sessions here; the assistant runner uses it too): a reason,
// then the session goes to the category's recipients (or the admins). When nobody could be
// told, the tech sees that plainly before the page moves on.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { LifeBuoy } from "@/components/ui/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { escalateSession } from "@/lib/escalations/escalations.actions";

export function EscalateButton({ sessionId, size = "sm" }: { sessionId: string; size?: "sm" | "md" }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [warning, setWarning] = useState<string | null>(null);
  const { run, pending, formError, fieldErrors } = useAction(escalateSession);
  const done = () => {
    setOpen(false);
    setWarning(null);
    router.refresh();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : warning ? done() : setOpen(false))}
      title="Escalate this problem"
      description="The walk so far goes to the engineers who handle this category. The session ends here as escalated."
      trigger={
        <Button variant="secondary" size={size} data-testid="open-escalate">
          <LifeBuoy className="h-4 w-4" aria-hidden />
          Escalate
        </Button>
      }
    >
      {warning ? (
        <div className="space-y-4" data-testid="escalate-warning">
          <Alert tone="warning">{warning}</Alert>
          <div className="flex justify-end">
            <Button onClick={done}>OK</Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
            const result = await run({ sessionId, reason });
            if (!result?.ok) return;
            if (result.data.warning) return setWarning(result.data.warning);
            toast({ title: "Escalated", description: `${result.data.notified} ${result.data.notified === 1 ? "person was" : "people were"} notified.`, tone: "success" });
            done();
          }}
        >
          <Field id="escalate-reason" label="What should the engineer know?" help="Optional. What you tried and what the user needs." errors={fieldErrors.reason}>
            <Textarea id="escalate-reason" name="reason" rows={4} maxLength={2000} />
          </Field>
          {formError && <Alert tone="error">{formError}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" pending={pending} data-testid="confirm-escalate">Escalate</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
