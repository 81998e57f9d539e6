"use client";
// Completing a session: outcome, notes, next steps. Required variables still empty get a soft
// warning (with a way to fill them) but never block.
import { AlertTriangle } from "@/components/ui/icons";
import { useState } from "react";
import { OUTCOME_LABELS } from "@/lib/sessions/ticket";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { PROCEDURE_OUTCOMES, TROUBLESHOOTING_OUTCOMES, type OUTCOMES } from "@/lib/sessions/session.validation";
import { completeSession } from "@/lib/sessions/sessions.actions";
import type { PanelVariable } from "./variables-list";

const OUTCOME_HELP: Record<string, string> = {
  resolved: "The problem is fixed.",
  partially_resolved: "Better, but something is left to do.",
  escalated: "Handed over to someone else.",
  unresolved: "Not fixed, and not handed over.",
  completed: "Every step went as planned.",
  completed_with_issues: "Finished, but some steps were skipped or failed.",
  aborted: "Stopped before the end.",
};

export function CompleteDialog({
  open,
  onOpenChange,
  sessionId,
  kind,
  initialOutcome,
  missingRequired,
  onFillVariables,
  onCompleted,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  sessionId: string;
  kind: "troubleshooting" | "procedure";
  /** Preselected when the dialog opens (e.g. the terminal node's default outcome). */
  initialOutcome: string | null;
  missingRequired: PanelVariable[];
  onFillVariables: () => void;
  onCompleted: () => void;
}) {
  const outcomes: readonly string[] = kind === "troubleshooting" ? TROUBLESHOOTING_OUTCOMES : PROCEDURE_OUTCOMES;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Complete session" description="Record how it ended. The summary for the ticket is built from this.">
      {/* Mounted per opening, so the preselected outcome follows where it was opened from. */}
      {open && (
        <CompleteForm
          sessionId={sessionId}
          outcomes={outcomes}
          initialOutcome={initialOutcome && outcomes.includes(initialOutcome) ? initialOutcome : null}
          missingRequired={missingRequired}
          onFillVariables={onFillVariables}
          onCancel={() => onOpenChange(false)}
          onCompleted={onCompleted}
        />
      )}
    </Dialog>
  );
}

function CompleteForm({
  sessionId,
  outcomes,
  initialOutcome,
  missingRequired,
  onFillVariables,
  onCancel,
  onCompleted,
}: {
  sessionId: string;
  outcomes: readonly string[];
  initialOutcome: string | null;
  missingRequired: PanelVariable[];
  onFillVariables: () => void;
  onCancel: () => void;
  onCompleted: () => void;
}) {
  const [outcome, setOutcome] = useState<string | null>(initialOutcome);
  const [notes, setNotes] = useState("");
  const [nextSteps, setNextSteps] = useState("");
  const [outcomeMissing, setOutcomeMissing] = useState(false);
  const { run, pending, formError, fieldErrors } = useAction(completeSession);
  const outcomeErrors = outcomeMissing ? ["Choose an outcome."] : fieldErrors.outcome;

  return (
    <form
      className="max-h-[70vh] space-y-4 overflow-y-auto px-0.5 pb-0.5"
      data-testid="complete-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!outcome) return setOutcomeMissing(true);
        const result = await run({ sessionId, outcome: outcome as (typeof OUTCOMES)[number], notes, nextSteps });
        if (result?.ok) onCompleted();
      }}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      {missingRequired.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200" role="status" data-testid="complete-missing-variables">
          <p className="flex items-center gap-2 font-medium">
            <AlertTriangle className="h-4 w-4 shrink-0" aria-hidden />
            Required {missingRequired.length === 1 ? "variable is" : "variables are"} still empty
          </p>
          <p className="mt-1">
            {missingRequired.map((v) => v.label).join(", ")}. The ticket summary will show {missingRequired.length === 1 ? "it" : "them"} as [VAR:…].{" "}
            <button type="button" className="font-medium underline underline-offset-2 hover:no-underline" onClick={onFillVariables}>
              {missingRequired.length === 1 ? "Fill it in" : "Fill them in"}
            </button>{" "}
            or complete anyway.
          </p>
        </div>
      )}
      <fieldset aria-describedby={outcomeErrors?.length ? "complete-outcome-error" : undefined}>
        <legend className="text-sm font-medium">Outcome</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {outcomes.map((value) => (
            <label
              key={value}
              className={cn(
                "flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                outcome === value ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-border hover:bg-muted",
              )}
            >
              <input
                type="radio"
                name="outcome"
                value={value}
                checked={outcome === value}
                onChange={() => {
                  setOutcome(value);
                  setOutcomeMissing(false);
                }}
                className="mt-0.5 accent-brand-600"
              />
              <span>
                <span className="block font-medium">{OUTCOME_LABELS[value] ?? value}</span>
                <span className="block text-xs text-fg-muted">{OUTCOME_HELP[value]}</span>
              </span>
            </label>
          ))}
        </div>
        {outcomeErrors?.length ? (
          <p id="complete-outcome-error" role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {outcomeErrors[0]}
          </p>
        ) : null}
      </fieldset>
      <Field id="complete-notes" label="Notes" help="What was found and done. Goes into the ticket summary." errors={fieldErrors.notes}>
        <Textarea id="complete-notes" value={notes} maxLength={10_000} rows={3} onChange={(event) => setNotes(event.target.value)} />
      </Field>
      <Field id="complete-next-steps" label="Next steps" help="Follow-ups for the user or the next engineer (optional)." errors={fieldErrors.nextSteps}>
        <Textarea id="complete-next-steps" value={nextSteps} maxLength={5000} rows={2} className="min-h-16" onChange={(event) => setNextSteps(event.target.value)} />
      </Field>
      <div className="flex justify-end gap-2 border-t border-border pt-4">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Complete session
        </Button>
      </div>
    </form>
  );
}
