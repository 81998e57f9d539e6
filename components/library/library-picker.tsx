"use client";
// Pick a step from the library: type to search, ↑/↓ through the results, Enter inserts.
// The picker only reports the choice; the caller decides what inserting means (the flow
// editor records a use and adds a procedure step, the session runner adds a custom step).
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Search } from "@/components/ui/icons";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import type { LibrarySearch } from "@/lib/library/library.validation";
import type { LibraryCard, LibraryListItem } from "@/lib/library/queries";
import { fetchLibrary, LIBRARY_QUERY_KEY, libraryParams, libraryStepQuery } from "./library-api";
import { StepRating, StepTypeBadge, plainPreview } from "./library-meta";
import { useDebounced } from "@/components/ui/use-debounced";

export type LibraryPickerProps = {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Called with the chosen step, whole (read when chosen: the list carries previews). The picker closes once it resolves; if it throws, the picker stays open and shows the error. */
  onPick(step: LibraryCard): void | Promise<void>;
  title?: string;
};

export function LibraryPicker({ open, onOpenChange, onPick, title = "Insert a step from the library" }: LibraryPickerProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description="Search by title, instructions or command. ↑ ↓ to choose, Enter to insert.">
      {/* Mounted per opening: a fresh search each time. */}
      {open && <PickerBody onPick={onPick} onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function PickerBody({ onPick, onClose }: { onPick: LibraryPickerProps["onPick"]; onClose(): void }) {
  const queryClient = useQueryClient();
  const [query, setQuery] = useState("");
  const [type, setType] = useState<LibrarySearch["type"]>(undefined);
  const debounced = useDebounced(query.trim(), 250);
  const search: LibrarySearch = { q: debounced, type, sort: debounced ? "relevance" : "used", page: 1 };
  const key = libraryParams(search).toString();
  const result = useQuery({
    queryKey: [LIBRARY_QUERY_KEY, "picker", key],
    queryFn: ({ signal }) => fetchLibrary(search, signal),
    placeholderData: keepPreviousData,
  });
  const items = result.data?.items ?? [];
  const [active, setActive] = useState(0);
  const [inserting, setInserting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const optionId = (index: number) => `${baseId}-step-${index}`;

  // A new result list starts at its first entry.
  const [shownKey, setShownKey] = useState(key);
  if (result.data && !result.isPlaceholderData && shownKey !== key) {
    setShownKey(key);
    setActive(0);
  }
  const current = Math.min(active, Math.max(0, items.length - 1));

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: "nearest" });
  }, [current]);

  const insert = async (step: LibraryListItem) => {
    if (inserting) return;
    setInserting(step.id);
    setError(null);
    try {
      await onPick(await queryClient.fetchQuery(libraryStepQuery(step.id)));
      onClose();
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : "Could not insert the step. Please try again.");
    } finally {
      setInserting(null);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!items.length) return;
      const delta = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + delta + items.length) % items.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const step = items[current];
      // Only what the list shows for the words typed: never a result of an older search.
      if (step && !result.isPlaceholderData && query.trim() === debounced) void insert(step);
    }
  };

  const activeStep = items[current];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <div className="relative min-w-48 flex-1">
          <Search className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-fg-muted" aria-hidden />
          <Input
            type="search"
            role="combobox"
            aria-label="Search the step library"
            aria-expanded={items.length > 0}
            aria-controls={`${baseId}-results`}
            aria-activedescendant={activeStep ? optionId(current) : undefined}
            aria-autocomplete="list"
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="e.g. flush dns, Restart-Service, mailbox"
            className="pl-9"
          />
        </div>
        <div role="group" aria-label="Type" className="inline-flex rounded-md border border-border bg-muted p-0.5 text-xs">
          {([undefined, "action", "solution"] as const).map((t) => (
            <button
              key={t ?? "all"}
              type="button"
              aria-pressed={type === t}
              onClick={() => setType(t)}
              className={cn("cursor-pointer rounded px-2.5 py-1 font-medium text-fg-muted hover:text-fg", type === t && "bg-surface text-fg shadow-sm")}
            >
              {t === "action" ? "Actions" : t === "solution" ? "Solutions" : "All"}
            </button>
          ))}
        </div>
      </div>

      {error && <Alert tone="error">{error}</Alert>}
      {result.isError && (
        <Alert tone="error">
          {(result.error as Error).message}{" "}
          <button type="button" className="font-medium underline" onClick={() => result.refetch()}>Retry</button>
        </Alert>
      )}

      <div className="-mx-6 max-h-[min(26rem,calc(100vh-16rem))] overflow-y-auto border-y border-border">
        {result.isPending ? (
          <p className="px-6 py-8 text-center text-sm text-fg-muted">Loading the library…</p>
        ) : items.length === 0 && !result.isError ? (
          <div className="px-6 py-8 text-center text-sm">
            <p className="font-medium">{debounced || type ? "No steps match." : "The library is empty."}</p>
            <p className="mt-1 text-fg-muted">{debounced || type ? "Try other words: titles, instructions and commands are searched." : "Publish a flow and its steps appear here, or add steps on the Library page."}</p>
          </div>
        ) : (
          <ul
            ref={listRef}
            id={`${baseId}-results`}
            role="listbox"
            aria-label="Library steps"
            className={cn("divide-y divide-border", result.isPlaceholderData && "opacity-60")}
          >
            {items.map((step, index) => {
              const command = step.preview.firstCommand;
              const preview = plainPreview(step.preview.excerpt, 140);
              const isActive = index === current;
              return (
                <li
                  key={step.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={isActive}
                  data-index={index}
                  onMouseMove={() => !isActive && setActive(index)}
                  onClick={() => void insert(step)}
                  className={cn("flex cursor-pointer items-start gap-3 px-6 py-2.5", isActive ? "bg-brand-50 dark:bg-brand-700/20" : "hover:bg-muted")}
                >
                  <div className="min-w-0 flex-1">
                    <p className="font-medium leading-snug">{step.title}</p>
                    <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-fg-muted">
                      <StepTypeBadge type={step.type} />
                      {step.groupLabel && <Badge>{step.groupLabel}</Badge>}
                      {step.sourceFlow && <span className="truncate">From flow: {step.sourceFlow.name}</span>}
                      <StepRating card={step} />
                      {step.usageCount > 0 && <span>Used {step.usageCount}×</span>}
                    </div>
                    {command ? (
                      <code className="mt-1 block truncate font-mono text-xs text-fg-muted">{command.command.split("\n")[0]}</code>
                    ) : (
                      preview && preview !== step.title && <p className="mt-1 truncate text-xs text-fg-muted">{preview}</p>
                    )}
                  </div>
                  {/* The row is the option; this is its visible "Insert" control (Enter does the same). */}
                  <Button
                    type="button"
                    size="sm"
                    tabIndex={-1}
                    variant={isActive ? "primary" : "secondary"}
                    pending={inserting === step.id}
                    disabled={inserting !== null && inserting !== step.id}
                    aria-label={`Insert "${step.title}"`}
                    onClick={(event) => {
                      event.stopPropagation();
                      void insert(step);
                    }}
                    className="shrink-0"
                  >
                    Insert
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <p className="text-xs text-fg-muted" aria-live="polite">
        {result.data
          ? result.data.total > items.length
            ? `Showing the first ${items.length} of ${result.data.total.toLocaleString("en")}${result.data.totalCapped ? "+" : ""}. Type to narrow down.`
            : `${result.data.total} ${result.data.total === 1 ? "step" : "steps"}`
          : ""}
      </p>
    </div>
  );
}
