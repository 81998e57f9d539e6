"use client";
// An AI-assisted session: the walk so far, the open suggestion (answer it, mark it, edit it or
// reject it), manual steps, notes, and Finish with the normal outcome dialog. Every change is a
// server action; the page re-renders from the stored walk (router.refresh), so a reload shows
// exactly this, with no second provider call. Keys: 1–9 answers, d/f/s done/failed/skipped,
// e edit, r reject, a add a step.
import { Bot, CircleCheck, CircleMinus, CircleX, Flag, ListPlus, Pencil, RefreshCw, ThumbsDown, Sparkles } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { EscalateButton } from "@/components/escalations/escalate-button";
import { CompleteDialog } from "@/components/session-runner/complete-dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Input, Textarea } from "@/components/ui/input";
import { Markdown } from "@/components/ui/markdown";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import type { AssistantNodeView, AssistantSessionView } from "@/lib/assistant/queries";
import { answerWalkNode, completeWalkNode, rejectWalkNode, requestNextSuggestion, setWalkNodeNote, type NextOutcome } from "@/lib/assistant/assistant.actions";
import { ManualStepDialog } from "./manual-step-dialog";
import { EditNodeDialog } from "./edit-node-dialog";

const RESULT_BADGE = { done: "green", failed: "red", skipped: "amber" } as const;
const RESULT_LABEL: Record<string, string> = { done: "Done", failed: "Failed", skipped: "Skipped" };

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || Boolean(target.closest("[role=dialog]"));
}

function Commands({ commands }: { commands: AssistantNodeView["commands"] }) {
  if (!commands.length) return null;
  return (
    <div className="mt-3 space-y-2">
      {commands.map((command, i) => (
        <figure key={i} className="overflow-hidden rounded-md border border-border bg-muted/60" data-testid="assistant-command">
          <figcaption className="flex items-center justify-between gap-2 border-b border-border px-3 py-1.5">
            <span className="min-w-0 truncate text-xs font-medium text-fg-muted">{command.label || command.language}</span>
            <CopyButton value={command.code} label="Copy" aria-label={`Copy command ${i + 1}`} className="h-7 shrink-0 px-2 text-xs" />
          </figcaption>
          <pre className="overflow-x-auto p-3 font-mono text-[0.8125rem] leading-relaxed whitespace-pre-wrap break-words"><code>{command.code}</code></pre>
        </figure>
      ))}
    </div>
  );
}

function KindLabel({ node }: { node: AssistantNodeView }) {
  const text = node.kind === "question" ? "Question" : node.kind === "solution" ? "Suggested fix" : node.provider === "manual" ? "Your step" : "Step";
  return <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">{text}</span>;
}

function source(node: AssistantNodeView) {
  if (node.provider === "manual") return null;
  if (node.fromFlow) return "From a flow in your library";
  if (node.fromLibrary) return "From your step library";
  return node.provider === "offline" ? "Suggested by the assistant" : `Suggested by ${node.model}`;
}

function WalkItem({ node, number, note }: { node: AssistantNodeView; number: number; note?: string }) {
  const rejected = node.status === "rejected";
  return (
    <li className="flex gap-3 py-3" data-testid="walk-node">
      <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold tabular-nums" aria-hidden>{number}</span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <KindLabel node={node} />
          <span className={cn("font-medium wrap-break-word", rejected && "text-fg-muted line-through")}>{node.title}</span>
          {rejected && <Badge>Rejected</Badge>}
          {node.status === "edited" && <Badge tone="brand">Edited</Badge>}
          {node.result && <Badge tone={RESULT_BADGE[node.result as keyof typeof RESULT_BADGE] ?? "neutral"}>{RESULT_LABEL[node.result] ?? node.result}</Badge>}
        </div>
        {node.kind === "question" && node.answerLabel && <p className="mt-1 text-sm text-fg-muted">Answer: <span className="font-medium text-fg">{node.answerLabel}</span></p>}
        {note && <p className="mt-2 whitespace-pre-wrap wrap-break-word rounded-md border border-border bg-muted/60 px-3 py-2 text-sm"><span className="sr-only">Note: </span>{note}</p>}
      </div>
    </li>
  );
}

function NodeNote({ sessionId, nodeId, initial }: { sessionId: string; nodeId: string; initial: string }) {
  const [note, setNote] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const { run, pending, error } = useAction(setWalkNodeNote);
  const save = async () => {
    if (note === saved) return;
    const result = await run({ sessionId, nodeId, note });
    if (result?.ok) setSaved(note);
  };
  return (
    <div className="mt-4">
      <label htmlFor={`note-${nodeId}`} className="text-sm font-medium">Note</label>
      <Textarea id={`note-${nodeId}`} value={note} onChange={(e) => setNote(e.target.value)} onBlur={save} rows={2} placeholder="What you saw or did (goes into the ticket note)" className="mt-1" />
      <p className="mt-1 text-xs text-fg-muted" aria-live="polite">{pending ? "Saving…" : error ? error : note !== saved ? "Saved when you leave the field" : saved ? "Saved" : ""}</p>
    </div>
  );
}

function OpenNode({ view, node, onOutcome }: { view: AssistantSessionView; node: AssistantNodeView; onOutcome: (outcome: NextOutcome | null, error?: string) => void }) {
  const sessionId = view.session.id;
  const answer = useAction(answerWalkNode);
  const complete = useAction(completeWalkNode);
  const reject = useAction(rejectWalkNode);
  const [other, setOther] = useState("");
  const [editing, setEditing] = useState(false);
  const busy = answer.pending || complete.pending || reject.pending;

  const done = (result: Awaited<ReturnType<typeof answer.run>> | Awaited<ReturnType<typeof complete.run>>) => {
    if (!result) return;
    onOutcome(result.ok ? result.data : null, result.ok ? undefined : result.error);
  };
  const choose = async (answerId: string, otherLabel?: string) => done(await answer.run({ sessionId, nodeId: node.id, answerId, otherLabel }));
  const mark = async (result: "done" | "failed" | "skipped") => done(await complete.run({ sessionId, nodeId: node.id, result }));
  const turnDown = async () => done(await reject.run({ sessionId, nodeId: node.id }));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || busy) return;
      if (node.kind === "question" && /^[1-9]$/.test(event.key)) {
        const picked = node.answers[Number(event.key) - 1];
        if (picked) { event.preventDefault(); void choose(picked.id); }
      } else if (node.kind !== "question" && (event.key === "d" || event.key === "f" || (event.key === "s" && node.kind === "step"))) {
        event.preventDefault();
        void mark(event.key === "d" ? "done" : event.key === "f" ? "failed" : "skipped");
      } else if (event.key === "e") {
        event.preventDefault(); setEditing(true);
      } else if (event.key === "r") {
        event.preventDefault(); void turnDown();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const error = answer.formError ?? complete.formError ?? reject.formError;
  return (
    <Card className="p-5" data-testid="assistant-open-node">
      <div className="flex flex-wrap items-center gap-2">
        <Sparkles className="h-4 w-4 text-brand-600 dark:text-brand-400" aria-hidden />
        <KindLabel node={node} />
        <span className="text-xs text-fg-muted">· {source(node)}</span>
        {node.status === "edited" && <Badge tone="brand">Edited</Badge>}
      </div>
      <h2 className="mt-2 text-lg font-semibold wrap-break-word" data-testid="assistant-open-title">{node.title}</h2>
      {/* Bodies come from flows and library steps (markdown), or from the engineer's edits. */}
      {node.body && <Markdown className="mt-2">{node.body}</Markdown>}
      <Commands commands={node.commands} />
      {error && <Alert tone="error" className="mt-3">{error}</Alert>}

      {node.kind === "question" ? (
        <div className="mt-4 space-y-3">
          <div className="grid gap-2 sm:grid-cols-2" role="group" aria-label="Answers">
            {node.answers.map((a, i) => (
              <Button key={a.id} variant="secondary" className="justify-start" disabled={busy} onClick={() => choose(a.id)}>
                <kbd className="rounded border border-border px-1.5 text-xs text-fg-muted">{i + 1}</kbd>
                <span className="truncate">{a.label}</span>
              </Button>
            ))}
          </div>
          <form className="flex gap-2" onSubmit={(e) => { e.preventDefault(); if (other.trim()) void choose("other", other); }}>
            <Input value={other} onChange={(e) => setOther(e.target.value)} placeholder="Other answer…" aria-label="Other answer" maxLength={300} />
            <Button type="submit" variant="secondary" disabled={busy || !other.trim()}>Answer</Button>
          </form>
        </div>
      ) : (
        <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Result">
          <Button onClick={() => mark("done")} pending={complete.pending} disabled={busy}><CircleCheck className="h-4 w-4" aria-hidden />{node.kind === "solution" ? "This fixed it" : "Done"}<kbd className="ml-1 text-xs opacity-70">d</kbd></Button>
          <Button variant="secondary" onClick={() => mark("failed")} disabled={busy}><CircleX className="h-4 w-4" aria-hidden />{node.kind === "solution" ? "Didn't fix it" : "Failed"}<kbd className="ml-1 text-xs opacity-70">f</kbd></Button>
          {node.kind === "step" && <Button variant="secondary" onClick={() => mark("skipped")} disabled={busy}><CircleMinus className="h-4 w-4" aria-hidden />Skipped<kbd className="ml-1 text-xs opacity-70">s</kbd></Button>}
        </div>
      )}

      <div className="mt-4 flex flex-wrap gap-2 border-t border-border pt-4">
        <Button variant="ghost" size="sm" onClick={() => setEditing(true)} disabled={busy}><Pencil className="h-4 w-4" aria-hidden />Edit<kbd className="ml-1 text-xs opacity-70">e</kbd></Button>
        <Button variant="danger-ghost" size="sm" onClick={turnDown} pending={reject.pending} disabled={busy}><ThumbsDown className="h-4 w-4" aria-hidden />Reject suggestion<kbd className="ml-1 text-xs opacity-70">r</kbd></Button>
      </div>
      <NodeNote key={node.id} sessionId={sessionId} nodeId={node.id} initial={view.session.notes[node.id] ?? ""} />
      <EditNodeDialog open={editing} onOpenChange={setEditing} sessionId={sessionId} node={node} />
    </Card>
  );
}

export function AssistantRunner({ view }: { view: AssistantSessionView }) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [finishing, setFinishing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const next = useAction(requestNextSuggestion);
  const open = view.nodes.find((n) => n.open) ?? null;
  const readOnly = !view.session.canChange;
  const solved = !open && view.nodes.some((n) => n.kind === "solution" && n.result === "done" && n.status !== "rejected");

  const onOutcome = (outcome: NextOutcome | null, error?: string) => {
    if (error) setNotice({ tone: "error", text: error });
    else if (outcome?.message) setNotice({ tone: outcome.status === "error" ? "error" : "info", text: outcome.message });
    else setNotice(null);
    if (outcome?.status === "solved") setFinishing("resolved");
    router.refresh();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || readOnly) return;
      if (event.key === "a" && !view.atCap) { event.preventDefault(); setAdding(true); }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const taken = view.nodes.filter((n) => !n.open);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <Bot className="h-5 w-5 text-brand-600 dark:text-brand-400" aria-hidden />
            <Badge tone="brand">AI-assisted</Badge>
          </div>
          <h1 className="mt-1 text-2xl font-semibold wrap-break-word">{view.session.flowName}</h1>
          {/* The title is the problem's first line; repeat the problem only when it says more. */}
          {view.problem.trim() !== view.session.flowName.trim() && (
            <p className="mt-1 max-w-3xl whitespace-pre-wrap wrap-break-word text-sm text-fg-muted" data-testid="assistant-problem">{view.problem}</p>
          )}
        </div>
        {!readOnly && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setAdding(true)} disabled={view.atCap}><ListPlus className="h-4 w-4" aria-hidden />Add a step<kbd className="ml-1 text-xs opacity-70">a</kbd></Button>
            <EscalateButton sessionId={view.session.id} size="md" />
            <Button onClick={() => setFinishing(solved ? "resolved" : "")}><Flag className="h-4 w-4" aria-hidden />Finish</Button>
          </div>
        )}
      </div>

      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}

      {taken.length > 0 && (
        <Card>
          <h2 className="border-b border-border px-5 py-3 text-sm font-semibold">Walk so far ({view.nodes.length} of at most {view.maxDepth} steps)</h2>
          <ol className="divide-y divide-border px-5">
            {taken.map((node, i) => <WalkItem key={node.id} node={node} number={i + 1} note={view.session.notes[node.id]} />)}
          </ol>
        </Card>
      )}

      {readOnly ? (
        <Alert tone="info">Only the engineer running this session, its assignee or an admin can work on it.</Alert>
      ) : open ? (
        <OpenNode view={view} node={open} onOutcome={onOutcome} />
      ) : view.atCap ? (
        <Alert tone="info">
          This walk has reached its limit of {view.maxDepth} steps. Escalate it, or finish the session.
          <span className="mt-3 flex flex-wrap gap-2">
            <EscalateButton sessionId={view.session.id} />
            <Button size="sm" variant="secondary" onClick={() => setFinishing("")}>Finish</Button>
          </span>
        </Alert>
      ) : solved ? (
        <Alert tone="info">The suggested fix worked. Finish the session to record it.</Alert>
      ) : (
        <Card className="p-5 text-center">
          <p className="text-sm text-fg-muted">No suggestion is waiting. Ask the assistant, add a step you did, or finish.</p>
          <Button className="mt-3" variant="secondary" pending={next.pending} onClick={async () => {
            const result = await next.run({ sessionId: view.session.id });
            if (result) onOutcome(result.ok ? result.data : null, result.ok ? undefined : result.error);
          }}><RefreshCw className="h-4 w-4" aria-hidden />Ask the assistant</Button>
        </Card>
      )}

      <ManualStepDialog open={adding} onOpenChange={setAdding} sessionId={view.session.id} onAdded={() => { setNotice(null); router.refresh(); }} />
      <CompleteDialog
        open={finishing !== null}
        onOpenChange={(o) => !o && setFinishing(null)}
        sessionId={view.session.id}
        kind="troubleshooting"
        initialOutcome={finishing || null}
        missingRequired={[]}
        onFillVariables={() => setFinishing(null)}
        onCompleted={() => { setFinishing(null); router.refresh(); }}
      />
    </div>
  );
}
