"use client";
// The flow library: search (debounced), filters, sort, grid/list. Results come from
// GET /api/flows through react-query keyed by the filters, so a slow earlier response can
// never replace a newer one: only the current key's data is shown.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { GitFork, LayoutGrid, List } from "@/components/ui/icons";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { useDebounced } from "@/components/ui/use-debounced";
import { cn } from "@/lib/cn";
import type { LibrarySearch } from "@/lib/flows/flow.validation";
import type { FlowListItem, FlowSearchResult } from "@/lib/flows/queries";
import { FLOW_TYPES, type FlowType } from "@/lib/flows/structure";
import { FLOW_TYPE_META, FlowTypeBadge, StatusBadge, VisibilityLabel } from "./flow-meta";
import { useShareableUrl } from "@/components/ui/use-shareable-url";
import { LocalTime } from "@/components/ui/local-time";
import { useFilterChoices } from "@/components/ui/use-filter-choices";

const NO_FACETS = { categories: [], tags: [] };

type Filters = Omit<LibrarySearch, "q"> & { q: string };

function toParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || value === "all" || (key === "sort" && value === "recent") || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  return params;
}

async function fetchFlows(filters: Filters, signal: AbortSignal): Promise<FlowSearchResult> {
  const response = await fetch(`/api/flows?${toParams(filters)}`, { signal });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load flows.");
  return response.json();
}

export function FlowLibrary({
  initialFilters,
  initialData,
  canAuthor,
}: {
  initialFilters: Filters;
  initialData: FlowSearchResult;
  canAuthor: boolean;
}) {
  const facets = useFilterChoices<{ categories: string[]; tags: string[] }>("/api/flows/filters", NO_FACETS);
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [query, setQuery] = useState(initialFilters.q);
  const [view, setView] = useState<"grid" | "list">("grid");
  const debouncedQuery = useDebounced(query, 250);
  const effective = useMemo(() => ({ ...filters, q: debouncedQuery.trim() }), [filters, debouncedQuery]);

  const result = useQuery({
    queryKey: ["flows", effective],
    queryFn: ({ signal }) => fetchFlows(effective, signal),
    initialData: JSON.stringify(effective) === JSON.stringify(initialFilters) ? initialData : undefined,
    placeholderData: keepPreviousData,
  });

  useShareableUrl("/flows", useMemo(() => toParams(effective).toString(), [effective]));

  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, page: 1, ...patch }));
  const data = result.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const allCount = data ? Object.values(data.typeCounts).reduce((a, b) => a + b, 0) : 0;
  const filtered = Boolean(effective.q || effective.category || effective.tag || effective.owner !== "all" || effective.status !== "all");

  return (
    <div className="grid gap-6 lg:grid-cols-[13rem_1fr]">
      <nav aria-label="Flow types" className="flex gap-1 overflow-x-auto lg:flex-col">
        {[undefined, ...FLOW_TYPES].map((type) => {
          const active = filters.type === type;
          const Icon = type ? FLOW_TYPE_META[type].icon : LayoutGrid;
          return (
            <button
              key={type ?? "all"}
              type="button"
              onClick={() => set({ type })}
              aria-pressed={active}
              className={cn(
                "flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-left text-sm font-medium",
                active ? "bg-brand-50 text-brand-700 dark:bg-brand-700/25 dark:text-brand-100" : "text-fg-muted hover:bg-muted hover:text-fg",
              )}
            >
              <Icon className="h-4 w-4" aria-hidden />
              <span className="flex-1">{type ? FLOW_TYPE_META[type].plural : "All flows"}</span>
              <span className="rounded-full bg-muted px-2 text-xs tabular-nums" data-testid={`count-${type ?? "all"}`}>
                {data ? (type ? data.typeCounts[type] : allCount) : "–"}
              </span>
            </button>
          );
        })}
      </nav>

      <div className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <SearchInput
            wrapperClassName="min-w-56 flex-1"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setFilters((current) => ({ ...current, page: 1 }));
            }}
            placeholder="Search flows by name, description, category or tag"
            aria-label="Search flows"
          />
          <Select aria-label="Owner" value={filters.owner} onChange={(e) => set({ owner: e.target.value as Filters["owner"] })} className="w-36">
            <option value="all">Anyone</option>
            <option value="mine">Mine</option>
            <option value="team">My team</option>
            <option value="account">My account</option>
            <option value="public">Public</option>
          </Select>
          <Select aria-label="Status" value={filters.status} onChange={(e) => set({ status: e.target.value as Filters["status"] })} className="w-36">
            <option value="all">Any status</option>
            <option value="published">Published</option>
            <option value="draft">Drafts</option>
          </Select>
          <Select aria-label="Category" value={filters.category ?? ""} onChange={(e) => set({ category: e.target.value || undefined })} className="w-40">
            <option value="">Any category</option>
            {filters.category && !facets.categories.includes(filters.category) && <option value={filters.category}>{filters.category}</option>}
            {facets.categories.map((c) => <option key={c} value={c}>{c}</option>)}
          </Select>
          <Select aria-label="Tag" value={filters.tag ?? ""} onChange={(e) => set({ tag: e.target.value || undefined })} className="w-36">
            <option value="">Any tag</option>
            {filters.tag && !facets.tags.includes(filters.tag) && <option value={filters.tag}>{filters.tag}</option>}
            {facets.tags.map((t) => <option key={t} value={t}>{t}</option>)}
          </Select>
          <Select aria-label="Sort" value={filters.sort} onChange={(e) => set({ sort: e.target.value as Filters["sort"] })} className="w-36">
            <option value="recent">Recently updated</option>
            <option value="used">Most used</option>
            <option value="name">Name</option>
          </Select>
          <div className="flex rounded-md border border-border" role="group" aria-label="View">
            <Button variant="ghost" size="icon" aria-label="Grid view" aria-pressed={view === "grid"} onClick={() => setView("grid")} className={cn(view === "grid" && "bg-muted")}>
              <LayoutGrid className="h-4 w-4" />
            </Button>
            <Button variant="ghost" size="icon" aria-label="List view" aria-pressed={view === "list"} onClick={() => setView("list")} className={cn(view === "list" && "bg-muted")}>
              <List className="h-4 w-4" />
            </Button>
          </div>
        </div>

        <div className="flex items-center justify-between text-sm text-fg-muted" aria-live="polite">
          <span data-testid="result-count">
            {data ? `${data.total.toLocaleString("en")}${data.totalCapped ? "+" : ""} ${data.total === 1 ? "flow" : "flows"}` : "Loading…"}
            {result.isFetching && <span className="ml-2 inline-block h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent align-middle" aria-label="Updating" />}
          </span>
          {filtered && (
            <button type="button" className="text-brand-600 hover:underline dark:text-brand-100" onClick={() => { setQuery(""); setFilters({ ...initialFilters, q: "", type: filters.type, category: undefined, tag: undefined, owner: "all", status: "all", page: 1 }); }}>
              Clear filters
            </button>
          )}
        </div>

        {result.isError && <Alert tone="error">{(result.error as Error).message} <button className="underline" onClick={() => result.refetch()}>Retry</button></Alert>}

        {data && data.items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-border p-10 text-center">
            <p className="font-medium">{filtered || filters.type ? "No flows match these filters." : "No flows yet."}</p>
            <p className="mt-1 text-sm text-fg-muted">
              {filtered ? "Try other words or clear the filters." : canAuthor ? "Create your first flow, import one, or fork a built-in flow from the Public filter." : "Ask an engineer of your team to publish flows."}
            </p>
            {canAuthor && !filtered && (
              <div className="mt-4 flex justify-center gap-2">
                <Button asChild><Link href="/flows/new">New flow</Link></Button>
                <Button asChild variant="secondary"><Link href="/flows/import">Import</Link></Button>
              </div>
            )}
          </div>
        ) : data ? (
          view === "grid" ? (
            <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="flow-results">
              {data.items.map((flow) => <FlowGridCard key={flow.id} flow={flow} />)}
            </ul>
          ) : (
            <Card>
              <ul className="divide-y divide-border" data-testid="flow-results">
                {data.items.map((flow) => <FlowListRow key={flow.id} flow={flow} />)}
              </ul>
            </Card>
          )
        ) : null}

        {data && totalPages > 1 && (
          <div className="flex items-center justify-center gap-3">
            <Button variant="secondary" size="sm" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>Previous</Button>
            <span className="text-sm text-fg-muted">Page {data.page} of {totalPages}</span>
            <Button variant="secondary" size="sm" disabled={filters.page >= totalPages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>Next</Button>
          </div>
        )}
      </div>
    </div>
  );
}

function ForkBadge({ flow }: { flow: FlowListItem }) {
  if (!flow.forkedFrom) return null;
  return (
    <Badge className="gap-1" title={`Fork of ${flow.forkedFrom.name}`}>
      <GitFork className="h-3 w-3" aria-hidden /> Fork of {flow.forkedFrom.name}
    </Badge>
  );
}

function FlowGridCard({ flow }: { flow: FlowListItem }) {
  return (
    <li>
      <Card className="flow-card">
        <div className="flow-card-badges">
          <FlowTypeBadge type={flow.type} />
          <StatusBadge status={flow.status} isActive={flow.isActive} />
          {flow.isDefault && <Badge tone="brand">Built-in</Badge>}
        </div>
        <h3 className="flow-card-title">
          <Link href={`/flows/${flow.id}`} className="hover:underline">{flow.name}</Link>
        </h3>
        {flow.description && <p className="flow-card-text">{flow.description}</p>}
        <div className="flow-card-tags"><ForkBadge flow={flow} />{flow.tags.slice(0, 4).map((t) => <Badge key={t}>{`#${t}`}</Badge>)}</div>
        <div className="flow-card-meta">
          {flow.category && <span>{flow.category}</span>}
          <VisibilityLabel visibility={flow.visibility} />
          <span>{`${flow.usageCount} runs`}</span>
          <span>updated <LocalTime value={flow.updatedAt} format="relative" /></span>
        </div>
      </Card>
    </li>
  );
}

function FlowListRow({ flow }: { flow: FlowListItem }) {
  return (
    <li className="flow-row">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/flows/${flow.id}`} className="font-medium hover:underline">{flow.name}</Link>
          <FlowTypeBadge type={flow.type as FlowType} />
          <StatusBadge status={flow.status} isActive={flow.isActive} />
          {flow.isDefault && <Badge tone="brand">Built-in</Badge>}
          <ForkBadge flow={flow} />
        </div>
        {flow.description && <p className="truncate text-sm text-fg-muted">{flow.description}</p>}
      </div>
      <div className="flow-row-meta">
        {flow.category && <span>{flow.category}</span>}
        <VisibilityLabel visibility={flow.visibility} />
        <span>{flow.usageCount} runs</span>
      </div>
    </li>
  );
}
