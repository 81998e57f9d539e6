"use client";
// The strip above the runner: which flow, which version, who, since when, and the session-wide
// actions (variables, shortcuts, complete).
import { CircleCheck, Eye, Keyboard, Variable } from "@/components/ui/icons";
import { EscalateButton } from "@/components/escalations/escalate-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { SessionView } from "@/lib/sessions/queries";

const TYPE_LABELS = { troubleshooting: "Troubleshooting", procedural: "Procedure", maintenance: "Maintenance" } as const;

export function RunnerHeader({
  session,
  readOnly,
  saving,
  unfilledCount,
  onVariables,
  onShortcuts,
  shortcutsOpen,
  onComplete,
}: {
  session: SessionView;
  readOnly: boolean;
  saving: boolean;
  unfilledCount: number;
  onVariables: () => void;
  onShortcuts: () => void;
  shortcutsOpen: boolean;
  onComplete: () => void;
}) {
  const who = session.owner?.name ?? session.assignee?.name ?? "Unknown";
  return (
    <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border pb-4" data-testid="runner-header">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="brand">{TYPE_LABELS[session.flowType]}</Badge>
          <Badge>v{session.flowVersion}</Badge>
          {readOnly && (
            <Badge tone="amber" className="gap-1">
              <Eye className="h-3 w-3" aria-hidden />
              View only
            </Badge>
          )}
        </div>
        <h1 className="mt-1.5 text-2xl font-semibold break-words">{session.flowName}</h1>
        <p className="mt-0.5 text-sm text-fg-muted">
          {who}
          {session.assignee && session.owner && session.assignee.id !== session.owner.id ? ` · assigned to ${session.assignee.name}` : ""}
          {session.startedAt && (
            <>
              {" · started "}
              <LocalTime value={session.startedAt} format="relative" />
            </>
          )}
          {!readOnly && (
            <span aria-live="polite" data-testid="runner-save-state">
              {saving ? " · Saving…" : ""}
            </span>
          )}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={onVariables} data-testid="open-session-variables">
          <Variable className="h-4 w-4" aria-hidden />
          Session variables
          {unfilledCount > 0 && (
            <span className="ml-0.5 inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-100" aria-label={`${unfilledCount} not filled`}>
              {unfilledCount}
            </span>
          )}
        </Button>
        <Button variant="ghost" size="sm" onClick={onShortcuts} aria-expanded={shortcutsOpen} aria-controls="runner-shortcuts" aria-keyshortcuts="?">
          <Keyboard className="h-4 w-4" aria-hidden />
          <span className="sr-only sm:not-sr-only">Shortcuts</span>
        </Button>
        {!readOnly && session.flowType !== "maintenance" && <EscalateButton sessionId={session.id} />}
        {!readOnly && (
          <Button size="sm" onClick={onComplete} data-testid="open-complete">
            <CircleCheck className="h-4 w-4" aria-hidden />
            Complete
          </Button>
        )}
      </div>
    </header>
  );
}
