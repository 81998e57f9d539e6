"use client";
// "Session variables": every variable of the run, filled or not, editable at any time (SPEC §5).
import { AlertTriangle, Check } from "@/components/ui/icons";
import { useState } from "react";
import { VariableInput } from "@/components/sessions/variable-input";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { cn } from "@/lib/cn";
import { useRunner } from "./runner-context";
import { missingRequired, type PanelVariable } from "./variables-list";

export function VariablesPanel({ open, onOpenChange, variables }: { open: boolean; onOpenChange: (open: boolean) => void; variables: PanelVariable[] }) {
  const { values, readOnly } = useRunner();
  const missing = missingRequired(variables, values);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Session variables"
      description={readOnly ? "The values this session runs with." : "Values used in this session's steps. Changes save when you leave a field, and resolve everywhere at once."}
    >
      <div className="max-h-[70vh] space-y-3 overflow-y-auto px-0.5 pb-0.5" data-testid="variables-panel">
        {variables.length === 0 && <p className="text-sm text-fg-muted">This flow has no variables.</p>}
        {missing.length > 0 && !readOnly && (
          <p className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            {missing.length === 1 ? "1 required variable is" : `${missing.length} required variables are`} still empty.
          </p>
        )}
        {readOnly ? (
          <dl className="divide-y divide-border rounded-md border border-border text-sm">
            {variables.map((v) => (
              <div key={v.key} className="grid gap-1 px-3 py-2 sm:grid-cols-[10rem_1fr]">
                <dt className="text-fg-muted">{v.label}</dt>
                <dd className="font-mono break-all">{values[v.key]?.trim() || <span className="font-sans text-amber-700 dark:text-amber-300">not filled</span>}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <ul className="space-y-3">
            {variables.map((v) => (
              <VariableRow key={v.key} variable={v} />
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}

function VariableRow({ variable }: { variable: PanelVariable }) {
  const { values, saveVariable } = useRunner();
  const saved = values[variable.key] ?? "";
  const [draft, setDraft] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<"idle" | "saved">("idle");
  const id = `session-var-${variable.key}`;
  const empty = !saved.trim();

  const commit = (value: string) => {
    if (value.trim() === saved.trim()) return;
    const problem = saveVariable(variable.key, value);
    setError(problem);
    setStatus(problem ? "idle" : "saved");
  };

  return (
    <li
      className={cn(
        "rounded-md border p-3",
        variable.required && empty ? "border-amber-400 bg-amber-50/60 dark:border-amber-700 dark:bg-amber-950/30" : "border-border",
      )}
      data-testid="session-variable"
      data-variable-key={variable.key}
      onBlur={(event) => {
        if (variable.fieldType !== "select" && !event.currentTarget.contains(event.relatedTarget as Node | null)) commit(draft);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.target as HTMLElement).tagName === "INPUT") {
          event.preventDefault();
          commit(draft);
        }
      }}
    >
      <div className="mb-1.5 flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {variable.label}
        </label>
        <code className="text-xs text-fg-muted">[VAR:{variable.key}]</code>
        {variable.required && <Badge tone={empty ? "amber" : "neutral"}>Required</Badge>}
        {variable.unknown && <Badge tone="amber">Not defined</Badge>}
        <span className="ml-auto text-xs" aria-live="polite">
          {status === "saved" && !error && (
            <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-300">
              <Check className="h-3.5 w-3.5" aria-hidden />
              Saved
            </span>
          )}
        </span>
      </div>
      <VariableInput
          id={id}
          definition={variable}
          value={draft}
          invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(value) => {
            setDraft(value);
            setError(null);
            setStatus("idle");
            if (variable.fieldType === "select") commit(value);
          }}
        />
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : (
        variable.helpText && <p className="mt-1 text-xs text-fg-muted">{variable.helpText}</p>
      )}
    </li>
  );
}
