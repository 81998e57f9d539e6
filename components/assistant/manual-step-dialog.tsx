"use client";
// "Add a step": something the engineer did by hand goes into the walk (and the ticket).
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { addManualWalkStep } from "@/lib/assistant/assistant.actions";
import { guessLanguage } from "@/lib/flows/structure";

export function ManualStepDialog({ open, onOpenChange, sessionId, onAdded }: { open: boolean; onOpenChange: (open: boolean) => void; sessionId: string; onAdded: () => void }) {
  const { run, pending, formError, fieldErrors } = useAction(addManualWalkStep);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Add a step" description="A step you did yourself. It goes into the walk before the open suggestion.">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const command = String(data.get("command") ?? "").trim();
          const result = await run({
            sessionId,
            title: String(data.get("title") ?? ""),
            body: String(data.get("body") ?? ""),
            commands: command ? [{ language: guessLanguage(command), code: command, label: "" }] : [],
            result: String(data.get("result") ?? "done") as "done" | "failed" | "skipped",
          });
          if (result?.ok) { onOpenChange(false); onAdded(); }
        }}
      >
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field id="manual-title" label="What did you do?" errors={fieldErrors.title}>
          <Input id="manual-title" name="title" required maxLength={300} autoFocus />
        </Field>
        <Field id="manual-body" label="Details" errors={fieldErrors.body}>
          <Textarea id="manual-body" name="body" rows={3} maxLength={20_000} />
        </Field>
        <Field id="manual-command" label="Command (optional)" errors={fieldErrors.commands}>
          <Textarea id="manual-command" name="command" rows={2} className="font-mono" maxLength={20_000} />
        </Field>
        <Field id="manual-result" label="Result" errors={fieldErrors.result}>
          <Select id="manual-result" name="result" defaultValue="done">
            <option value="done">Done</option>
            <option value="failed">Failed</option>
            <option value="skipped">Skipped</option>
          </Select>
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" pending={pending}>Add step</Button>
        </div>
      </form>
    </Dialog>
  );
}
