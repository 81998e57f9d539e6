"use client";
// Runs an active session: the troubleshooting or procedure runner under a header, with the
// session variables panel, the complete dialog and the keyboard hint shared by both.
import { Keyboard, Loader2 } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { useToast } from "@/components/ui/toast";
import { asProcedure, asTree, isProcedureType, type TreeNode } from "@/lib/flows/structure";
import { scanReferences } from "@/lib/flows/variables";
import type { SessionView } from "@/lib/sessions/queries";
import { procedureProgress, runtimeSteps, trail } from "@/lib/sessions/runtime";
import { CompleteDialog } from "./complete-dialog";
import { SHORTCUT_HINTS } from "./keyboard";
import { ProcedureRunner } from "./procedure-runner";
import { RunnerProvider, useRunner } from "./runner-context";
import { RunnerHeader } from "./runner-header";
import { suggestedOutcome } from "./runner-state";
import { TreeRunner } from "./tree-runner";
import { useRunnerQueue } from "./use-runner-queue";
import { VariablesPanel } from "./variables-panel";
import { missingRequired, panelVariables, unfilledVariables } from "./variables-list";

export function SessionRunner({ session, contextStrip }: { session: SessionView; /** Under the header (maintenance batch context). */ contextStrip?: ReactNode }) {
  const { enqueue, conflictToast, saving } = useRunnerQueue();
  const [variablesOpen, setVariablesOpen] = useState(false);
  const [complete, setComplete] = useState<{ open: boolean; outcome: string | null }>({ open: false, outcome: null });
  const [helpOpen, setHelpOpen] = useState(false);
  const [completed, setCompleted] = useState(false);
  const readOnly = !session.canChange || completed || session.status !== "active";

  const openVariables = useCallback(() => setVariablesOpen(true), []);
  const openComplete = useCallback((outcome: string | null) => setComplete({ open: true, outcome }), []);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);

  return (
    <RunnerProvider session={session} readOnly={readOnly} enqueue={enqueue} openVariables={openVariables} openComplete={openComplete} toggleHelp={toggleHelp}>
      <RunnerLayout
        contextStrip={contextStrip}
        saving={saving}
        variablesOpen={variablesOpen}
        setVariablesOpen={setVariablesOpen}
        complete={complete}
        setComplete={setComplete}
        helpOpen={helpOpen}
        setHelpOpen={setHelpOpen}
        completed={completed}
        onCompleted={() => setCompleted(true)}
      />
      {conflictToast}
    </RunnerProvider>
  );
}

/** The outcome the header's Complete button preselects (from the server's view of the run). */
function currentSuggestion(session: SessionView): string | null {
  if (isProcedureType(session.flowType)) {
    const progress = procedureProgress(runtimeSteps(asProcedure(session.structure), session.customSteps), session.stepStates);
    return suggestedOutcome({ kind: "procedure", ...progress });
  }
  const tree = asTree(session.structure);
  const ids = trail(tree.rootId, session.path);
  const node: TreeNode | undefined = tree.nodes[ids[ids.length - 1]];
  return node && (node.type === "solution" || node.type === "escalation") ? node.outcome : null;
}

function RunnerLayout({
  contextStrip,
  saving,
  variablesOpen,
  setVariablesOpen,
  complete,
  setComplete,
  helpOpen,
  setHelpOpen,
  completed,
  onCompleted,
}: {
  contextStrip?: ReactNode;
  saving: boolean;
  variablesOpen: boolean;
  setVariablesOpen: (open: boolean) => void;
  complete: { open: boolean; outcome: string | null };
  setComplete: (value: { open: boolean; outcome: string | null }) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  completed: boolean;
  onCompleted: () => void;
}) {
  const { session, readOnly, values, toggleHelp } = useRunner();
  const router = useRouter();
  const toast = useToast();
  const procedure = isProcedureType(session.flowType);

  const variables = useMemo(() => {
    const customTexts = session.customSteps.flatMap((c) => [c.title, c.instructions, ...c.commands.map((command) => command.code)]);
    return panelVariables(session.variableDefinitions, scanReferences(session.structure, customTexts));
  }, [session.variableDefinitions, session.structure, session.customSteps]);
  const unfilled = unfilledVariables(variables, values);
  const missing = missingRequired(variables, values);

  return (
    <div className="space-y-4" data-testid="session-runner" data-flow-type={session.flowType} data-read-only={readOnly || undefined}>
      <RunnerHeader
        session={session}
        readOnly={readOnly}
        saving={saving}
        unfilledCount={unfilled.length}
        onVariables={() => setVariablesOpen(true)}
        onShortcuts={toggleHelp}
        shortcutsOpen={helpOpen}
        onComplete={() => setComplete({ open: true, outcome: currentSuggestion(session) })}
      />
      {contextStrip && <div data-testid="runner-context-strip">{contextStrip}</div>}

      {completed && (
        <p className="flex items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100" role="status">
          <Loader2 className="h-4 w-4 animate-spin" aria-hidden />
          Session completed. Loading the summary…
        </p>
      )}

      {helpOpen && (
        <section id="runner-shortcuts" aria-label="Keyboard shortcuts" className="rounded-md border border-border bg-surface px-4 py-3 text-sm shadow-sm" data-testid="runner-shortcuts">
          <div className="flex items-center justify-between gap-2">
            <h2 className="flex items-center gap-2 font-medium">
              <Keyboard className="h-4 w-4" aria-hidden />
              Keyboard shortcuts
            </h2>
            <button type="button" className="rounded px-2 py-0.5 text-xs text-fg-muted hover:bg-muted" onClick={() => setHelpOpen(false)}>
              Hide
            </button>
          </div>
          <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
            {SHORTCUT_HINTS[procedure ? "procedure" : "troubleshooting"].map((hint) => (
              <div key={hint.keys} className="flex items-center gap-2">
                <dt>
                  <kbd className="inline-flex min-w-7 justify-center rounded border border-border bg-muted px-1.5 font-mono text-xs">{hint.keys}</kbd>
                </dt>
                <dd className="text-fg-muted">{hint.what}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-fg-muted">Shortcuts pause while you type in a field. Press Esc to leave a note field.</p>
        </section>
      )}

      {procedure ? <ProcedureRunner /> : <TreeRunner />}

      {!helpOpen && !readOnly && (
        <p className="hidden text-xs text-fg-muted md:block">
          <button type="button" className="inline-flex items-center gap-1 rounded text-left hover:text-fg" onClick={toggleHelp}>
            <Keyboard className="h-3.5 w-3.5" aria-hidden />
            Keyboard shortcuts: {procedure ? "← → move, c copies the command, n writes a note" : "1–9 answer, ← back, c copies the command, n writes a note"} · press ? for all
          </button>
        </p>
      )}

      <VariablesPanel open={variablesOpen} onOpenChange={setVariablesOpen} variables={variables} />
      {!readOnly && (
        <CompleteDialog
          open={complete.open}
          onOpenChange={(open) => setComplete({ ...complete, open })}
          sessionId={session.id}
          kind={procedure ? "procedure" : "troubleshooting"}
          initialOutcome={complete.outcome}
          missingRequired={missing}
          onFillVariables={() => {
            setComplete({ ...complete, open: false });
            setVariablesOpen(true);
          }}
          onCompleted={() => {
            setComplete({ open: false, outcome: null });
            onCompleted();
            toast({ title: "Session completed", tone: "success" });
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
