"use client";
// Picks a target list in the run and schedule dialogs. The lists load when the dialog opens
// (GET /api/maintenance/target-lists), a page at a time, searched by name: the flow page does
// not carry every list of the account in its HTML.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { useDebounced } from "@/components/ui/use-debounced";
import type { TargetListOption } from "@/lib/maintenance/queries";

async function fetchLists(q: string): Promise<{ lists: TargetListOption[]; more: boolean }> {
  const response = await fetch(`/api/maintenance/target-lists?${new URLSearchParams({ q })}`, { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load the target lists.");
  return response.json();
}

/**
 * `selected` names the current list when it is known without loading (editing a schedule), so it
 * stays choosable whatever the search shows. `onChange` gets the list (with its target count).
 */
export function TargetListPicker({ id, value, selected, onChange, errors, required }: {
  id: string;
  value: string;
  selected?: { id: string; name: string } | null;
  onChange: (list: TargetListOption | null) => void;
  errors?: string[];
  required?: boolean;
}) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const query = useQuery({ queryKey: ["target-lists", q], queryFn: () => fetchLists(q), placeholderData: keepPreviousData, staleTime: 30_000 });
  const lists = useMemo(() => query.data?.lists ?? [], [query.data]);
  const known = selected && !lists.some((l) => l.id === selected.id) && value === selected.id ? [{ ...selected, count: null }] : [];

  // Nothing chosen yet: take the first list once they are loaded.
  useEffect(() => {
    if (!value && !q && lists[0]) onChange(lists[0]);
  }, [value, q, lists, onChange]);

  const searchable = Boolean(query.data?.more || q);
  return (
    <div className="space-y-2">
      {searchable && (
        <SearchInput aria-label="Search target lists" placeholder="Search target lists" value={search} onChange={(e) => setSearch(e.target.value)} />
      )}
      <Field
        id={id}
        label="Target list"
        errors={errors}
        help={query.isError ? "The target lists could not be loaded. Close the dialog and try again." : query.data?.more ? "Showing the first lists by name: search to find others." : undefined}
      >
        <Select
          id={id}
          value={value}
          required={required}
          disabled={query.isPending}
          aria-busy={query.isFetching}
          onChange={(e) => onChange(lists.find((l) => l.id === e.target.value) ?? null)}
        >
          {query.isPending && <option value="">Loading lists…</option>}
          {!query.isPending && !lists.length && !known.length && <option value="">{q ? `No list matches "${q}"` : "No target lists yet"}</option>}
          {known.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          {lists.map((l) => <option key={l.id} value={l.id}>{l.name} ({l.count})</option>)}
        </Select>
      </Field>
      {!query.isPending && !query.isError && !lists.length && !q && (
        <p className="text-sm text-amber-700 dark:text-amber-300" data-testid="no-target-lists">Create a target list first (Maintenance › Target lists).</p>
      )}
    </div>
  );
}
