"use client";
// Session history: tabs and filters drive a react-query key, so a slower older response can
// never replace a newer one (only the current key's data is shown).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { FlowTypeBadge } from "@/components/flows/flow-meta";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { FLOW_TYPES } from "@/lib/flows/structure";
import type { HistorySearch, SessionSearchResult } from "@/lib/sessions/queries";
import { OUTCOMES } from "@/lib/sessions/session.validation";
import { FLOW_TYPE_META } from "@/components/flows/flow-meta";
import { OUTCOME_LABELS } from "@/lib/sessions/ticket";
import { OutcomeBadge, SessionStatusBadge } from "./session-labels";
import { useShareableUrl } from "@/components/ui/use-shareable-url";
import { LocalTime } from "@/components/ui/local-time";
import { useFilterChoices } from "@/components/ui/use-filter-choices";

const NO_FACETS = { flows: [], engineers: [] };
const ASSISTANT_CHOICE = "assistant";

const TABS = [
  { value: "active", label: "Active" },
  { value: "prepared", label: "Prepared" },
  { value: "completed", label: "Completed" },
  { value: "all", label: "All" },
] as const;

function toParams(filters: HistorySearch) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  return params;
}

export function SessionHistory({
  initialFilters,
  initialData,
}: {
  initialFilters: HistorySearch;
  initialData: SessionSearchResult;
}) {
  const facets = useFilterChoices<{ flows: { id: string; name: string }[]; engineers: { id: string; name: string }[] }>("/api/sessions/filters", NO_FACETS);
  const [filters, setFilters] = useState<HistorySearch>(initialFilters);
  const result = useQuery({
    queryKey: ["sessions", filters],
    queryFn: async ({ signal }): Promise<SessionSearchResult> => {
      const response = await fetch(`/api/sessions?${toParams(filters)}`, { signal });
      if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load sessions.");
      return response.json();
    },
    initialData: JSON.stringify(filters) === JSON.stringify(initialFilters) ? initialData : undefined,
    placeholderData: keepPreviousData,
  });
  useShareableUrl("/sessions", useMemo(() => toParams(filters).toString(), [filters]));

  const set = (patch: Partial<HistorySearch>) => setFilters((current) => ({ ...current, page: 1, ...patch }));
  const data = result.data;
  const filtered = Boolean(filters.flowId || filters.kind || filters.type || filters.outcome || filters.engineerId || filters.mine || filters.from || filters.to || filters.batchId);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Session status" className="flex gap-1 overflow-x-auto border-b border-border">
        {TABS.map((tab) => (
          <button
            key={tab.value}
            role="tab"
            aria-selected={filters.tab === tab.value}
            onClick={() => set({ tab: tab.value })}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium",
              filters.tab === tab.value ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-fg-muted hover:text-fg",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        {/* Assistant sessions have no flow: one choice of their own ("kind=assistant"). */}
        <Select
          aria-label="Flow"
          value={filters.kind === "assistant" ? ASSISTANT_CHOICE : filters.flowId ?? ""}
          onChange={(e) => set(e.target.value === ASSISTANT_CHOICE ? { kind: "assistant", flowId: undefined } : { flowId: e.target.value || undefined, kind: undefined })}
          className="w-52"
        >
          <option value="">All flows</option>
          <option value={ASSISTANT_CHOICE}>Assistant sessions</option>
          {filters.flowId && !facets.flows.some((f) => f.id === filters.flowId) && <option value={filters.flowId}>Selected flow</option>}
          {facets.flows.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </Select>
        <Select aria-label="Type" value={filters.type ?? ""} onChange={(e) => set({ type: (e.target.value || undefined) as HistorySearch["type"] })} className="w-40">
          <option value="">All types</option>
          {FLOW_TYPES.map((t) => <option key={t} value={t}>{FLOW_TYPE_META[t].label}</option>)}
        </Select>
        <Select aria-label="Outcome" value={filters.outcome ?? ""} onChange={(e) => set({ outcome: (e.target.value || undefined) as HistorySearch["outcome"] })} className="w-48">
          <option value="">Any outcome</option>
          {OUTCOMES.map((o) => <option key={o} value={o}>{OUTCOME_LABELS[o]}</option>)}
        </Select>
        <Select aria-label="Engineer" value={filters.engineerId ?? ""} onChange={(e) => set({ engineerId: e.target.value || undefined })} className="w-44">
          <option value="">Any engineer</option>
          {filters.engineerId && !facets.engineers.some((u) => u.id === filters.engineerId) && <option value={filters.engineerId}>Selected engineer</option>}
          {facets.engineers.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </Select>
        <label className="flex items-center gap-2 rounded-md border border-border px-3 text-sm">
          <input type="checkbox" checked={filters.mine === "assigned"} onChange={(e) => set({ mine: e.target.checked ? "assigned" : undefined })} className="accent-brand-600" />
          Assigned to me
        </label>
        <Input type="date" aria-label="From date" value={filters.from ?? ""} onChange={(e) => set({ from: e.target.value || undefined })} className="w-40" />
        <Input type="date" aria-label="To date" value={filters.to ?? ""} onChange={(e) => set({ to: e.target.value || undefined })} className="w-40" />
        {filters.batchId && (
          <Button variant="secondary" onClick={() => set({ batchId: undefined })} aria-label="Remove the batch filter" data-testid="batch-filter">
            One batch only <span aria-hidden>×</span>
          </Button>
        )}
      </div>

      {result.isError && <Alert tone="error">{(result.error as Error).message}</Alert>}
      <p className="text-sm text-fg-muted" aria-live="polite" data-testid="session-count">
        {data ? `${data.total.toLocaleString("en")}${data.totalCapped ? "+" : ""} ${data.total === 1 ? "session" : "sessions"}` : "Loading…"}
        {result.isFetching && <span className="ml-2 inline-block h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent align-middle" aria-label="Updating" />}
      </p>

      {data && data.items.length === 0 ? (
        filtered ? (
          <div className="rounded-lg border border-dashed border-border p-10 text-center">
            <p className="font-medium">No sessions match these filters.</p>
            <p className="mt-1 text-sm text-fg-muted">Try another outcome, flow or date, or clear the filters.</p>
            <Button variant="secondary" className="mt-4" onClick={() => setFilters({ tab: filters.tab, page: 1 })}>Clear filters</Button>
          </div>
        ) : (
          <div className="rounded-lg border border-dashed border-border p-10 text-center">
            <p className="font-medium">No sessions here.</p>
            <p className="mt-1 text-sm text-fg-muted">
              {filters.tab === "prepared" ? "Prepare a session from a flow's page to fill its details ahead of time and assign it." : "Start a flow from the Flows page; every run shows up here."}
            </p>
            <Button asChild className="mt-4"><Link href="/flows">Browse flows</Link></Button>
          </div>
        )
      ) : data ? (
        <Card>
          <ul className="divide-y divide-border" data-testid="session-results">
            {data.items.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/sessions/${s.id}`} className="font-medium hover:underline">{s.flowName}</Link>
                    {s.target && <span className="font-mono text-sm text-fg-muted" data-testid="session-target">{s.target}</span>}
                    {s.kind === "assistant" ? <Badge tone="brand">Assistant</Badge> : <FlowTypeBadge type={s.flowType} />}
                    <SessionStatusBadge status={s.status} />
                    <OutcomeBadge outcome={s.outcome} />
                  </div>
                  <p className="mt-0.5 text-xs text-fg-muted">
                    {s.owner ? s.owner.name : s.assignee ? `For ${s.assignee.name}` : "Unassigned"}
                    {s.preparedBy && s.status === "prepared" ? ` · prepared by ${s.preparedBy}` : ""}
                    {" · "}
                    {s.completedAt ? <>completed <LocalTime value={s.completedAt} /></> : <>updated <LocalTime value={s.updatedAt} format="relative" /></>}
                  </p>
                </div>
                <Button asChild size="sm" variant={s.status === "completed" ? "secondary" : "primary"}>
                  <Link href={`/sessions/${s.id}`}>{s.status === "completed" ? "View" : s.status === "prepared" ? "Open" : "Resume"}</Link>
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {data && pages > 1 && (
        <div className="flex items-center justify-center gap-3">
          <Button variant="secondary" size="sm" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>Previous</Button>
          <span className="text-sm text-fg-muted">Page {data.page} of {pages}</span>
          <Button variant="secondary" size="sm" disabled={filters.page >= pages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>Next</Button>
        </div>
      )}
    </div>
  );
}
