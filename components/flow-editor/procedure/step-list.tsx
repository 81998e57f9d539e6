"use client";
// The procedure as an ordered list: sections as group titles, numbered steps, the closing step
// last. Reorder by dragging the grip, by keyboard on the grip (dnd-kit: Space, arrows, Space), or
// with the Move up / Move down buttons (also Alt+↑ / Alt+↓ on a row).
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type Modifier,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { AlertCircle, ArrowDown, ArrowUp, Copy, Flag, GripVertical, Layers, ListPlus, MoreHorizontal, Plus, Terminal, Trash2 } from "@/components/ui/icons";
import { DropdownMenu } from "radix-ui";
import { memo, useId, useMemo, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { ProcedureItem } from "@/lib/flows/structure";
import { CONTENT_TYPE_META, itemName } from "./labels";

/** "nudge-*" are moves made with Alt+arrows on the row itself: focus stays on the row. */
export type RowAction = "select" | "up" | "down" | "nudge-up" | "nudge-down" | "insert-step" | "insert-section" | "duplicate" | "delete";

export type RowInfo = {
  item: ProcedureItem;
  number: number | undefined;
  inSection: boolean;
  /** For a section: how many steps it groups. */
  stepsInSection: number;
  issueCount: number;
  canUp: boolean;
  canDown: boolean;
};

/** The ids of the movable rows as one string: unchanged while only step content changes. */
const sortableKey = (rows: RowInfo[]) =>
  rows
    .filter((r) => r.item.type !== "procedure_end")
    .map((r) => r.item.id)
    .join("\n");

const lockToVerticalAxis: Modifier = ({ transform }) => ({ ...transform, x: 0 });

export function StepList({
  rows,
  selectedId,
  readOnly,
  onAction,
  onMove,
}: {
  rows: RowInfo[];
  selectedId: string | null;
  readOnly: boolean;
  /** Must be stable (rows are memoised). */
  onAction: (action: RowAction, id: string) => void;
  onMove: (from: number, to: number) => void;
}) {
  const dndId = useId();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const body = rows.filter((r) => r.item.type !== "procedure_end");
  // Normally one closing step; a bad import may hold more, and all of them must stay visible.
  const ends = rows.filter((r) => r.item.type === "procedure_end");
  const idsKey = sortableKey(rows);
  // Stable while only the content of steps changes, so typing does not re-render every sortable.
  const sortableIds = useMemo(() => (idsKey ? idsKey.split("\n") : []), [idsKey]);

  const nameOf = (id: UniqueIdentifier) => {
    const row = rows.find((r) => r.item.id === id);
    return row ? itemName(row.item, row.number) : "item";
  };
  const positionOf = (id: UniqueIdentifier) => `position ${sortableIds.indexOf(String(id)) + 1} of ${sortableIds.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, at ${positionOf(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} moved to ${positionOf(over.id)}.` : `${nameOf(active.id)} is no longer over the list.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${nameOf(active.id)} at ${positionOf(over.id)}.` : `Dropped ${nameOf(active.id)}; its place did not change.`),
    onDragCancel: ({ active }) => `Reordering cancelled. ${nameOf(active.id)} is back at ${positionOf(active.id)}.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = sortableIds.indexOf(String(active.id));
    const to = sortableIds.indexOf(String(over.id));
    if (from !== -1 && to !== -1) onMove(from, to);
  };

  const list = (
    <ol className="space-y-1.5" aria-label="Steps of the procedure">
      {body.map((row) =>
        readOnly ? (
          <Row key={row.item.id} {...row} selected={row.item.id === selectedId} readOnly onAction={onAction} />
        ) : (
          <SortableRow key={row.item.id} {...row} selected={row.item.id === selectedId} onAction={onAction} />
        ),
      )}
      {ends.map((end) => (
        <Row key={end.item.id} {...end} selected={end.item.id === selectedId} readOnly={readOnly} onAction={onAction} />
      ))}
    </ol>
  );
  if (readOnly) return list;
  return (
    <DndContext
      id={dndId}
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={[lockToVerticalAxis]}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: "To reorder, press Space to pick this item up. Use the up and down arrow keys to move it, Space to drop it, or Escape to cancel.",
        },
      }}
    >
      <SortableContext items={sortableIds} strategy={verticalListSortingStrategy}>
        {list}
      </SortableContext>
    </DndContext>
  );
}

// Flat props so memo() can skip rows whose item did not change while another step is edited.
type RowProps = RowInfo & { selected: boolean; readOnly?: boolean; onAction: (action: RowAction, id: string) => void };

const SortableRow = memo(function SortableRow(props: RowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: props.item.id });
  const name = itemName(props.item, props.number);
  return (
    <Row
      {...props}
      liRef={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      dragging={isDragging}
      handle={
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={`Reorder ${name}`}
          className="flex h-8 w-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-fg-muted hover:bg-muted hover:text-fg active:cursor-grabbing"
        >
          <GripVertical className="h-4 w-4" aria-hidden />
        </button>
      }
    />
  );
});

const Row = memo(function Row({
  item,
  number,
  inSection,
  stepsInSection,
  issueCount,
  canUp,
  canDown,
  selected,
  readOnly,
  onAction,
  liRef,
  style,
  dragging,
  handle,
}: RowProps & { liRef?: (element: HTMLLIElement | null) => void; style?: CSSProperties; dragging?: boolean; handle?: ReactNode }) {
  const id = item.id;
  const name = itemName(item, number);
  const isSection = item.type === "section_header";
  const isEnd = item.type === "procedure_end";

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const rows = [...(event.currentTarget.closest("ol")?.querySelectorAll<HTMLElement>("[data-row-select]") ?? [])];
    const index = rows.indexOf(event.currentTarget);
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      if (readOnly) return;
      if (event.key === "ArrowUp" ? canUp : canDown) onAction(event.key === "ArrowUp" ? "nudge-up" : "nudge-down", id);
      return;
    }
    const target =
      event.key === "ArrowDown" ? rows[index + 1] : event.key === "ArrowUp" ? rows[index - 1] : event.key === "Home" ? rows[0] : event.key === "End" ? rows.at(-1) : undefined;
    if (target) {
      event.preventDefault();
      target.focus();
      return;
    }
    if (!readOnly && event.key === "Delete") {
      event.preventDefault();
      onAction("delete", id);
    }
  };

  return (
    <li ref={liRef} style={style} className={cn("relative", inSection && "ml-4 sm:ml-6", dragging && "z-10")}>
      <div
        className={cn(
          "flex items-center gap-1 rounded-md border px-1.5 py-1 transition-colors",
          isSection ? "border-transparent bg-muted" : "border-border bg-surface",
          isEnd && "border-dashed",
          selected && "border-brand-500 bg-brand-50 ring-1 ring-brand-500 dark:bg-brand-700/20",
          !selected && !isSection && "hover:bg-muted/50",
          dragging && "shadow-lg ring-2 ring-brand-500",
        )}
      >
        {handle ?? (!readOnly && <span className="w-6 shrink-0" aria-hidden />)}
        <button
          type="button"
          data-row-select
          data-focus={`row:${id}`}
          aria-current={selected ? "true" : undefined}
          aria-keyshortcuts={readOnly ? undefined : "Alt+ArrowUp Alt+ArrowDown Delete"}
          onClick={() => onAction("select", id)}
          onKeyDown={onKeyDown}
          className="flex min-w-0 flex-1 cursor-pointer items-center gap-2.5 rounded px-1 py-1 text-left"
        >
          <RowMarker item={item} number={number} />
          <span className="min-w-0 flex-1">
            <span className={cn("block break-words", isSection ? "text-sm font-semibold" : "text-sm font-medium", !item.title.trim() && "italic text-fg-muted")}>
              {item.title.trim() || (isEnd ? "Done" : "Untitled")}
            </span>
            <span className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-fg-muted">
              {item.type === "procedure_step" && (
                <>
                  <Badge tone={CONTENT_TYPE_META[item.contentType].tone} className="py-0">
                    {CONTENT_TYPE_META[item.contentType].label}
                  </Badge>
                  {item.commands.length > 0 && (
                    <span className="inline-flex items-center gap-1">
                      <Terminal className="h-3 w-3" aria-hidden />
                      {item.commands.length} {item.commands.length === 1 ? "command" : "commands"}
                    </span>
                  )}
                </>
              )}
              {isSection && <span>Section · {stepsInSection === 1 ? "1 step" : `${stepsInSection} steps`}</span>}
              {isEnd && <span>Closing step</span>}
              {issueCount > 0 && (
                <span className="inline-flex items-center gap-1 font-medium text-red-700 dark:text-red-300">
                  <AlertCircle className="h-3.5 w-3.5" aria-hidden />
                  {issueCount === 1 ? "1 issue" : `${issueCount} issues`}
                </span>
              )}
            </span>
          </span>
        </button>
        {!readOnly && (
          <div className="flex shrink-0 items-center">
            {!isEnd && (
              <>
                <Button type="button" variant="ghost" size="icon" className="h-8 w-8" aria-label={`Move ${name} up`} data-focus={`up:${id}`} disabled={!canUp} onClick={() => onAction("up", id)}>
                  <ArrowUp className="h-4 w-4" aria-hidden />
                </Button>
                <Button type="button" variant="ghost" size="icon" className="h-8 w-8" aria-label={`Move ${name} down`} data-focus={`down:${id}`} disabled={!canDown} onClick={() => onAction("down", id)}>
                  <ArrowDown className="h-4 w-4" aria-hidden />
                </Button>
              </>
            )}
            <RowMenu name={name} kind={item.type} onAction={(action) => onAction(action, id)} />
          </div>
        )}
      </div>
    </li>
  );
});

function RowMarker({ item, number }: { item: ProcedureItem; number: number | undefined }) {
  const base = "flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold";
  if (item.type === "section_header") return <span className={cn(base, "bg-surface text-fg-muted")} aria-hidden><Layers className="h-4 w-4" /></span>;
  if (item.type === "procedure_end") return <span className={cn(base, "bg-muted text-fg-muted")} aria-hidden><Flag className="h-4 w-4" /></span>;
  return (
    <span className={cn(base, "bg-muted tabular-nums text-fg")}>
      <span className="sr-only">Step </span>
      {number}
    </span>
  );
}

const menuItem =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-muted data-[disabled]:pointer-events-none data-[disabled]:opacity-50";

function RowMenu({ name, kind, onAction }: { name: string; kind: ProcedureItem["type"]; onAction: (action: "insert-step" | "insert-section" | "duplicate" | "delete") => void }) {
  const isEnd = kind === "procedure_end";
  return (
    // Not modal: a modal menu that opens the delete dialog leaves the page unclickable (radix).
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button type="button" variant="ghost" size="icon" className="h-8 w-8" aria-label={`More actions for ${name}`}>
          <MoreHorizontal className="h-4 w-4" aria-hidden />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-52 rounded-md border border-border bg-surface p-1 text-fg shadow-lg">
          <DropdownMenu.Item className={menuItem} onSelect={() => onAction("insert-step")}>
            <Plus className="h-4 w-4" aria-hidden />
            {isEnd ? "Add step before closing step" : "Insert step after"}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={menuItem} onSelect={() => onAction("insert-section")}>
            <ListPlus className="h-4 w-4" aria-hidden />
            {isEnd ? "Add section before closing step" : "Insert section after"}
          </DropdownMenu.Item>
          {!isEnd && (
            <DropdownMenu.Item className={menuItem} onSelect={() => onAction("duplicate")}>
              <Copy className="h-4 w-4" aria-hidden />
              Duplicate
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item className={cn(menuItem, "text-red-700 dark:text-red-300")} onSelect={() => onAction("delete")}>
            <Trash2 className="h-4 w-4" aria-hidden />
            {isEnd ? "Remove closing step…" : "Delete…"}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
