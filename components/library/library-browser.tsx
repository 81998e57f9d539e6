"use client";
// The step library page: debounced search, filters, sort and paging drive a react-query key,
// so a slower older response can never replace a newer one (only the current key's data is
// shown). The URL follows the filters without a server round trip.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookOpen, Plus } from "@/components/ui/icons";
import Link from "next/link";
import { useMemo, useState } from "react";
import { VISIBILITY_META } from "@/components/flows/flow-meta";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import { VISIBILITIES } from "@/lib/flows/structure";
import type { LibrarySearch } from "@/lib/library/library.validation";
import type { LibraryListItem, LibrarySearchResult } from "@/lib/library/queries";
import { fetchLibrary, LIBRARY_QUERY_KEY, libraryParams } from "./library-api";
import { STEP_TYPE_LABELS } from "./library-meta";
import { LibraryStepCard } from "./library-step-card";
import { LibraryStepDetail } from "./library-step-detail";
import { DeleteLibraryStepDialog, SaveToLibraryDialog } from "./library-step-dialogs";
import { LibraryStepFormDialog } from "./library-step-form";
import { useDebounced } from "@/components/ui/use-debounced";
import { useShareableUrl } from "@/components/ui/use-shareable-url";
import { FILTER_CHOICES_KEY, useFilterChoices } from "@/components/ui/use-filter-choices";

const NO_CHOICES = { groups: [], flows: [] };

const SORTS: { value: LibrarySearch["sort"]; label: string }[] = [
  { value: "relevance", label: "Relevance" },
  { value: "used", label: "Most used" },
  { value: "rated", label: "Best rated" },
  { value: "newest", label: "Newest" },
];

export function LibraryBrowser({
  initialSearch,
  initialData,
  canAuthor,
}: {
  initialSearch: LibrarySearch;
  initialData: LibrarySearchResult;
  /** Engineers and above: new steps, copies, edits. */
  canAuthor: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const choices = useFilterChoices<{ groups: string[]; flows: { id: string; name: string }[] }>("/api/library/filters", NO_CHOICES);
  const [search, setSearch] = useState<LibrarySearch>(initialSearch);
  const [query, setQuery] = useState(initialSearch.q);
  const debouncedQuery = useDebounced(query, 250);
  const effective = useMemo<LibrarySearch>(() => ({ ...search, q: debouncedQuery.trim() }), [search, debouncedQuery]);
  const key = libraryParams(effective).toString();

  const result = useQuery({
    queryKey: [LIBRARY_QUERY_KEY, "browse", key],
    queryFn: ({ signal }) => fetchLibrary(effective, signal),
    initialData: key === libraryParams(initialSearch).toString() ? initialData : undefined,
    placeholderData: keepPreviousData,
  });

  useShareableUrl("/library", key);

  // Dialogs: at most one card each.
  const [detail, setDetail] = useState<LibraryListItem | null>(null);
  const [saving, setSaving] = useState<LibraryListItem | null>(null);
  const [deleting, setDeleting] = useState<LibraryListItem | null>(null);
  const [editing, setEditing] = useState<{ step: LibraryListItem | null } | null>(null);

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: [LIBRARY_QUERY_KEY] });
    void queryClient.invalidateQueries({ queryKey: [FILTER_CHOICES_KEY, "/api/library/filters"] }); // new group labels reach the filters
  };

  const set = (patch: Partial<LibrarySearch>) => setSearch((current) => ({ ...current, page: 1, ...patch }));
  const data = result.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const filtered = Boolean(effective.q || effective.type || effective.visibility || effective.group || effective.flowId || effective.mine);
  const clear = () => {
    setQuery("");
    setSearch({ q: "", sort: search.sort, page: 1 });
  };

  const actions = {
    onOpen: setDetail,
    onSave: canAuthor ? (card: LibraryListItem) => { setDetail(null); setSaving(card); } : undefined,
    onEdit: canAuthor ? (card: LibraryListItem) => { setDetail(null); setEditing({ step: card }); } : undefined,
    onDelete: canAuthor ? (card: LibraryListItem) => { setDetail(null); setDeleting(card); } : undefined,
  };

  return (
    <div className="@container space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 max-w-2xl">
          <h1 className="text-2xl font-semibold">Step library</h1>
          <p className="mt-1 text-fg-muted">Reusable steps and their commands, from published flows and your team, ready to insert into a flow or a running session.</p>
        </div>
        {canAuthor && (
          <Button onClick={() => setEditing({ step: null })} className="shrink-0">
            <Plus className="h-4 w-4" aria-hidden />
            New step
          </Button>
        )}
      </div>

      <div className="flex items-center gap-2">
        <SearchInput
          wrapperClassName="min-w-0 flex-1"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setSearch((current) => ({ ...current, page: 1 }));
          }}
          placeholder="Search titles, instructions and commands"
          aria-label="Search the step library"
        />
        <Select aria-label="Sort" value={search.sort} onChange={(e) => set({ sort: e.target.value as LibrarySearch["sort"] })} className="w-36 shrink-0">
          {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </Select>
      </div>
      <div className="grid grid-cols-2 gap-2 @md:grid-cols-3 @4xl:flex @4xl:flex-wrap @4xl:items-center">
        <Select aria-label="Type" value={search.type ?? ""} onChange={(e) => set({ type: (e.target.value || undefined) as LibrarySearch["type"] })} className="@4xl:w-36">
          <option value="">Any type</option>
          <option value="action">{STEP_TYPE_LABELS.action}s</option>
          <option value="solution">{STEP_TYPE_LABELS.solution}s</option>
        </Select>
        <Select aria-label="Visibility" value={search.visibility ?? ""} onChange={(e) => set({ visibility: (e.target.value || undefined) as LibrarySearch["visibility"] })} className="@4xl:w-40">
          <option value="">Any visibility</option>
          {VISIBILITIES.map((v) => <option key={v} value={v}>{VISIBILITY_META[v].label}</option>)}
        </Select>
        <Select aria-label="Group" value={search.group ?? ""} onChange={(e) => set({ group: e.target.value || undefined })} className="@4xl:w-44" disabled={!choices.groups.length && !search.group}>
          <option value="">Any group</option>
          {search.group && !choices.groups.includes(search.group) && <option value={search.group}>{search.group}</option>}
          {choices.groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </Select>
        <Select aria-label="Source flow" value={search.flowId ?? ""} onChange={(e) => set({ flowId: e.target.value || undefined })} className="@4xl:w-56" disabled={!choices.flows.length && !search.flowId}>
          <option value="">Any flow</option>
          {search.flowId && !choices.flows.some((f) => f.id === search.flowId) && <option value={search.flowId}>Selected flow</option>}
          {choices.flows.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </Select>
        {canAuthor && (
          <label className={cn("flex h-10 cursor-pointer items-center gap-2 rounded-md border px-3 text-sm", search.mine ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-border bg-surface")}>
            <input type="checkbox" checked={search.mine === "1"} onChange={(e) => set({ mine: e.target.checked ? "1" : undefined })} className="accent-brand-600" />
            Mine
          </label>
        )}
      </div>

      <div className="flex items-center justify-between gap-3 text-sm text-fg-muted" aria-live="polite">
        <span data-testid="library-count">
          {data ? `${data.total.toLocaleString("en")}${data.totalCapped ? "+" : ""} ${data.total === 1 ? "step" : "steps"}` : result.isError ? "" : "Loading…"}
          {result.isFetching && <span className="ml-2 inline-block h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent align-middle" aria-label="Updating" />}
        </span>
        {filtered && (
          <button type="button" className="text-brand-600 hover:underline dark:text-brand-400" onClick={clear}>
            Clear filters
          </button>
        )}
      </div>

      {result.isError && (
        <Alert tone="error">
          {(result.error as Error).message}{" "}
          <button type="button" className="font-medium underline" onClick={() => result.refetch()}>Retry</button>
        </Alert>
      )}

      {!data && result.isPending ? (
        <ul className="grid grid-cols-1 gap-4 @2xl:grid-cols-2 @4xl:grid-cols-3" aria-hidden>
          {Array.from({ length: 6 }, (_, i) => <li key={i} className="h-48 animate-pulse rounded-lg border border-border bg-muted" />)}
        </ul>
      ) : data && data.items.length === 0 ? (
        <EmptyState
          filtered={filtered}
          mineOnly={Boolean(effective.mine) && !effective.q && !effective.type && !effective.visibility && !effective.group && !effective.flowId}
          pastEnd={data.total > 0 && effective.page > 1}
          canAuthor={canAuthor}
          onClear={clear}
          onFirstPage={() => setSearch((current) => ({ ...current, page: 1 }))}
          onNew={() => setEditing({ step: null })}
        />
      ) : data ? (
        <ul className={cn("grid grid-cols-1 gap-4 transition-opacity @2xl:grid-cols-2 @4xl:grid-cols-3", result.isPlaceholderData && "opacity-60")} data-testid="library-results">
          {data.items.map((card) => <LibraryStepCard key={card.id} card={card} {...actions} />)}
        </ul>
      ) : null}

      {data && totalPages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-center gap-3">
          <Button variant="secondary" size="sm" disabled={search.page <= 1} onClick={() => setSearch((s) => ({ ...s, page: s.page - 1 }))}>Previous</Button>
          <span className="text-sm text-fg-muted">Page {data.page} of {totalPages}</span>
          <Button variant="secondary" size="sm" disabled={search.page >= totalPages} onClick={() => setSearch((s) => ({ ...s, page: s.page + 1 }))}>Next</Button>
        </nav>
      )}

      <LibraryStepDetail card={detail} onOpenChange={(open) => !open && setDetail(null)} onSave={actions.onSave} onEdit={actions.onEdit} onDelete={actions.onDelete} />
      <SaveToLibraryDialog
        card={saving}
        onOpenChange={(open) => !open && setSaving(null)}
        onSaved={() => {
          setSaving(null);
          toast({ title: "Saved to your library", description: "Your copy is editable. Tick “Mine” to see your steps.", tone: "success" });
          changed();
        }}
      />
      <DeleteLibraryStepDialog
        card={deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          toast({ title: "Step deleted", tone: "success" });
          changed();
        }}
      />
      <LibraryStepFormDialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        step={editing?.step ?? null}
        groups={choices.groups}
        onSaved={({ created }) => {
          setEditing(null);
          toast({ title: created ? "Step added to the library" : "Step saved", tone: "success" });
          changed();
        }}
      />
    </div>
  );
}

function EmptyState({
  filtered,
  mineOnly,
  pastEnd,
  canAuthor,
  onClear,
  onFirstPage,
  onNew,
}: {
  filtered: boolean;
  mineOnly: boolean;
  pastEnd: boolean;
  canAuthor: boolean;
  onClear(): void;
  onFirstPage(): void;
  onNew(): void;
}) {
  return (
    <div className="rounded-lg border border-dashed border-border p-10 text-center" data-testid="library-empty">
      <BookOpen className="mx-auto h-8 w-8 text-fg-muted" aria-hidden />
      {pastEnd ? (
        <>
          <p className="mt-3 font-medium">Nothing on this page any more.</p>
          <Button variant="secondary" className="mt-4" onClick={onFirstPage}>Back to the first page</Button>
        </>
      ) : mineOnly ? (
        <>
          <p className="mt-3 font-medium">You have no steps of your own yet.</p>
          <p className="mt-1 text-sm text-fg-muted">
            {canAuthor ? "Add one, or open any step and choose “Save to my library” for a copy you can change." : "Engineers can add steps and save copies here."}
          </p>
          <div className="mt-4 flex justify-center gap-2">
            {canAuthor && <Button onClick={onNew}><Plus className="h-4 w-4" aria-hidden />New step</Button>}
            <Button variant="secondary" onClick={onClear}>Show all steps</Button>
          </div>
        </>
      ) : filtered ? (
        <>
          <p className="mt-3 font-medium">No steps match.</p>
          <p className="mt-1 text-sm text-fg-muted">Try other words, or clear the filters.</p>
          <Button variant="secondary" className="mt-4" onClick={onClear}>Clear filters</Button>
        </>
      ) : (
        <>
          <p className="mt-3 font-medium">The library is empty.</p>
          <p className="mt-1 text-sm text-fg-muted">
            {canAuthor ? "Publish a flow and its steps appear here, or add one." : "Steps appear here when an engineer publishes a flow or adds one."}
          </p>
          <div className="mt-4 flex justify-center gap-2">
            {canAuthor && <Button onClick={onNew}><Plus className="h-4 w-4" aria-hidden />New step</Button>}
            <Button asChild variant="secondary"><Link href="/flows">Browse flows</Link></Button>
          </div>
        </>
      )}
    </div>
  );
}
