"use client";
// The troubleshooting runner: the current node, its answers, the path taken so far, back.
import { ArrowLeft, ArrowRight, ChevronRight, CircleCheck, Flag } from "@/components/ui/icons";
import { useEffect, useRef, useState } from "react";
import { NodeTypeChip } from "@/components/flow-editor/tree/node-type";
import { OUTCOME_LABELS } from "@/lib/sessions/ticket";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { asTree, type Command, type TreeNode } from "@/lib/flows/structure";
import { trail, trailAnswers, type PathEvent } from "@/lib/sessions/runtime";
import { resolveText } from "@/lib/sessions/variables";
import { answerNode, goBack } from "@/lib/sessions/sessions.actions";
import { copyFirstCommand } from "./copy-command";
import { useRunner } from "./runner-context";
import { effectivePath, emptyPathOverlay, pathAppend, pathRefused, type PathOverlay } from "./runner-state";
import { StepFeedback } from "./step-feedback";
import { NOTE_FIELD_ID, StepNote } from "./step-note";
import { useRunnerKeys } from "./use-runner-keys";
import { CommandBlock, VarMarkdown, VarText } from "./variable-text";

const CANCELLED = { ok: false as const, code: "cancelled", error: "" };

function nodeCommands(node: TreeNode): Command[] {
  return node.type === "action" || node.type === "solution" ? node.commands : [];
}

/** What a node offers to move on: its answers, a single "Done, continue", or the end. */
function choicesOf(node: TreeNode): { kind: "answers"; answers: { id: string | null; label: string; next: string | null }[] } | { kind: "end" } {
  if (node.type === "question" || (node.type === "action" && node.answers.length)) return { kind: "answers", answers: node.answers };
  if (node.type === "action") return { kind: "answers", answers: [{ id: null, label: "Done, continue", next: node.next }] };
  return { kind: "end" };
}

export function TreeRunner() {
  const { session, readOnly, enqueue, values, openComplete } = useRunner();
  const toast = useToast();
  const tree = asTree(session.structure);
  const [overlay, setOverlay] = useState<PathOverlay>(emptyPathOverlay);
  // Bumped when a write is refused: the ones queued behind it built on it and are dropped.
  const epoch = useRef(0);

  const path = effectivePath(session.path, overlay);
  const ids = trail(tree.rootId, path);
  const currentId = ids[ids.length - 1];
  const node = tree.nodes[currentId];
  const taken = trailAnswers(tree.rootId, path);
  const choices = node ? choicesOf(node) : { kind: "end" as const };

  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownNode = useRef(currentId);
  useEffect(() => {
    if (shownNode.current === currentId) return;
    shownNode.current = currentId;
    // The button just pressed is gone; give keyboard users a place to continue from.
    if (document.activeElement === document.body || document.activeElement === null) headingRef.current?.focus({ preventScroll: true });
  }, [currentId]);

  const record = (event: PathEvent, send: () => ReturnType<typeof answerNode> | ReturnType<typeof goBack>, failTitle: string) => {
    const mine = epoch.current;
    setOverlay((o) => pathAppend(o, session.path, event));
    void enqueue(() => (epoch.current === mine ? send() : Promise.resolve(CANCELLED)), {
      failTitle,
      onFail: (failure) => {
        if (failure.code !== "cancelled") epoch.current++;
        setOverlay((o) => pathRefused(o, event));
      },
    });
  };

  const answer = (choice: { id: string | null; label: string; next: string | null }) => {
    if (readOnly || !node || !choice.next || !tree.nodes[choice.next]) return;
    const event: PathEvent = { kind: "answer", nodeId: currentId, answerId: choice.id, label: choice.id === null ? "Done" : choice.label, next: choice.next, at: new Date().toISOString() };
    record(event, () => answerNode({ sessionId: session.id, nodeId: currentId, answerId: choice.id }), "Answer not saved");
  };
  const back = () => {
    if (readOnly || ids.length < 2) return;
    const event: PathEvent = { kind: "back", from: currentId, to: ids[ids.length - 2], at: new Date().toISOString() };
    record(event, () => goBack({ sessionId: session.id, nodeId: currentId }), "Could not go back");
  };

  useRunnerKeys("troubleshooting", (shortcut) => {
    if (shortcut.kind === "answer" && choices.kind === "answers") {
      const choice = choices.answers[shortcut.index];
      if (choice) answer(choice);
    } else if (shortcut.kind === "previous") back();
    else if (shortcut.kind === "next" && choices.kind === "answers" && choices.answers.length === 1 && choices.answers[0].id === null) answer(choices.answers[0]);
    else if (shortcut.kind === "copy" && node) void copyFirstCommand(nodeCommands(node), values, toast);
    else if (shortcut.kind === "note") document.getElementById(NOTE_FIELD_ID)?.focus();
  });

  if (!node) {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        This session points at a step that is not in this version of the flow. Complete the session to close it.
      </p>
    );
  }

  const terminalOutcome = node.type === "solution" || node.type === "escalation" ? node.outcome : null;

  return (
    <div className="space-y-4">
      <nav aria-label="Path so far" data-testid="runner-breadcrumbs">
        <ol className="flex flex-wrap items-center gap-x-1 gap-y-1.5 text-sm">
          {ids.map((id, index) => {
            const crumbNode = tree.nodes[id];
            const last = index === ids.length - 1;
            return (
              <li key={`${id}-${index}`} className="flex min-w-0 items-center gap-1">
                <span className={last ? "font-medium text-fg" : "text-fg-muted"} aria-current={last ? "step" : undefined}>
                  {resolveText(crumbNode?.title ?? id, values)}
                </span>
                {!last && taken[index] && (
                  <>
                    <span className="rounded-full bg-muted px-2 py-0.5 text-xs font-medium text-fg" title="Answer given">
                      {resolveText(taken[index].label, values)}
                    </span>
                    <ChevronRight className="h-3.5 w-3.5 text-fg-muted" aria-hidden />
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <article className="rounded-lg border border-border bg-surface p-5 shadow-sm" data-testid="runner-node" data-node-id={currentId}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <NodeTypeChip type={node.type} />
          <span className="text-xs text-fg-muted">Step {ids.length}</span>
        </div>
        <h2 ref={headingRef} tabIndex={-1} data-runner-heading className="mt-3 text-xl font-semibold leading-snug focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500" data-testid="runner-node-title">
          <VarText text={node.title} />
        </h2>

        <div className="mt-3 space-y-4">
          {node.type === "question" && node.description && <VarMarkdown text={node.description} />}
          {node.type === "action" && node.instructions && <VarMarkdown text={node.instructions} />}
          {node.type === "solution" && node.resolution && <VarMarkdown text={node.resolution} />}
          {node.type === "escalation" && (
            <>
              {node.escalateTo && (
                <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100">
                  <span className="font-semibold">Escalate to: </span>
                  <VarText text={node.escalateTo} />
                </p>
              )}
              {node.instructions && <VarMarkdown text={node.instructions} />}
            </>
          )}
          {nodeCommands(node).length > 0 && (
            <div className="space-y-2">
              {nodeCommands(node).map((command, index) => (
                <CommandBlock key={index} command={command} index={index} testId="runner-command" />
              ))}
            </div>
          )}
        </div>

        {choices.kind === "answers" ? (
          readOnly ? (
            <div className="mt-5">
              <p className="text-sm font-medium text-fg-muted">{choices.answers.length > 1 ? "Answers" : "Next"}</p>
              <ul className="mt-1 flex flex-wrap gap-2">
                {choices.answers.map((choice, index) => (
                  <li key={choice.id ?? "next"} className="rounded-md border border-border px-3 py-1.5 text-sm text-fg-muted">
                    {index + 1}. {resolveText(choice.label, values)}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <div className="mt-5 grid gap-2 sm:grid-cols-2" role="group" aria-label="Answers" data-testid="runner-answers">
              {choices.answers.map((choice, index) => {
                const single = choice.id === null;
                const broken = !choice.next || !tree.nodes[choice.next];
                return (
                  <Button
                    key={choice.id ?? "next"}
                    variant={single ? "primary" : "secondary"}
                    size="lg"
                    className="h-auto min-h-11 justify-start whitespace-normal py-2 text-left"
                    disabled={broken}
                    title={broken ? "This answer does not lead anywhere in this version of the flow." : undefined}
                    aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
                    onClick={() => answer(choice)}
                  >
                    {index < 9 && !single && (
                      <kbd className="inline-flex h-6 min-w-6 shrink-0 items-center justify-center rounded border border-border bg-muted px-1 font-mono text-xs text-fg-muted">{index + 1}</kbd>
                    )}
                    <span className="min-w-0 flex-1">{single ? choice.label : resolveText(choice.label, values)}</span>
                    {single && <ArrowRight className="h-4 w-4 shrink-0" aria-hidden />}
                  </Button>
                );
              })}
            </div>
          )
        ) : (
          <div
            className="mt-5 flex flex-wrap items-center justify-between gap-3 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 dark:border-emerald-900 dark:bg-emerald-950/40"
            data-testid="runner-terminal"
          >
            <p className="flex items-center gap-2 text-sm text-emerald-900 dark:text-emerald-100">
              {node.type === "solution" ? <CircleCheck className="h-5 w-5" aria-hidden /> : <Flag className="h-5 w-5" aria-hidden />}
              End of the flow{terminalOutcome ? <> · suggested outcome: <strong>{OUTCOME_LABELS[terminalOutcome]}</strong></> : null}
            </p>
            {!readOnly && (
              <Button onClick={() => openComplete(terminalOutcome)}>
                <CircleCheck className="h-4 w-4" aria-hidden />
                Complete session
              </Button>
            )}
          </div>
        )}

        {!readOnly && (
          <div className="mt-4 border-t border-border pt-3">
            <Button variant="ghost" size="sm" onClick={back} disabled={ids.length < 2} aria-keyshortcuts="ArrowLeft">
              <ArrowLeft className="h-4 w-4" aria-hidden />
              Back
            </Button>
          </div>
        )}
      </article>

      <StepNote key={`note-${currentId}`} nodeId={currentId} />
      <StepFeedback key={`feedback-${currentId}`} stepId={currentId} />
    </div>
  );
}
