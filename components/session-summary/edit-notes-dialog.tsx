"use client";
import { Pencil } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { updateSessionNotes } from "@/lib/sessions/sessions.actions";

/** After completion only the outcome notes and next steps stay editable (owner or admin). */
export function EditNotesDialog({ sessionId, notes, nextSteps }: { sessionId: string; notes: string; nextSteps: string }) {
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, formError, fieldErrors, setError } = useAction(updateSessionNotes);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(null);
      }}
      title="Edit notes"
      description="What the customer's ticket should say about the result. The ticket note updates when you save."
      trigger={
        <Button type="button" variant="ghost" size="sm">
          <Pencil className="h-4 w-4" aria-hidden />
          Edit notes
        </Button>
      }
    >
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const result = await run({ sessionId, notes: String(data.get("notes") ?? ""), nextSteps: String(data.get("nextSteps") ?? "") });
          if (result?.ok) {
            setOpen(false);
            toast({ title: "Notes saved", tone: "success" });
            // The ticket note is built on the server from these notes: fetch it again.
            router.refresh();
          }
        }}
      >
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field id="session-notes" label="Notes" errors={fieldErrors.notes}>
          <Textarea id="session-notes" name="notes" defaultValue={notes} rows={6} maxLength={10_000} autoFocus />
        </Field>
        <Field id="session-next-steps" label="Next steps" errors={fieldErrors.nextSteps}>
          <Textarea id="session-next-steps" name="nextSteps" defaultValue={nextSteps} rows={3} maxLength={5000} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" pending={pending}>Save notes</Button>
        </div>
      </form>
    </Dialog>
  );
}
