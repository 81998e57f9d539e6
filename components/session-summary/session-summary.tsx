// A completed session, read-only: the outcome card with the ticket note, the steps taken and the
// variables. Renders from the same ticket record as the exports, so the page and the note agree.
import { CircleArrowUp, CircleCheck, CircleDashed, CircleMinus, CircleX, Undo2, type Icon } from "@/components/ui/icons";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import type { SessionView } from "@/lib/sessions/queries";
import type { TicketExports, TicketRecord, TicketStep } from "@/lib/sessions/ticket";
import { OutcomeCard } from "./outcome-card";

type Marker = { icon: Icon; className: string };

const PROCEDURE_MARKERS: Record<string, Marker> = {
  done: { icon: CircleCheck, className: "text-emerald-600 dark:text-emerald-400" },
  skipped: { icon: CircleMinus, className: "text-amber-600 dark:text-amber-400" },
  failed: { icon: CircleX, className: "text-red-600 dark:text-red-400" },
  none: { icon: CircleDashed, className: "text-fg-muted" },
};

const STATUS_BADGE = { done: "green", skipped: "amber", failed: "red" } as const;

function markerOf(step: TicketStep): Marker | null {
  if (step.kind === "procedure") return PROCEDURE_MARKERS[step.status ?? "none"];
  if (step.kind === "back") return { icon: Undo2, className: "text-fg-muted" };
  if (step.kind === "end" && step.nodeType === "solution") return { icon: CircleCheck, className: "text-emerald-600 dark:text-emerald-400" };
  if (step.kind === "end" && step.nodeType === "escalation") return { icon: CircleArrowUp, className: "text-violet-600 dark:text-violet-400" };
  return null;
}

function StepMarker({ step }: { step: TicketStep }) {
  const marker = markerOf(step);
  if (!marker) {
    return (
      <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold tabular-nums text-fg" aria-hidden>
        {step.number}
      </span>
    );
  }
  const Glyph = marker.icon;
  return <Glyph className={cn("h-6 w-6 shrink-0", marker.className)} aria-hidden />;
}

function StepItem({ step }: { step: TicketStep }) {
  const muted = step.kind === "back" || (step.kind === "procedure" && step.status === null);
  return (
    <li className="flex gap-3 py-3" data-testid="summary-step">
      <StepMarker step={step} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="sr-only">Step {step.number}: </span>
          {step.kind === "end" && step.nodeType !== "question" && step.nodeType !== "action" && (
            <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">{step.nodeType === "solution" ? "Solution" : "Escalation"}</span>
          )}
          <span className={cn("font-medium wrap-break-word", muted && "text-fg-muted")}>{step.title}</span>
          {step.kind === "procedure" && step.custom && <Badge tone="brand">Custom step</Badge>}
          {step.kind === "procedure" && (step.status ? <Badge tone={STATUS_BADGE[step.status]}>{step.statusLabel}</Badge> : <Badge>{step.statusLabel}</Badge>)}
        </div>
        {step.kind === "answer" && (
          <p className="mt-1 text-sm text-fg-muted">
            Answer: <span className="font-medium text-fg">{step.answer}</span>
          </p>
        )}
        {step.kind === "back" && <p className="mt-1 text-sm text-fg-muted">Went back{step.toNumber ? ` to step ${step.toNumber}` : ""} without answering.</p>}
        {step.kind === "end" && step.escalateTo && <p className="mt-1 text-sm text-fg-muted">Escalate to: <span className="font-medium text-fg">{step.escalateTo}</span></p>}
        {step.note && (
          <p className="mt-2 whitespace-pre-wrap wrap-break-word rounded-md border border-border bg-muted/60 px-3 py-2 text-sm">
            <span className="sr-only">Note: </span>
            {step.note}
          </p>
        )}
      </div>
    </li>
  );
}

function Timeline({ record }: { record: TicketRecord }) {
  if (!record.steps.length) return <p className="px-5 py-8 text-center text-sm text-fg-muted">No steps were taken in this session.</p>;
  // Procedures are grouped by section; a troubleshooting walk is one list.
  const groups: { section: string | null; steps: TicketStep[] }[] = [];
  for (const step of record.steps) {
    const section = step.kind === "procedure" ? step.section : null;
    const last = groups[groups.length - 1];
    if (last && last.section === section) last.steps.push(step);
    else groups.push({ section, steps: [step] });
  }
  return (
    <div className="px-5 py-2">
      {groups.map((group, index) => (
        <div key={index}>
          {group.section && <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-fg-muted">{group.section}</h3>}
          <ol className="divide-y divide-border">
            {group.steps.map((step) => <StepItem key={`${step.number}-${step.id}`} step={step} />)}
          </ol>
        </div>
      ))}
    </div>
  );
}

function Variables({ record }: { record: TicketRecord }) {
  if (!record.variables.length) return <p className="px-5 py-6 text-sm text-fg-muted">This flow has no variables.</p>;
  return (
    <dl className="divide-y divide-border">
      {record.variables.map((variable) => (
        <div key={variable.key} className="px-5 py-2.5">
          <dt className="text-xs font-medium text-fg-muted">{variable.label}</dt>
          <dd className="mt-0.5 text-sm wrap-break-word">
            {variable.value ?? (
              <span className="rounded bg-amber-100 px-1 py-0.5 font-mono text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200" title="Not filled in">
                {variable.display}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SessionSummary({ session, ticket }: { session: SessionView; ticket: TicketExports }) {
  const record = JSON.parse(ticket.json) as TicketRecord;
  const progress = record.progress;
  return (
    <div className="space-y-6">
      <OutcomeCard sessionId={session.id} canEditNotes={session.canEditNotes} record={record} ticket={ticket} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title={record.flow.type === "troubleshooting" ? "Steps taken" : "Steps"}
            description={
              progress
                ? `${progress.done} done, ${progress.skipped} skipped, ${progress.failed} failed, ${progress.total - progress.finished} not done`
                : record.flow.assistant
                  ? "A walk with the assistant"
                  : `${record.flow.name}, version ${record.flow.version}`
            }
          />
          <Timeline record={record} />
        </Card>
        {record.flow.assistant ? (
          // An assistant walk has no flow, so no variables: what it started from is the problem.
          <Card className="self-start">
            <CardHeader title="Problem" description="As described when the session started." />
            <p className="whitespace-pre-wrap wrap-break-word px-5 py-4 text-sm" data-testid="summary-problem">{record.problem || "No description."}</p>
          </Card>
        ) : (
          <Card className="self-start">
            <CardHeader title="Variables" description={record.target ? `Target: ${record.target}` : undefined} />
            <Variables record={record} />
          </Card>
        )}
      </div>
    </div>
  );
}
