"use client";
import { ChevronDown, ChevronRight, Flag, TriangleAlert, Unlink } from "@/components/ui/icons";
import { memo, useMemo, type KeyboardEvent, type MouseEvent } from "react";
import { cn } from "@/lib/cn";
import type { TreeNode, TreeStructure } from "@/lib/flows/structure";
import { NodeTypeIcon } from "./node-type";
import type { OutlineRow } from "./tree-ops";

export const rowDomId = (idPrefix: string, key: string) => `${idPrefix}-row-${key}`;

/**
 * The tree as a keyboard-navigable outline (WAI-ARIA tree pattern, flattened, roving tabindex).
 * Arrow keys move and fold; what activating a row does is decided by the editor.
 */
export function TreeOutline({
  idPrefix,
  tree,
  rows,
  focusKey,
  collapsed,
  issueCounts,
  unlinkedCount,
  onMove,
  onToggle,
  onActivate,
  onDelete,
  readOnly = false,
}: {
  idPrefix: string;
  tree: TreeStructure;
  /** Visible rows, in order. */
  rows: OutlineRow[];
  /** The row that holds the tab stop and shows as selected. */
  focusKey: string | null;
  collapsed: ReadonlySet<string>;
  issueCounts: Map<string, number>;
  unlinkedCount: number;
  /** Arrow-key movement onto a row (selection follows). */
  onMove: (row: OutlineRow) => void;
  onToggle: (row: OutlineRow, open: boolean) => void;
  /** Click or Enter. */
  onActivate: (row: OutlineRow, via: "click" | "keyboard") => void;
  /** Delete key on a node row; absent when read-only. */
  onDelete?: (nodeId: string) => void;
  /** Problem rows describe instead of asking for a fix. */
  readOnly?: boolean;
}) {
  // Events are handled once on the list (rows are memoised and carry no handlers), so moving
  // through a 2,000-node outline re-renders only the rows whose look changes.
  const indexByKey = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  const rowOf = (target: EventTarget) => {
    const item = target instanceof Element ? target.closest<HTMLElement>("[role=treeitem]") : null;
    const index = item?.dataset.key !== undefined ? indexByKey.get(item.dataset.key) : undefined;
    return index === undefined ? null : { row: rows[index], index };
  };

  const moveTo = (row: OutlineRow | undefined) => {
    if (!row) return;
    onMove(row);
    document.getElementById(rowDomId(idPrefix, row.key))?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const hit = rowOf(event.target);
    if (!hit) return;
    const { row, index } = hit;
    const open = row.hasChildren && !collapsed.has(row.key);
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        moveTo(rows[index + 1]);
        break;
      case "ArrowUp":
        moveTo(rows[index - 1]);
        break;
      case "Home":
        moveTo(rows[0]);
        break;
      case "End":
        moveTo(rows[rows.length - 1]);
        break;
      case "ArrowRight":
        if (row.hasChildren && !open) onToggle(row, true);
        else if (open) moveTo(rows[index + 1]);
        break;
      case "ArrowLeft":
        if (open) onToggle(row, false);
        else if (row.parentKey) moveTo(rows[indexByKey.get(row.parentKey) ?? -1]);
        break;
      case "Enter":
        onActivate(row, "keyboard");
        break;
      case " ":
        if (row.hasChildren) onToggle(row, !open);
        else onActivate(row, "keyboard");
        break;
      case "Delete":
        if (onDelete && row.kind === "node" && row.nodeId) onDelete(row.nodeId);
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLUListElement>) => {
    const hit = rowOf(event.target);
    if (!hit) return;
    const onChevron = event.target instanceof Element && event.target.closest("[data-toggle]");
    if (onChevron && hit.row.hasChildren) onToggle(hit.row, collapsed.has(hit.row.key));
    else onActivate(hit.row, "click");
  };

  return (
    // The handlers only catch events bubbling up from the treeitems, which hold focus themselves.
    <ul role="tree" aria-label="Flow outline" className="py-1 text-sm" onKeyDown={onKeyDown} onClick={onClick}>
      {rows.map((row) => (
        <OutlineItem
          key={row.key}
          idPrefix={idPrefix}
          row={row}
          node={row.nodeId ? tree.nodes[row.nodeId] : undefined}
          isRoot={row.nodeId !== null && row.nodeId === tree.rootId}
          selected={row.key === focusKey}
          open={row.hasChildren && !collapsed.has(row.key)}
          issueCount={row.kind === "node" && row.nodeId ? (issueCounts.get(row.nodeId) ?? 0) : 0}
          unlinkedCount={row.kind === "group" ? unlinkedCount : 0}
          readOnly={readOnly}
        />
      ))}
    </ul>
  );
}

type ItemProps = {
  idPrefix: string;
  row: OutlineRow;
  node: TreeNode | undefined;
  isRoot: boolean;
  selected: boolean;
  open: boolean;
  issueCount: number;
  unlinkedCount: number;
  readOnly: boolean;
};

// Rows are rebuilt on every edit, so compare them by content, not identity.
const sameRow = (a: OutlineRow, b: OutlineRow) => (Object.keys(a) as (keyof OutlineRow)[]).every((k) => a[k] === b[k]);

const OutlineItem = memo(
  function OutlineItem({ idPrefix, row, node, isRoot, selected, open, issueCount, unlinkedCount, readOnly }: ItemProps) {
    const Chevron = open ? ChevronDown : ChevronRight;
    return (
      <li
        id={rowDomId(idPrefix, row.key)}
        data-key={row.key}
        role="treeitem"
        aria-level={row.depth + 1}
        aria-posinset={row.posInSet}
        aria-setsize={row.setSize}
        aria-expanded={row.hasChildren ? open : undefined}
        aria-selected={selected}
        tabIndex={selected ? 0 : -1}
        className={cn(
          "relative flex cursor-pointer items-start gap-1.5 py-1.5 pr-2 text-sm leading-5 outline-offset-[-2px] select-none",
          selected ? "bg-brand-50 dark:bg-brand-700/25" : "hover:bg-muted",
        )}
        style={{ paddingLeft: `${0.375 + row.depth * 1.125}rem` }}
      >
        {selected && <span className="absolute inset-y-0 left-0 w-0.5 bg-brand-600" aria-hidden />}
        {row.hasChildren ? (
          <span data-toggle aria-hidden className="-my-px shrink-0 rounded p-0.5 text-fg-muted hover:bg-border/60">
            <Chevron className="h-4 w-4" />
          </span>
        ) : (
          <span className="w-5 shrink-0" aria-hidden />
        )}
        {row.fromId && <EdgeLabel label={row.edgeLabel} />}
        <RowBody row={row} node={node} isRoot={isRoot} readOnly={readOnly} issueCount={issueCount} unlinkedCount={unlinkedCount} />
      </li>
    );
  },
  (a, b) =>
    a.selected === b.selected && a.open === b.open && a.node === b.node && a.isRoot === b.isRoot && a.issueCount === b.issueCount &&
    a.unlinkedCount === b.unlinkedCount && a.readOnly === b.readOnly && a.idPrefix === b.idPrefix && sameRow(a.row, b.row),
);

function EdgeLabel({ label }: { label: string | null }) {
  return label === null ? (
    <span className="shrink-0 text-xs leading-5 italic text-fg-muted">then</span>
  ) : (
    <span className="max-w-[9rem] shrink-0 rounded border border-border bg-surface px-1.5 text-xs leading-[1.125rem] break-words text-fg-muted">
      {label.trim() || "(no label)"}
      <span className="sr-only">:</span>
    </span>
  );
}

function RowBody({ row, node, isRoot, readOnly, issueCount, unlinkedCount }: { row: OutlineRow; node: TreeNode | undefined; isRoot: boolean; readOnly: boolean; issueCount: number; unlinkedCount: number }) {
  if (row.kind === "group") {
    return (
      <span className="flex min-w-0 items-start gap-1.5 font-medium text-fg-muted">
        <Unlink className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden />
        Unlinked nodes
        <span className="rounded-full bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">{unlinkedCount}</span>
      </span>
    );
  }
  if (row.kind === "open") {
    return <span className="min-w-0 break-words italic text-fg-muted">{readOnly ? "not linked" : "not linked yet — choose a target"}</span>;
  }
  if (row.kind === "dangling") {
    return (
      <span className="flex min-w-0 items-start gap-1 font-medium text-red-700 dark:text-red-300">
        <TriangleAlert className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
        <span className="min-w-0 break-words">{readOnly ? "points at a deleted node" : "points at a deleted node — choose a target"}</span>
      </span>
    );
  }
  if (!node) return null;
  if (row.kind === "link") {
    return (
      <span className="flex min-w-0 items-start gap-1 text-fg-muted">
        <span aria-hidden>↪</span>
        <span className="shrink-0">go to</span>
        <NodeTypeIcon type={node.type} className="mt-0.5 h-3.5 w-3.5" />
        <span className="min-w-0 break-words underline decoration-dotted underline-offset-2">{node.title}</span>
      </span>
    );
  }
  return (
    <>
      <NodeTypeIcon type={node.type} className="mt-0.5" />
      <span className={cn("min-w-0 flex-1 break-words", row.depth === 0 && "font-medium")}>{node.title.trim() || <span className="text-fg-muted">(untitled)</span>}</span>
      {isRoot && (
        <span className="inline-flex shrink-0 items-center gap-0.5 rounded-full bg-brand-100 px-1.5 text-xs font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100">
          <Flag className="h-3 w-3" aria-hidden /> Start
        </span>
      )}
      {issueCount > 0 && (
        <span className="inline-flex shrink-0 items-center gap-0.5 rounded-full bg-red-600 px-1.5 text-xs font-semibold leading-5 text-white" title={`${issueCount} ${issueCount === 1 ? "problem" : "problems"}`}>
          <TriangleAlert className="h-3 w-3" aria-hidden />
          <span aria-hidden>{issueCount}</span>
          <span className="sr-only">, {issueCount} {issueCount === 1 ? "problem" : "problems"}</span>
        </span>
      )}
    </>
  );
}
