"use client";
// The batch status hub: box score, progress, and the targets' cards a page at a time (what needs
// attention first, or one state; searchable by label). Polls the visible page and the totals
// while anything is not finished and stops once the batch is done.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Download, Eye, History, Play, RotateCcw, StepForward } from "@/components/ui/icons";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SearchInput } from "@/components/ui/search-input";
import { useDebounced } from "@/components/ui/use-debounced";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { rerunBatch } from "@/lib/maintenance/batches.actions";
import { CARD_STATES, CARD_STATE_LABELS, DEFAULT_HUB_VIEW, type HubView } from "@/lib/maintenance/progress";
import type { BatchCard, BatchHub as Hub } from "@/lib/maintenance/queries";
import { startPreparedSession } from "@/lib/sessions/sessions.actions";
import { BoxScoreView, STATE_STYLES } from "./batch-progress";

const POLL_MS = 4_000;

async function fetchHub(id: string, view: HubView): Promise<Hub> {
  const params = new URLSearchParams({ state: view.state, q: view.q, page: String(view.page) });
  const response = await fetch(`/api/maintenance/batches/${id}?${params}`, { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load the batch.");
  return response.json();
}

function TargetCard({ card }: { card: BatchCard }) {
  const router = useRouter();
  const start = useAction(startPreparedSession);
  const style = STATE_STYLES[card.state];
  return (
    <li>
      <Card className="flex h-full flex-col p-4" data-testid="target-card" data-state={card.state}>
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="truncate font-mono font-medium" title={card.target}>{card.target}</p>
            {card.targetNotes && <p className="truncate text-xs text-fg-muted">{card.targetNotes}</p>}
          </div>
          <span className={cn("inline-flex shrink-0 items-center gap-1.5 text-xs font-medium", style.text)}>
            <span className={cn("h-2 w-2 rounded-full", style.dot)} aria-hidden />
            {card.state === "completed" || card.state === "completed_with_issues" || card.state === "aborted" ? card.outcome ?? card.stateLabel : card.stateLabel}
          </span>
        </div>
        <p className="mt-2 text-xs text-fg-muted">
          Steps {card.progress.finished}/{card.progress.total}
          {card.progress.failed > 0 && <span className="text-red-700 dark:text-red-300"> · {card.progress.failed} failed</span>}
          {card.engineer && ` · ${card.engineer}`}
        </p>
        <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
          <div className={cn("h-full", style.dot)} style={{ width: `${card.progress.total ? Math.round((card.progress.finished / card.progress.total) * 100) : 0}%` }} />
        </div>
        <div className="mt-3 flex items-center gap-2 pt-1">
          {card.state === "not_started" ? (
            <Button
              size="sm"
              pending={start.pending}
              onClick={async () => {
                const result = await start.run({ sessionId: card.sessionId });
                if (result?.ok) router.push(`/sessions/${card.sessionId}`);
              }}
            >
              <Play className="h-4 w-4" aria-hidden />Start
            </Button>
          ) : (
            <Button asChild size="sm" variant={card.state === "in_progress" ? "primary" : "secondary"}>
              <Link href={`/sessions/${card.sessionId}`}>
                {card.state === "in_progress" ? <><StepForward className="h-4 w-4" aria-hidden />Resume</> : <><Eye className="h-4 w-4" aria-hidden />View</>}
              </Link>
            </Button>
          )}
          {start.error && <span className="text-xs text-red-600 dark:text-red-400" role="alert">{start.error}</span>}
        </div>
      </Card>
    </li>
  );
}

export function BatchHub({ initial, canManage }: { initial: Hub; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const rerun = useAction(rerunBatch);
  const [state, setState] = useState<HubView["state"]>("all");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const q = useDebounced(search.trim(), 250);
  const view: HubView = { state, q, page };
  const isDefault = state === DEFAULT_HUB_VIEW.state && q === DEFAULT_HUB_VIEW.q && page === DEFAULT_HUB_VIEW.page;
  const query = useQuery({
    queryKey: ["batch", initial.id, view],
    queryFn: () => fetchHub(initial.id, view),
    initialData: isDefault ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.score.done ? false : POLL_MS),
    refetchOnWindowFocus: true,
  });
  const hub = query.data ?? initial;
  const choose = (next: HubView["state"]) => {
    setState(next);
    setPage(1);
  };
  const retryable = hub.score.not_started + hub.score.aborted + hub.score.completed_with_issues;

  return (
    <div className="space-y-6" data-testid="batch-hub">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-fg-muted"><Link href="/maintenance" className="hover:underline">Maintenance</Link> › Batch</p>
          <h1 className="mt-1 text-2xl font-semibold">{hub.flowId ? <Link href={`/flows/${hub.flowId}`} className="hover:underline">{hub.flowName}</Link> : hub.flowName}</h1>
          <p className="mt-1 text-sm text-fg-muted">
            {hub.schedule ? "Scheduled run" : `Launched by ${hub.launchedBy ?? "a former member"}`} · <LocalTime value={hub.dueAt ?? hub.createdAt} format="datetime-zone" /> · {hub.score.total} targets
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {hub.mergedCount > 0 && <Badge tone="amber" data-testid="merged-note">{hub.mergedCount} missed {hub.mergedCount === 1 ? "run was" : "runs were"} merged into this one</Badge>}
            {hub.rerunOf && <Badge>Re-run of <Link href={`/maintenance/batches/${hub.rerunOf.id}`} className="ml-1 underline">the batch of <LocalTime value={hub.rerunOf.createdAt} /></Link></Badge>}
            {hub.reruns.map((r) => <Badge key={r.id} tone="brand"><Link href={`/maintenance/batches/${r.id}`} className="underline">Re-run of <LocalTime value={r.createdAt} /></Link></Badge>)}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {canManage && retryable > 0 && (
            <Button
              variant="secondary"
              pending={rerun.pending}
              onClick={async () => {
                const result = await rerun.run({ batchId: hub.id });
                if (result?.ok) {
                  toast({ title: "Re-run launched", description: `${result.data.count} targets.`, tone: "success" });
                  router.push(`/maintenance/batches/${result.data.id}`);
                } else if (result) toast({ title: "Could not re-run", description: result.error, tone: "error" });
              }}
            >
              <RotateCcw className="h-4 w-4" aria-hidden />Re-run failed and not started
            </Button>
          )}
          <Button asChild variant="secondary">
            <Link href={`/sessions?tab=all&batchId=${hub.id}`}><History className="h-4 w-4" aria-hidden />In history</Link>
          </Button>
          <Button asChild variant="secondary">
            <a href={`/maintenance/batches/${hub.id}/export`} download><Download className="h-4 w-4" aria-hidden />Export CSV</a>
          </Button>
        </div>
      </div>

      {hub.score.done && (
        <Alert tone={hub.score.aborted || hub.score.completed_with_issues ? "warning" : "success"}>
          <span data-testid="batch-summary">
            Batch finished: {hub.score.completed} completed, {hub.score.completed_with_issues} with issues, {hub.score.aborted} aborted.
          </span>
        </Alert>
      )}
      {query.isError && <Alert tone="error">Live updates paused: the batch could not be loaded. They resume when the connection is back.</Alert>}

      <BoxScoreView score={hub.score} />

      <div className="flex flex-wrap items-center gap-3">
        <div role="group" aria-label="Show targets" className="inline-flex flex-wrap rounded-md border border-border bg-muted p-0.5 text-xs">
          {(["all", ...CARD_STATES] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={state === s}
              data-testid={`state-chip-${s}`}
              onClick={() => choose(s)}
              className={cn("cursor-pointer rounded px-2.5 py-1 font-medium text-fg-muted hover:text-fg", state === s && "bg-surface text-fg shadow-sm")}
            >
              {s === "all" ? "All" : CARD_STATE_LABELS[s]} <span className="tabular-nums">{s === "all" ? hub.score.total : hub.score[s]}</span>
            </button>
          ))}
        </div>
        <SearchInput
          wrapperClassName="w-full sm:w-64"
          aria-label="Search targets"
          placeholder="Search targets"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </div>

      {hub.cards.length ? (
        <ul className={cn("grid gap-3 sm:grid-cols-2 xl:grid-cols-3", query.isPlaceholderData && "opacity-60")} aria-label="Targets" aria-busy={query.isPlaceholderData}>
          {hub.cards.map((card) => <TargetCard key={card.sessionId} card={card} />)}
        </ul>
      ) : (
        <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-fg-muted" data-testid="no-targets">
          {q ? `No target matches "${q}"${state === "all" ? "" : ` among ${CARD_STATE_LABELS[state].toLowerCase()}`}.` : `No targets ${state === "all" ? "in this batch" : `are ${CARD_STATE_LABELS[state].toLowerCase()}`}.`}
        </p>
      )}

      {hub.pages > 1 && (
        <nav className="flex items-center justify-between gap-3 text-sm" aria-label="Target pages">
          <Button variant="secondary" size="sm" disabled={hub.view.page <= 1} onClick={() => setPage(Math.max(1, hub.view.page - 1))}>
            <ChevronLeft className="h-4 w-4" aria-hidden />Previous
          </Button>
          <span className="tabular-nums text-fg-muted" data-testid="hub-page">
            Page {hub.view.page} of {hub.pages} · {hub.matching} {hub.matching === 1 ? "target" : "targets"}
          </span>
          <Button variant="secondary" size="sm" disabled={hub.view.page >= hub.pages} onClick={() => setPage(Math.min(hub.pages, hub.view.page + 1))}>
            Next<ChevronRight className="h-4 w-4" aria-hidden />
          </Button>
        </nav>
      )}
    </div>
  );
}
