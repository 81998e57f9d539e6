"use client";
// The procedure's checklist: sections, numbered steps with their status, progress.
import { Ban, CheckCircle2, Circle, SkipForward, XCircle } from "@/components/ui/icons";
import type { KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import type { Progress, RuntimeStep, StepStates, StepStatus } from "@/lib/sessions/runtime";
import { resolveText, type VariableValues } from "@/lib/sessions/variables";

export const STATUS_META: Record<StepStatus, { label: string; icon: typeof Circle; className: string }> = {
  done: { label: "Done", icon: CheckCircle2, className: "text-emerald-600 dark:text-emerald-400" },
  skipped: { label: "Skipped", icon: SkipForward, className: "text-fg-muted" },
  failed: { label: "Failed", icon: XCircle, className: "text-red-600 dark:text-red-400" },
};

export function StatusIcon({ status, className }: { status: StepStatus | null; className?: string }) {
  if (!status) return <Circle className={cn("h-4 w-4 shrink-0 text-fg-muted/60", className)} aria-label="Not done yet" role="img" />;
  const { icon: Icon, label, className: tone } = STATUS_META[status];
  return <Icon className={cn("h-4 w-4 shrink-0", tone, className)} aria-label={label} role="img" />;
}

export function ProgressBar({ progress }: { progress: Progress }) {
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium" data-testid="runner-progress">
          {progress.finished} of {progress.total} steps
        </span>
        <span className="text-fg-muted">{progress.percent}%</span>
      </div>
      <div
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-muted"
        role="progressbar"
        aria-label="Procedure progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.finished} of ${progress.total} steps marked`}
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${progress.percent}%` }} />
      </div>
      {(progress.skipped > 0 || progress.failed > 0) && (
        <p className="mt-1 text-xs text-fg-muted">
          {progress.done} done{progress.skipped ? ` · ${progress.skipped} skipped` : ""}
          {progress.failed ? <span className="text-red-600 dark:text-red-400"> · {progress.failed} failed</span> : null}
        </p>
      )}
    </div>
  );
}

export function Checklist({
  steps,
  states,
  currentId,
  values,
  onSelect,
}: {
  steps: RuntimeStep[];
  states: StepStates;
  currentId: string | null;
  values: VariableValues;
  onSelect: (id: string) => void;
}) {
  const hasSteps = steps.some((s) => s.kind === "step");
  // One Tab stop (roving tabindex): the open step, or the first one when none is open.
  const tabStop = steps.some((s) => s.kind === "step" && s.id === currentId) ? currentId : (steps.find((s) => s.kind === "step")?.id ?? null);
  // ↑/↓ (Home/End) move from the focused item, opening the step they land on.
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!["ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("[data-step-button]")];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const target =
      event.key === "Home" ? buttons[0] : event.key === "End" ? buttons[buttons.length - 1] : buttons[index + (event.key === "ArrowUp" ? -1 : 1)];
    if (!target || target === buttons[index]) return;
    target.focus();
    onSelect(target.dataset.stepButton!);
  };
  return (
    <ol className="space-y-0.5" data-testid="runner-checklist" aria-label="Steps" onKeyDown={onKeyDown}>
      {!hasSteps && (
        <li className="flex items-center gap-2 px-2 py-1.5 text-sm text-fg-muted">
          <Ban className="h-4 w-4" aria-hidden />
          No steps
        </li>
      )}
      {steps.map((step) => {
        if (step.kind === "section") {
          return (
            <li key={step.id} className="px-2 pt-3 pb-1 text-xs font-semibold tracking-wide text-fg-muted uppercase first:pt-0">
              {resolveText(step.title, values)}
            </li>
          );
        }
        if (step.kind === "end") return null;
        const status = states[step.id]?.status ?? null;
        const current = step.id === currentId;
        return (
          <li key={step.id}>
            <button
              type="button"
              data-step-button={step.id}
              tabIndex={step.id === tabStop ? 0 : -1}
              aria-current={current ? "step" : undefined}
              onClick={() => onSelect(step.id)}
              className={cn(
                "flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left text-sm transition-colors hover:bg-muted",
                current && "bg-brand-50 font-medium text-brand-700 ring-1 ring-brand-100 ring-inset hover:bg-brand-50 dark:bg-brand-700/20 dark:text-brand-100 dark:ring-brand-700/50",
              )}
            >
              <StatusIcon status={status} className="mt-0.5" />
              <span className="w-5 shrink-0 text-right text-xs leading-5 text-fg-muted tabular-nums">{step.number}.</span>
              <span className={cn("min-w-0 flex-1 break-words", status === "skipped" && "text-fg-muted line-through decoration-fg-muted/50")}>
                {resolveText(step.title, values)}
              </span>
              {step.custom && (
                <Badge tone="brand" className="mt-0.5 shrink-0">
                  Custom
                </Badge>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
