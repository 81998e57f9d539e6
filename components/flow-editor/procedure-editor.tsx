"use client";
// Step editor for procedural and maintenance flows (SPEC §3.2). Controlled: the parent owns the
// structure, saving and publishing; this component only turns edits into `onChange(next)`.
// `value` may be replaced at any time (a save swaps temporary ids for UUIDs), so the selection
// is kept by id and falls back to the same position when the id disappears.
import { LibraryPicker } from "@/components/library/library-picker";
import { libraryStepToProcedureStep } from "@/components/library/library-step-convert";
import { useToast } from "@/components/ui/toast";
import { tempId } from "@/lib/flows/temp-id";
import { recordLibraryStepUse } from "@/lib/library/library.actions";
import type { LibraryCard } from "@/lib/library/queries";
import { ArrowLeft, BookOpen, Flag, ListPlus, Plus } from "@/components/ui/icons";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { procedureCountText, procedureCounts, type ProcedureItem, type ProcedureStructure, type StructureIssue, type Visibility } from "@/lib/flows/structure";
import { IssueList } from "./procedure/issue-list";
import { ItemPanel } from "./procedure/item-panel";
import { ItemView } from "./procedure/item-view";
import { itemName } from "./procedure/labels";
import {
  duplicateItem,
  hasEnd,
  insertAfter,
  moveBy,
  moveItem,
  neighbourAfterRemoval,
  newSection,
  newStep,
  removeItem,
  replaceItem,
  resolveSelection,
  sectionOf,
  setClosingStep,
  stepNumbers,
} from "./procedure/procedure-ops";
import { StepList, type RowAction, type RowInfo } from "./procedure/step-list";

export type ProcedureEditorProps = {
  value: ProcedureStructure;
  onChange: (next: ProcedureStructure) => void;
  /** Problems from validation or the last save; those with a nodeId are shown on that item. */
  issues: StructureIssue[];
  /** The flow's visibility, which a step's "inherit" library visibility resolves from. */
  flowVisibility: Visibility;
  /** View only (e.g. an old version): same list, read-only details. */
  readOnly?: boolean;
};

const NO_ISSUES: StructureIssue[] = [];

export function ProcedureEditor({ value, onChange, issues, flowVisibility, readOnly = false }: ProcedureEditorProps) {
  const steps = value.steps;
  const rootRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const panelRef = useRef<HTMLElement>(null);

  // ----- selection (by id, with the last index as a fallback) -----
  const [selection, setSelection] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const resolved = resolveSelection(steps, selection.id, selection.index);
  if ((resolved?.id ?? null) !== selection.id || (resolved && resolved.index !== selection.index)) {
    // Adjusting state while rendering (React's pattern for derived state): no flash of a stale panel.
    setSelection(resolved ?? { id: null, index: 0 });
  }
  const selectedId = resolved?.id ?? null;
  const selected = resolved ? steps[resolved.index] : null;

  // ----- focus and announcements after list changes -----
  const [focusRequest, setFocusRequest] = useState<{ keys: string[] } | null>(null);
  const [focusTitle, setFocusTitle] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (!focusRequest) return;
    for (const key of focusRequest.keys) {
      const element = rootRef.current?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
      if (element && !(element as HTMLButtonElement).disabled) {
        element.focus();
        element.scrollIntoView({ block: "nearest" });
        return;
      }
    }
  }, [focusRequest]);

  // Deleting asks first. The dialog has no trigger, so focus is put back by hand when it closes.
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);
  const focusBeforeDialog = useRef<HTMLElement | null>(null);
  const requestDelete = (id: string) => {
    focusBeforeDialog.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setPendingDelete(id);
  };
  const cancelDelete = () => {
    const id = pendingDelete;
    const back = focusBeforeDialog.current;
    setPendingDelete(null);
    setTimeout(() => (back?.isConnected ? back.focus() : id && setFocusRequest({ keys: [`row:${id}`] })), 0);
  };

  // ----- derived view data -----
  const numbers = useMemo(() => stepNumbers(steps), [steps]);
  const { nodeIssues, listIssues } = useMemo(() => {
    const ids = new Set(steps.map((s) => s.id));
    const byNode = new Map<string, StructureIssue[]>();
    for (const issue of issues) {
      if (issue.nodeId && ids.has(issue.nodeId)) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    }
    // Issues about no item (or an item no longer in the list) go first, then the per-item ones as links.
    const general = issues.filter((i) => !i.nodeId || !ids.has(i.nodeId));
    return { nodeIssues: byNode, listIssues: [...general, ...issues.filter((i) => i.nodeId && ids.has(i.nodeId))] };
  }, [issues, steps]);

  const rows = useMemo<RowInfo[]>(() => {
    const bodyLength = steps.filter((s) => s.type !== "procedure_end").length;
    const sectionCounts = new Map<string, number>();
    let currentSection: string | null = null;
    for (const item of steps) {
      if (item.type === "section_header") currentSection = item.id;
      else if (item.type === "procedure_step" && currentSection) sectionCounts.set(currentSection, (sectionCounts.get(currentSection) ?? 0) + 1);
    }
    const firstSection = steps.findIndex((s) => s.type === "section_header");
    return steps.map((item, index) => {
      const movable = item.type !== "procedure_end";
      return {
        item,
        number: numbers.get(item.id),
        inSection: firstSection !== -1 && index > firstSection && item.type === "procedure_step",
        stepsInSection: sectionCounts.get(item.id) ?? 0,
        issueCount: nodeIssues.get(item.id)?.length ?? 0,
        canUp: movable && index > 0,
        canDown: movable && index < bodyLength - 1,
      };
    });
  }, [steps, numbers, nodeIssues]);

  const nameOf = useCallback((id: string) => {
    const item = steps.find((s) => s.id === id);
    return item ? itemName(item, numbers.get(item.id)) : null;
  }, [steps, numbers]);
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

  // ----- edits -----
  const commit = (next: ProcedureItem[]) => onChange({ ...value, steps: next });

  const select = (id: string, options: { reveal?: boolean } = {}) => {
    const index = steps.findIndex((s) => s.id === id);
    if (index === -1) return;
    setSelection({ id, index });
    // Below the two-column breakpoint the panel sits under the list: bring it into view.
    if (options.reveal && panelRef.current && window.matchMedia("(max-width: 1023.98px)").matches) {
      const top = panelRef.current.getBoundingClientRect().top;
      if (top > window.innerHeight * 0.6 || top < 0) panelRef.current.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  };

  // "Insert from library": a copy of the library step goes after the selected step (or at the
  // end); the use is counted on the server.
  const [pickerOpen, setPickerOpen] = useState(false);
  const toast = useToast();
  const insertFromLibrary = async (card: LibraryCard) => {
    const selectedIsBodyStep = selected && selected.type !== "procedure_end";
    add(libraryStepToProcedureStep(card), selectedIsBodyStep ? selected.id : null);
    const counted = await recordLibraryStepUse({ stepId: card.id });
    if (!counted.ok) toast({ title: "Inserted, but its use was not counted", description: counted.error, tone: "error" });
  };

  const add = (item: ProcedureItem, afterId: string | null) => {
    const next = insertAfter(steps, afterId, item);
    commit(next);
    setSelection({ id: item.id, index: next.findIndex((s) => s.id === item.id) });
    setFocusTitle((n) => n + 1);
    setAnnouncement(`Added ${item.type === "section_header" ? "a section" : item.type === "procedure_end" ? "the closing step" : "a step"}. Its title field has focus.`);
  };

  const move = (id: string, delta: -1 | 1, focusRow = false) => {
    const next = moveBy(steps, id, delta);
    commit(next);
    const index = next.findIndex((s) => s.id === id);
    const item = next[index];
    const body = next.filter((s) => s.type !== "procedure_end").length;
    // Keep focus on the control that was used (it may now be disabled, at the top or bottom).
    const keys = focusRow ? [] : delta === -1 ? [`up:${id}`, `down:${id}`] : [`down:${id}`, `up:${id}`];
    setFocusRequest({ keys: [...keys, `row:${id}`] });
    setAnnouncement(`${capitalised(itemName(item, stepNumbers(next).get(id)))} moved to position ${index + 1} of ${body}.`);
  };

  const onAction = (action: RowAction, id: string) => {
    switch (action) {
      case "select":
        return select(id, { reveal: true });
      case "up":
        return move(id, -1);
      case "down":
        return move(id, 1);
      case "nudge-up":
        return move(id, -1, true);
      case "nudge-down":
        return move(id, 1, true);
      case "insert-step":
        return add(newStep(tempId()), id);
      case "insert-section":
        return add(newSection(tempId()), id);
      case "duplicate": {
        const copyId = tempId();
        const next = duplicateItem(steps, id, copyId);
        commit(next);
        setSelection({ id: copyId, index: next.findIndex((s) => s.id === copyId) });
        setFocusTitle((n) => n + 1);
        setAnnouncement("Duplicated. The copy is selected and its title field has focus.");
        return;
      }
      case "delete":
        return requestDelete(id);
    }
  };
  const onMove = (from: number, to: number) => commit(moveItem(steps, from, to));
  // Rows are memoised; hand them stable callbacks that always run the latest handlers.
  const latest = useRef({ onAction, onMove });
  useLayoutEffect(() => {
    latest.current = { onAction, onMove };
  });
  const stableAction = useCallback((action: RowAction, id: string) => latest.current.onAction(action, id), []);
  const stableMove = useCallback((from: number, to: number) => latest.current.onMove(from, to), []);

  const confirmDelete = () => {
    const id = pendingDelete;
    setPendingDelete(null);
    if (!id) return;
    const item = steps.find((s) => s.id === id);
    const neighbour = neighbourAfterRemoval(steps, id);
    const next = removeItem(steps, id);
    commit(next);
    if (neighbour) setSelection({ id: neighbour, index: Math.max(0, next.findIndex((s) => s.id === neighbour)) });
    // Radix returns focus to the menu trigger, which is gone; after it is done, focus the neighbour.
    setTimeout(() => setFocusRequest({ keys: neighbour ? [`row:${neighbour}`] : ["add-step"] }), 0);
    if (item) setAnnouncement(`${capitalised(itemName(item, numbers.get(item.id)))} deleted.`);
  };

  const toggleClosingStep = () => {
    const end = steps.find((s) => s.type === "procedure_end");
    if (end) return requestDelete(end.id);
    const id = tempId();
    const next = setClosingStep(steps, true, id);
    commit(next);
    setSelection({ id, index: next.length - 1 });
    setFocusTitle((n) => n + 1);
    setAnnouncement("Added the closing step at the end.");
  };

  const deleting = pendingDelete ? steps.find((s) => s.id === pendingDelete) : undefined;

  return (
    <div ref={rootRef} className="grid items-start gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <section aria-labelledby={headingId} className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 id={headingId} className="text-base font-semibold">
              Steps
            </h2>
            <p className="text-xs text-fg-muted">
              {procedureCountText(procedureCounts(steps))}
            </p>
          </div>
          {!readOnly && (
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" data-focus="add-step" onClick={() => add(newStep(tempId()), null)}>
                <Plus className="h-4 w-4" aria-hidden />
                Add step
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => setPickerOpen(true)}>
                <BookOpen className="h-4 w-4" aria-hidden />
                Insert from library
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => add(newSection(tempId()), null)}>
                <ListPlus className="h-4 w-4" aria-hidden />
                Add section
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={toggleClosingStep}>
                <Flag className="h-4 w-4" aria-hidden />
                {hasEnd(steps) ? "Remove closing step" : "Add closing step"}
              </Button>
            </div>
          )}
        </div>

        <IssueList issues={listIssues} live onSelect={(id) => select(id, { reveal: true })} nameOf={(id) => { const name = nameOf(id); return name && capitalised(name); }} />

        {steps.length === 0 ? (
          <div className="rounded-lg border border-dashed border-border px-4 py-10 text-center">
            <p className="text-sm font-medium">{readOnly ? "This version has no steps." : "No steps yet."}</p>
            {!readOnly && (
              <p className="mt-1 text-sm text-fg-muted">Add a step for each thing the engineer does or checks. Group them with sections, and finish with a closing step.</p>
            )}
          </div>
        ) : (
          <StepList rows={rows} selectedId={selectedId} readOnly={readOnly} onAction={stableAction} onMove={stableMove} />
        )}

        {!readOnly && steps.length > 0 && (
          <button
            type="button"
            onClick={() => add(newStep(tempId()), null)}
            className="flex w-full cursor-pointer items-center justify-center gap-1.5 rounded-md border border-dashed border-border px-3 py-2 text-sm text-fg-muted hover:border-brand-500 hover:text-brand-600 dark:hover:text-brand-400"
          >
            <Plus className="h-4 w-4" aria-hidden />
            Add step at the end
          </button>
        )}
        {!readOnly && steps.length > 1 && (
          <p className="text-xs text-fg-muted">
            Reorder by dragging the grip, or focus the grip and press Space, then the arrow keys, then Space. On a step: Alt+↑/↓ moves it, ↑/↓ goes to the
            previous/next step, Delete deletes it.
          </p>
        )}
      </section>

      <section
        ref={panelRef}
        aria-label={readOnly ? "Step details" : "Edit the selected step"}
        className="min-w-0 scroll-mt-4 rounded-lg border border-border bg-surface p-4 shadow-sm sm:p-5 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"
      >
        {selected ? (
          <>
            <button
              type="button"
              className="mb-3 inline-flex cursor-pointer items-center gap-1 rounded text-xs font-medium text-fg-muted hover:text-fg lg:hidden"
              onClick={() => setFocusRequest({ keys: [`row:${selected.id}`] })}
            >
              <ArrowLeft className="h-3.5 w-3.5" aria-hidden />
              Back to the list
            </button>
            {readOnly ? (
              <ItemView item={selected} number={numbers.get(selected.id)} sectionTitle={sectionOf(steps, selected.id)?.title ?? null} flowVisibility={flowVisibility} />
            ) : (
              <ItemPanel
                item={selected}
                number={numbers.get(selected.id)}
                sectionTitle={sectionOf(steps, selected.id)?.title ?? null}
                stepsInSection={rows.find((r) => r.item.id === selected.id)?.stepsInSection ?? 0}
                issues={nodeIssues.get(selected.id) ?? NO_ISSUES}
                flowVisibility={flowVisibility}
                onChange={(item) => commit(replaceItem(steps, item))}
                onDuplicate={() => onAction("duplicate", selected.id)}
                onDelete={() => requestDelete(selected.id)}
                focusTitleSignal={focusTitle}
              />
            )}
          </>
        ) : (
          <p className="py-8 text-center text-sm text-fg-muted">{readOnly ? "Nothing to show." : "Add a step to start. Its details appear here."}</p>
        )}
      </section>

      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <Dialog
        open={Boolean(deleting)}
        onOpenChange={(open) => !open && cancelDelete()}
        title={deleting ? deleteTitle(deleting, numbers.get(deleting.id)) : "Delete"}
        description={deleting ? deleteDescription(deleting, rows.find((r) => r.item.id === deleting.id)?.stepsInSection ?? 0) : undefined}
      >
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={cancelDelete}>
            Cancel
          </Button>
          <Button type="button" variant="danger" onClick={confirmDelete}>
            {deleting?.type === "procedure_end" ? "Remove" : "Delete"}
          </Button>
        </div>
      </Dialog>
      {!readOnly && <LibraryPicker open={pickerOpen} onOpenChange={setPickerOpen} onPick={insertFromLibrary} title="Insert a step from the library" />}
    </div>
  );
}

function deleteTitle(item: ProcedureItem, number: number | undefined) {
  if (item.type === "section_header") return `Delete section "${item.title.trim() || "untitled"}"?`;
  if (item.type === "procedure_end") return "Remove the closing step?";
  return `Delete step ${number}?`;
}

function deleteDescription(item: ProcedureItem, stepsInSection: number) {
  if (item.type === "section_header") {
    return stepsInSection === 0
      ? "The section has no steps; only its title goes."
      : `Only the section title goes: its ${stepsInSection === 1 ? "step stays" : `${stepsInSection} steps stay`} and join the section above.`;
  }
  if (item.type === "procedure_end") return "Its title and closing text are removed.";
  const commands = item.commands.length === 0 ? "" : item.commands.length === 1 ? " and its command" : ` and its ${item.commands.length} commands`;
  return `"${item.title.trim() || "Untitled"}"${commands} will be removed from the procedure.`;
}
