"use client";
// The procedural / maintenance runner: a checklist beside the current step's detail.
import { AlertTriangle, ArrowLeft, ArrowRight, Check, CircleCheck, Info, ListChecks, ListPlus, PartyPopper, ShieldCheck, SkipForward, Undo2, Wrench, XCircle } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { CONTENT_TYPE_META } from "@/components/flow-editor/procedure/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import { asProcedure, type ContentType } from "@/lib/flows/structure";
import { procedureProgress, runtimeSteps, type CustomStep, type RuntimeStep, type StepState, type StepStatus } from "@/lib/sessions/runtime";
import { selectStep, setStepState } from "@/lib/sessions/sessions.actions";
import { resolveText } from "@/lib/sessions/variables";
import { Checklist, ProgressBar, STATUS_META, StatusIcon } from "./checklist";
import { copyFirstCommand } from "./copy-command";
import { CustomStepDialog } from "./custom-step-dialog";
import { useRunner } from "./runner-context";
import {
  adjacentStepId, applyOverlay, initialStepId, overlayDrop, overlayReconcile, overlaySaved, overlaySet, sameStepState, stepAfterMark, suggestedOutcome, type Overlay,
} from "./runner-state";
import { StepFeedback } from "./step-feedback";
import { NOTE_FIELD_ID, StepNote } from "./step-note";
import { useRunnerKeys } from "./use-runner-keys";
import { CommandBlock, VarMarkdown, VarText } from "./variable-text";

type Step = Extract<RuntimeStep, { kind: "step" }>;

// This tab's open step, kept for a reload (sessionStorage: per tab, gone with it).
const openStepKey = (sessionId: string) => `resolutionflow:open-step:${sessionId}`;
const noSubscription = () => () => {};
function readOpenStep(sessionId: string): string | null {
  try {
    return window.sessionStorage.getItem(openStepKey(sessionId));
  } catch {
    return null; // storage switched off: the server's copy still works
  }
}
function keepOpenStep(sessionId: string, stepId: string) {
  try {
    window.sessionStorage.setItem(openStepKey(sessionId), stepId);
  } catch {
    // storage switched off or full: the server's copy still works
  }
}
type End = Extract<RuntimeStep, { kind: "end" }>;

const CONTENT_ICON: Record<ContentType, typeof Info> = { action: Wrench, verification: ShieldCheck, information: Info, warning: AlertTriangle };

export function ProcedureRunner() {
  const { session, readOnly, enqueue, values, gen, currentGen, openComplete } = useRunner();
  const router = useRouter();
  const toast = useToast();
  const structure = asProcedure(session.structure);

  // Custom steps added here and not yet in the server view; step states changed here.
  const [addedSteps, setAddedSteps] = useState<CustomStep[]>([]);
  const [stateOverlay, setStateOverlay] = useState<Overlay<StepState | undefined>>({});
  const [seen, setSeen] = useState(session);
  if (seen !== session) {
    setSeen(session);
    setStateOverlay((o) => overlayReconcile(o, session.stepStates, gen, sameStepState));
    setAddedSteps((added) => added.filter((step) => !session.customSteps.some((c) => c.id === step.id)));
  }

  const customSteps = useMemo(
    () => [...session.customSteps, ...addedSteps.filter((step) => !session.customSteps.some((c) => c.id === step.id))],
    [session.customSteps, addedSteps],
  );
  const steps = useMemo(() => runtimeSteps(structure, customSteps), [structure, customSteps]);
  const states = useMemo(() => applyOverlay(session.stepStates, stateOverlay), [session.stepStates, stateOverlay]);
  const progress = procedureProgress(steps, states);
  const end = steps.find((s): s is End => s.kind === "end") ?? null;
  const allMarked = progress.total > 0 && progress.finished === progress.total;

  // A reload lands on the open step: the tab keeps it at once (sessionStorage), and it is saved
  // on the session (below) for a resume elsewhere. On a reload the tab's copy wins, as it is never
  // behind the server's; it is read after hydration, so server and client render alike.
  const [initialId] = useState(() => initialStepId(steps, states, session.currentNodeId));
  const [pickedId, setCurrentId] = useState<string | null>(null);
  const keptId = useSyncExternalStore(noSubscription, () => readOpenStep(session.id), () => null);
  const currentId = pickedId ?? (keptId && steps.some((s) => s.kind === "step" && s.id === keptId) ? keptId : initialId);
  const current = steps.find((s): s is Step => s.kind === "step" && s.id === currentId) ?? null;
  const previousId = adjacentStepId(steps, currentId, -1);
  const nextId = adjacentStepId(steps, currentId, 1);

  const [checklistOpen, setChecklistOpen] = useState(false);
  const [addingStep, setAddingStep] = useState(false);

  useEffect(() => {
    if (currentId && !readOnly) keepOpenStep(session.id, currentId);
  }, [currentId, readOnly, session.id]);

  // The server copy of the position: at once after marking, debounced while browsing with the keys.
  const saveSoon = useRef(false);
  useEffect(() => {
    if (readOnly || !currentId || currentId === session.currentNodeId || !steps.some((s) => s.id === currentId)) return;
    const timer = setTimeout(() => void enqueue(() => selectStep({ sessionId: session.id, stepId: currentId }), { failTitle: "Position not saved" }), saveSoon.current ? 0 : 400);
    saveSoon.current = false;
    return () => clearTimeout(timer);
  }, [currentId, readOnly, session.currentNodeId, session.id, enqueue, steps]);

  // The button just pressed in the step (Done, Undo, Next…) is gone once the step changes:
  // keyboard users continue from the step's heading instead of the top of the page.
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    if (document.activeElement === document.body || document.activeElement === null) {
      document.querySelector<HTMLElement>("[data-runner-heading]")?.focus({ preventScroll: true });
    }
  });

  const select = (id: string | null, focusChecklist = false) => {
    if (!id) return;
    setCurrentId(id);
    setChecklistOpen(false);
    if (focusChecklist) setTimeout(() => document.querySelector<HTMLElement>(`[data-step-button="${id}"]`)?.focus(), 0);
  };

  const mark = (stepId: string, status: StepStatus | null, note = "") => {
    if (readOnly) return;
    refocus.current = true;
    const value: StepState | undefined = status ? { status, note, at: new Date().toISOString() } : undefined;
    const eq = (a: StepState | undefined, b: StepState | undefined) => sameStepState(a, b);
    setStateOverlay((o) => overlaySet(o, stepId, value));
    void enqueue(() => setStepState({ sessionId: session.id, stepId, status, note }), {
      failTitle: "Step not saved",
      onFail: () => setStateOverlay((o) => overlayDrop(o, stepId, value, eq)),
    }).then((data) => {
      if (data) setStateOverlay((o) => overlaySaved(o, stepId, value, currentGen(), eq));
    });
    if (status) {
      saveSoon.current = true;
      select(stepAfterMark(steps, { ...states, [stepId]: value! }, stepId));
    }
  };

  useRunnerKeys("procedure", (shortcut, event) => {
    const inChecklist = Boolean((event.target as HTMLElement | null)?.closest?.("[data-runner-checklist]"));
    if (shortcut.kind === "previous") select(previousId, inChecklist);
    else if (shortcut.kind === "next") select(nextId, inChecklist);
    else if (shortcut.kind === "copy" && current) void copyFirstCommand(current.commands, values, toast);
    else if (shortcut.kind === "note") document.getElementById(NOTE_FIELD_ID)?.focus();
  });

  const suggested = suggestedOutcome({ kind: "procedure", ...progress });

  return (
    <div className="@container">
      <div className="grid gap-4 @2xl:grid-cols-[16rem_minmax(0,1fr)] @4xl:grid-cols-[18rem_minmax(0,1fr)]">
        <aside className="min-w-0 @2xl:sticky @2xl:top-20 @2xl:self-start" aria-label="Checklist">
          <div className="rounded-lg border border-border bg-surface p-3 shadow-sm">
            <ProgressBar progress={progress} />
            <button
              type="button"
              className="mt-3 flex w-full items-center justify-between gap-2 rounded-md border border-border px-3 py-2 text-sm font-medium hover:bg-muted @2xl:hidden"
              aria-expanded={checklistOpen}
              aria-controls="runner-checklist-panel"
              onClick={() => setChecklistOpen((open) => !open)}
            >
              <span className="flex items-center gap-2">
                <ListChecks className="h-4 w-4" aria-hidden />
                {checklistOpen ? "Hide checklist" : "Show checklist"}
              </span>
              <span className="text-fg-muted">{current ? `Step ${current.number} of ${progress.total}` : ""}</span>
            </button>
            <div
              id="runner-checklist-panel"
              data-runner-checklist
              className={cn("mt-3 @2xl:block @2xl:max-h-[calc(100vh-12rem)] @2xl:overflow-y-auto", !checklistOpen && "hidden")}
            >
              <Checklist steps={steps} states={states} currentId={currentId} values={values} onSelect={(id) => select(id)} />
            </div>
          </div>
        </aside>

        <div className="min-w-0 space-y-4">
          {allMarked && (
            <section
              className="rounded-lg border border-emerald-300 bg-emerald-50 p-5 dark:border-emerald-900 dark:bg-emerald-950/40"
              aria-labelledby="runner-end-title"
              data-testid="runner-end"
            >
              <h2 id="runner-end-title" className="flex items-center gap-2 text-lg font-semibold text-emerald-900 dark:text-emerald-100">
                <PartyPopper className="h-5 w-5" aria-hidden />
                {end?.title ? resolveText(end.title, values) : "All steps are marked"}
              </h2>
              {end?.text && <VarMarkdown text={end.text} className="mt-2" />}
              <p className="mt-2 text-sm text-emerald-900/80 dark:text-emerald-100/80">
                {progress.done} done{progress.skipped ? `, ${progress.skipped} skipped` : ""}{progress.failed ? `, ${progress.failed} failed` : ""}.
              </p>
              {!readOnly && (
                <Button className="mt-3" onClick={() => openComplete(suggested)}>
                  <CircleCheck className="h-4 w-4" aria-hidden />
                  Complete session
                </Button>
              )}
            </section>
          )}

          {current ? (
            <StepDetail
              key={current.id}
              step={current}
              total={progress.total}
              state={states[current.id] ?? null}
              readOnly={readOnly}
              onMark={(status, note) => mark(current.id, status, note)}
              onPrevious={previousId ? () => { refocus.current = true; select(previousId); } : null}
              onNext={nextId ? () => { refocus.current = true; select(nextId); } : null}
              onAddStep={() => setAddingStep(true)}
            />
          ) : (
            <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-fg-muted">This procedure has no steps.</p>
          )}
        </div>
      </div>

      {!readOnly && (
        <CustomStepDialog
          open={addingStep}
          onOpenChange={setAddingStep}
          sessionId={session.id}
          afterId={current?.id ?? null}
          afterTitle={current ? resolveText(current.title, values) : null}
          onAdded={(step) => {
            setAddedSteps((added) => [...added, step]);
            setCurrentId(step.id);
            toast({ title: "Custom step added", description: step.title, tone: "success" });
            router.refresh();
          }}
        />
      )}
    </div>
  );
}

function StepDetail({
  step,
  total,
  state,
  readOnly,
  onMark,
  onPrevious,
  onNext,
  onAddStep,
}: {
  step: Step;
  total: number;
  state: StepState | null;
  readOnly: boolean;
  onMark: (status: StepStatus | null, note?: string) => void;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  onAddStep: () => void;
}) {
  const [asking, setAsking] = useState<"skipped" | "failed" | null>(null);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const markGroup = useRef<HTMLDivElement>(null);
  // Cancelling the reason (Escape, Cancel) puts focus back on the Skip / Failed button that asked.
  const returnTo = useRef<"skipped" | "failed" | null>(null);
  useEffect(() => {
    if (asking || !returnTo.current) return;
    markGroup.current?.querySelector<HTMLElement>(`[data-mark="${returnTo.current}"]`)?.focus();
    returnTo.current = null;
  }, [asking]);
  const cancelAsking = () => {
    returnTo.current = asking;
    setAsking(null);
  };
  const contentType = (step.contentType in CONTENT_TYPE_META ? step.contentType : "action") as ContentType;
  const meta = CONTENT_TYPE_META[contentType];
  const ContentIcon = CONTENT_ICON[contentType];
  const warning = contentType === "warning";

  return (
    <div className="space-y-4">
      <article
        className={cn(
          "rounded-lg border bg-surface p-5 shadow-sm",
          warning ? "border-amber-400 bg-amber-50/60 dark:border-amber-700 dark:bg-amber-950/30" : "border-border",
        )}
        data-testid="runner-step"
        data-step-id={step.id}
        data-content-type={contentType}
      >
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs font-medium text-fg-muted">
            Step {step.number} of {total}
            {step.section ? ` · ${step.section}` : ""}
          </span>
          <Badge tone={meta.tone} className="gap-1">
            <ContentIcon className="h-3 w-3" aria-hidden />
            {meta.label}
          </Badge>
          {step.custom && <Badge tone="brand">Custom</Badge>}
          {state && (
            <Badge tone={state.status === "done" ? "green" : state.status === "failed" ? "red" : "neutral"} className="gap-1" data-testid="runner-step-status">
              <StatusIcon status={state.status} className="h-3 w-3 text-current" />
              {STATUS_META[state.status].label}
            </Badge>
          )}
        </div>
        <h2
          tabIndex={-1}
          data-runner-heading
          className="mt-3 flex items-start gap-2 rounded text-xl font-semibold leading-snug focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          data-testid="runner-step-title"
        >
          {warning && <AlertTriangle className="mt-1 h-5 w-5 shrink-0 text-amber-600 dark:text-amber-400" aria-label="Warning" role="img" />}
          <span className="min-w-0">
            <VarText text={step.title} />
          </span>
        </h2>
        <div className="mt-3 space-y-4">
          {step.description && <VarMarkdown text={step.description} />}
          {step.commands.length > 0 && (
            <div className="space-y-2">
              {step.commands.map((command, index) => (
                <CommandBlock key={index} command={command} index={index} testId="runner-command" />
              ))}
            </div>
          )}
          {step.expectedOutcome && (
            <div className="rounded-md border border-emerald-200 bg-emerald-50/70 px-3 py-2 dark:border-emerald-900 dark:bg-emerald-950/30">
              <p className="text-xs font-semibold tracking-wide text-emerald-800 uppercase dark:text-emerald-200">Expected outcome</p>
              <VarMarkdown text={step.expectedOutcome} className="mt-1" />
            </div>
          )}
          {state?.note && (
            <p className="rounded-md bg-muted px-3 py-2 text-sm">
              <span className="font-medium">{STATUS_META[state.status].label}: </span>
              {state.note}
            </p>
          )}
        </div>

        {!readOnly && (
          <div className="mt-5 space-y-3 border-t border-border pt-4">
            {asking ? (
              <form
                className="space-y-2"
                onSubmit={(event) => {
                  event.preventDefault();
                  onMark(asking, reason.trim());
                  setAsking(null);
                }}
              >
                <label htmlFor={reasonId} className="block text-sm font-medium">
                  {asking === "failed" ? "What went wrong?" : "Why skip it?"} <span className="font-normal text-fg-muted">(optional)</span>
                </label>
                <Textarea
                  id={reasonId}
                  value={reason}
                  autoFocus
                  rows={2}
                  maxLength={5000}
                  className="min-h-16"
                  onChange={(event) => setReason(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
                    if (event.key === "Escape") cancelAsking();
                  }}
                />
                <div className="flex flex-wrap gap-2">
                  <Button type="submit" variant={asking === "failed" ? "danger" : "primary"} size="sm">
                    {asking === "failed" ? "Mark failed" : "Mark skipped"}
                  </Button>
                  <Button type="button" variant="ghost" size="sm" onClick={cancelAsking}>
                    Cancel
                  </Button>
                </div>
              </form>
            ) : (
              <div ref={markGroup} className="flex flex-wrap gap-2" role="group" aria-label="Mark this step">
                <Button onClick={() => onMark("done")} variant={state?.status === "done" ? "secondary" : "primary"}>
                  <Check className="h-4 w-4" aria-hidden />
                  Done
                </Button>
                <Button variant="secondary" data-mark="skipped" onClick={() => { setReason(state?.status === "skipped" ? state.note : ""); setAsking("skipped"); }}>
                  <SkipForward className="h-4 w-4" aria-hidden />
                  Skip
                </Button>
                <Button variant="secondary" data-mark="failed" className="text-red-700 dark:text-red-300" onClick={() => { setReason(state?.status === "failed" ? state.note : ""); setAsking("failed"); }}>
                  <XCircle className="h-4 w-4" aria-hidden />
                  Failed
                </Button>
                {state && (
                  <Button variant="ghost" onClick={() => onMark(null)}>
                    <Undo2 className="h-4 w-4" aria-hidden />
                    Undo
                  </Button>
                )}
              </div>
            )}
          </div>
        )}

        <div className={cn("flex flex-wrap items-center justify-between gap-2", readOnly ? "mt-5 border-t border-border pt-4" : "mt-3")}>
          <div className="flex gap-2">
            <Button variant="ghost" size="sm" onClick={onPrevious ?? undefined} disabled={!onPrevious} aria-keyshortcuts="ArrowLeft">
              <ArrowLeft className="h-4 w-4" aria-hidden />
              Previous
            </Button>
            <Button variant="ghost" size="sm" onClick={onNext ?? undefined} disabled={!onNext} aria-keyshortcuts="ArrowRight">
              Next
              <ArrowRight className="h-4 w-4" aria-hidden />
            </Button>
          </div>
          {!readOnly && (
            <Button variant="ghost" size="sm" onClick={onAddStep}>
              <ListPlus className="h-4 w-4" aria-hidden />
              Add custom step after this
            </Button>
          )}
        </div>
      </article>

      <StepNote key={`note-${step.id}`} nodeId={step.id} />
      {!step.custom && <StepFeedback key={`feedback-${step.id}`} stepId={step.id} />}
    </div>
  );
}
