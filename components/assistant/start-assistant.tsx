"use client";
// "Start with the assistant": describe the problem, get a session with its first suggestion.
import { Bot } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { startAssistant } from "@/lib/assistant/assistant.actions";
import { PROBLEM_MAX } from "@/lib/assistant/limits";

export function StartAssistantButton({ initialProblem = "", ...props }: { initialProblem?: string } & ButtonProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, formError, fieldErrors } = useAction(startAssistant);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Start with the assistant"
      description="Describe the problem. The assistant suggests questions and steps from your flows and step library; you answer, edit or reject each one."
      trigger={<Button type="button" variant="secondary" {...props}><Bot className="h-4 w-4" aria-hidden />Start with the assistant</Button>}
    >
      {open && (
        <form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const problem = String(new FormData(event.currentTarget).get("problem") ?? "");
            const result = await run({ problem });
            if (result?.ok) router.push(`/sessions/${result.data.sessionId}`);
          }}
        >
          {formError && <Alert tone="error">{formError}</Alert>}
          <Field id="assistant-problem" label="What is the problem?" errors={fieldErrors.problem} help="e.g. Printer not printing for the finance team since this morning">
            <Textarea id="assistant-problem" name="problem" defaultValue={initialProblem} rows={4} required minLength={3} maxLength={PROBLEM_MAX} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" pending={pending}>Start</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
