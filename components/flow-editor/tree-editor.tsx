"use client";
// Visual editor for troubleshooting flows (SPEC §3.1, §3.4): an outline of the decision tree on
// one side, the selected node's fields on the other. Controlled: the parent owns the structure,
// saving and validation; `value` may be replaced at any time (after a save the server's copy
// arrives with real UUIDs), so selection and folding are re-found by position when ids change.
import { ChevronsDownUp, ChevronsUpDown } from "@/components/ui/icons";
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ProblemBox, problemLinkClass } from "@/components/flow-editor/problem-box";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { TREE_NODE_TYPES, type StructureIssue, type TreeNodeType, type TreeStructure } from "@/lib/flows/structure";
import { tempId } from "@/lib/flows/temp-id";
import { NodePanel } from "./tree/node-panel";
import { NODE_TYPES, NodeTypeIcon } from "./tree/node-type";
import { rowDomId, TreeOutline } from "./tree/tree-outline";
import {
  addNode,
  ancestorKeys,
  buildOutline,
  changeNodeType,
  deleteNode,
  groupIssues,
  incomingLinks,
  linksLostByTypeChange,
  locate,
  nodeAt,
  nodeRowKey,
  nodesInOrder,
  setRoot,
  UNLINKED_GROUP_KEY,
  visibleRows,
  type Outline,
  type OutlineRow,
} from "./tree/tree-ops";

export type TreeEditorProps = {
  value: TreeStructure;
  onChange: (next: TreeStructure) => void;
  /** Structure issues (client-side validation plus the server's); those with a nodeId show on that node. */
  issues: StructureIssue[];
  /** Same outline, panel without inputs (e.g. an old version). */
  readOnly?: boolean;
};

const NODE_ISSUES_SHOWN = 5;

const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label.toLowerCase()}`;

function firstSelection(tree: TreeStructure): string | null {
  if (tree.nodes[tree.rootId]) return tree.rootId;
  return nodesInOrder(buildOutline(tree))[0] ?? null;
}

/** The node a row stands for in the side panel. */
function rowSelection(row: OutlineRow): string | null {
  if (row.kind === "node" || row.kind === "link") return row.nodeId;
  if (row.kind === "open" || row.kind === "dangling") return row.fromId;
  return null;
}

export function TreeEditor({ value, onChange, issues, readOnly = false }: TreeEditorProps) {
  const idPrefix = useId();
  const panelPrefix = `${idPrefix}-panel`;
  const outline = useMemo(() => buildOutline(value), [value]);

  const [selectedId, setSelectedId] = useState<string | null>(() => firstSelection(value));
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [deleteId, setDeleteId] = useState<string | null>(null);
  const [typeChange, setTypeChange] = useState<{ id: string; type: TreeNodeType } | null>(null);
  const [showAllIssues, setShowAllIssues] = useState(false);

  // When `value` is replaced (a save swaps temporary ids for UUIDs), find the selected and folded
  // nodes again by their position from the start node; otherwise fall back to the start node.
  const [previous, setPrevious] = useState(value);
  if (previous !== value) {
    setPrevious(value);
    let before: Outline | null = null;
    const refind = (id: string) => {
      if (value.nodes[id]) return id;
      before ??= buildOutline(previous);
      const slots = locate(before, id);
      return slots ? nodeAt(value, slots) : null;
    };
    if (selectedId !== null ? !value.nodes[selectedId] : Object.keys(previous.nodes).length === 0) {
      setSelectedId((selectedId && refind(selectedId)) ?? firstSelection(value));
    }
    if ([...collapsed].some((key) => key.startsWith("node:") && !value.nodes[key.slice(5)])) {
      const next = new Set<string>();
      for (const key of collapsed) {
        const id = key.startsWith("node:") ? refind(key.slice(5)) : null;
        if (!key.startsWith("node:")) next.add(key);
        else if (id) next.add(nodeRowKey(id));
      }
      setCollapsed(next);
    }
  }

  const selected = selectedId && value.nodes[selectedId] ? selectedId : null;
  const visible = useMemo(() => visibleRows(outline.rows, collapsed), [outline, collapsed]);
  const { byNode, general } = useMemo(() => groupIssues(value, issues), [value, issues]);
  const issueCounts = useMemo(() => new Map([...byNode].map(([id, list]) => [id, list.length])), [byNode]);
  const nodeIssueList = useMemo(() => [...byNode].flatMap(([id, list]) => list.map((issue) => ({ id, issue }))), [byNode]);
  const options = useMemo(
    () => nodesInOrder(outline).map((id) => ({ id, title: value.nodes[id].title, type: value.nodes[id].type })),
    [outline, value],
  );

  // The row holding the tab stop: the row last moved to if it still stands for the selection,
  // else the selected node's row, else its nearest visible ancestor.
  const focusKey = useMemo(() => {
    const visibleKeys = new Set(visible.map((r) => r.key));
    const active = activeKey ? visible.find((r) => r.key === activeKey) : undefined;
    if (active && rowSelection(active) === selected) return active.key;
    if (selected) {
      const own = nodeRowKey(selected);
      if (visibleKeys.has(own)) return own;
      const ancestor = ancestorKeys(outline.rows, own).find((key) => visibleKeys.has(key));
      if (ancestor) return ancestor;
    }
    if (active && selected === null) return active.key;
    return visible[0]?.key ?? null;
  }, [visible, activeKey, selected, outline]);

  // Focus moves requested by handlers run a frame later: by then React has rendered the row or
  // field they name (updates from clicks and keys commit synchronously), and a closing dialog's
  // own focus restore has already happened.
  const focusSoon = (domId: string) => requestAnimationFrame(() => document.getElementById(domId)?.focus());

  // Our dialogs open without a Radix trigger, so focus is handed back by hand when they close.
  const returnFocus = useRef<HTMLElement | null>(null);
  const openDialog = (open: () => void) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    open();
  };
  const closeDialog = (close: () => void) => {
    close();
    const element = returnFocus.current;
    returnFocus.current = null;
    requestAnimationFrame(() => {
      if (element?.isConnected) element.focus();
      else focusActiveRow();
    });
  };

  const reveal = (key: string) => {
    const hidden = ancestorKeys(outline.rows, key).filter((k) => collapsed.has(k));
    if (hidden.length) setCollapsed((current) => new Set([...current].filter((k) => !hidden.includes(k))));
  };

  /** Selects a node (from anywhere) and unfolds the outline down to it. */
  const selectNode = (id: string, focus: "row" | "panel" | null = null) => {
    const key = nodeRowKey(id);
    setSelectedId(id);
    setActiveKey(key);
    reveal(key);
    if (focus === "row") focusSoon(rowDomId(idPrefix, key));
    if (focus === "panel") focusSoon(readOnly ? `${panelPrefix}-heading` : `${panelPrefix}-title`);
  };

  const focusActiveRow = () => {
    if (focusKey) document.getElementById(rowDomId(idPrefix, focusKey))?.focus();
  };

  const toggle = (row: OutlineRow, open: boolean) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (open) next.delete(row.key);
      else next.add(row.key);
      return next;
    });
  };

  const activate = (row: OutlineRow, via: "click" | "keyboard") => {
    if (row.kind === "node" && row.nodeId) {
      selectNode(row.nodeId, via === "keyboard" ? "panel" : null);
    } else if (row.kind === "link" && row.nodeId) {
      selectNode(row.nodeId, "row");
    } else if ((row.kind === "open" || row.kind === "dangling") && row.fromId) {
      setSelectedId(row.fromId);
      setActiveKey(row.key);
      focusSoon(
        readOnly ? `${panelPrefix}-heading`
        : row.answerIndex === null ? `${panelPrefix}-next`
        : `${panelPrefix}-answers-${row.answerIndex}-target`,
      );
    } else if (row.kind === "group") {
      setSelectedId(null);
      setActiveKey(row.key);
      if (via === "keyboard") toggle(row, collapsed.has(row.key));
    }
  };

  const addFirstNode = (type: TreeNodeType) => {
    const { tree, id } = addNode(value, type, tempId);
    onChange(tree);
    selectNode(id, "panel");
  };

  const confirmDelete = () => {
    if (!deleteId) return;
    const next = deleteNode(value, deleteId);
    const parent = incomingLinks(value, deleteId).find((l) => l.from !== deleteId)?.from;
    const land = parent ?? (next.nodes[next.rootId] ? next.rootId : (nodesInOrder(buildOutline(next))[0] ?? null));
    onChange(next);
    setDeleteId(null);
    returnFocus.current = null;
    if (land) selectNode(land, "row");
    else setSelectedId(null);
  };

  const requestType = (type: TreeNodeType) => {
    if (!selected || value.nodes[selected].type === type) return;
    if (linksLostByTypeChange(value.nodes[selected], type) > 0) openDialog(() => setTypeChange({ id: selected, type }));
    else onChange(changeNodeType(value, selected, type, tempId));
  };

  const collapseAll = () => setCollapsed(new Set(outline.rows.filter((r) => r.kind === "node" && r.hasChildren && r.depth > 0).map((r) => r.key)));

  const onPanelKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Escape from a field returns to the outline (dialogs handle their own Escape in a portal).
    if (event.key === "Escape" && !event.defaultPrevented && !(event.target instanceof HTMLSelectElement)) {
      event.preventDefault();
      focusActiveRow();
    }
  };

  const nodeCount = Object.keys(value.nodes).length;
  const deleting = deleteId ? value.nodes[deleteId] : undefined;
  const deletingLinks = deleteId ? incomingLinks(value, deleteId).filter((l) => l.from !== deleteId).length : 0;
  const retyping = typeChange ? value.nodes[typeChange.id] : undefined;
  const shownNodeIssues = showAllIssues ? nodeIssueList : nodeIssueList.slice(0, NODE_ISSUES_SHOWN);

  return (
    <div className="space-y-4">
      {(general.length > 0 || nodeIssueList.length > 0) && (
        <ProblemBox
          role="region"
          aria-label="Problems in this flow"
          title={`${general.length + nodeIssueList.length === 1 ? "1 problem" : `${general.length + nodeIssueList.length} problems`}${readOnly ? " in this version" : " to fix before publishing"}`}
          footer={
            nodeIssueList.length > NODE_ISSUES_SHOWN && (
              <button type="button" className="mt-1.5 pl-5 font-medium underline underline-offset-2" aria-expanded={showAllIssues} onClick={() => setShowAllIssues((s) => !s)}>
                {showAllIssues ? "Show fewer" : `Show all ${nodeIssueList.length}`}
              </button>
            )
          }
        >
          {general.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
          ))}
          {shownNodeIssues.map(({ id, issue }) => (
            <li key={`${id}:${issue.path}:${issue.message}`}>
              <button type="button" className={`${problemLinkClass} inline-flex items-start gap-1`} onClick={() => selectNode(id, "row")}>
                <NodeTypeIcon type={value.nodes[id].type} className="mt-0.5 h-3.5 w-3.5" />
                {issue.message}
              </button>
            </li>
          ))}
        </ProblemBox>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(20rem,2fr)_minmax(0,3fr)] lg:items-start">
        <Card className="min-w-0">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2.5">
            <h2 className="text-sm font-semibold">
              Outline <span className="font-normal text-fg-muted">· {nodeCount} {nodeCount === 1 ? "node" : "nodes"}</span>
            </h2>
            {outline.rows.some((r) => r.hasChildren && r.depth > 0) && (
              <div className="flex gap-1">
                <Button type="button" variant="ghost" size="sm" onClick={() => setCollapsed(new Set())}>
                  <ChevronsUpDown className="h-4 w-4" aria-hidden /> Expand all
                </Button>
                <Button type="button" variant="ghost" size="sm" onClick={collapseAll}>
                  <ChevronsDownUp className="h-4 w-4" aria-hidden /> Collapse all
                </Button>
              </div>
            )}
          </div>
          {nodeCount === 0 ? (
            <EmptyTree readOnly={readOnly} onAdd={addFirstNode} />
          ) : (
            <div className="max-h-[60vh] overflow-auto lg:max-h-[calc(100vh-12rem)]">
              {!value.nodes[value.rootId] && (
                <p className="mx-3 mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
                  No start node. Select a node and choose “Set as start node”.
                </p>
              )}
              <TreeOutline
                idPrefix={idPrefix}
                tree={value}
                rows={visible}
                focusKey={focusKey}
                collapsed={collapsed}
                issueCounts={issueCounts}
                unlinkedCount={nodeCount - outline.reachable.size}
                onMove={(row) => {
                  setActiveKey(row.key);
                  setSelectedId(rowSelection(row));
                }}
                onToggle={toggle}
                onActivate={activate}
                onDelete={readOnly ? undefined : (id) => openDialog(() => setDeleteId(id))}
                readOnly={readOnly}
              />
            </div>
          )}
        </Card>

        <Card className="min-w-0 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-auto">
          <section aria-label="Selected node" className="p-4 sm:p-5" onKeyDown={onPanelKeyDown}>
            {selected ? (
              <NodePanel
                idPrefix={panelPrefix}
                tree={value}
                outline={outline}
                nodeId={selected}
                issues={byNode.get(selected) ?? []}
                options={options}
                readOnly={readOnly}
                onChange={onChange}
                onSelect={(id) => selectNode(id)}
                onRequestDelete={() => openDialog(() => setDeleteId(selected))}
                onRequestType={requestType}
                onSetRoot={() => onChange(setRoot(value, selected))}
              />
            ) : activeKey === UNLINKED_GROUP_KEY && nodeCount > 0 ? (
              <p className="text-sm text-fg-muted">
                Unlinked nodes cannot be reached from the start node.
                {!readOnly && " Link to one from an answer (its “leads to” list), make one the start node, or delete the ones you no longer need."}
              </p>
            ) : (
              <p className="text-sm text-fg-muted">
                {nodeCount === 0 ? (readOnly ? "This flow has no nodes." : "Add the first node to start building the flow.") : "Select a node in the outline to see its details."}
              </p>
            )}
          </section>
        </Card>
      </div>

      <Dialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && closeDialog(() => setDeleteId(null))}
        title={`Delete “${deleting?.title ?? ""}”?`}
        description={
          deletingLinks > 0
            ? `${deletingLinks === 1 ? "1 answer leads" : `${deletingLinks} answers lead`} here. ${deletingLinks === 1 ? "It" : "They"} will show in red until you choose a new target.`
            : "Nothing links to this node."
        }
      >
        <div className="space-y-4 text-sm">
          {deleteId === value.rootId && <p>This is the start node: choose another start node afterwards.</p>}
          <p className="text-fg-muted">Nodes it leads to are kept; any that nothing else reaches move to “Unlinked nodes”.</p>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => closeDialog(() => setDeleteId(null))}>Cancel</Button>
            <Button type="button" variant="danger" onClick={confirmDelete}>Delete node</Button>
          </div>
        </div>
      </Dialog>

      <Dialog
        open={retyping !== undefined}
        onOpenChange={(open) => !open && closeDialog(() => setTypeChange(null))}
        title={`Make “${retyping?.title ?? ""}” ${typeChange ? withArticle(NODE_TYPES[typeChange.type].label) : ""}?`}
        description="A solution or escalation ends the flow, so this node's answers and their links will be removed. The nodes they lead to are kept."
      >
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => closeDialog(() => setTypeChange(null))}>Cancel</Button>
          <Button
            type="button"
            onClick={() => {
              if (typeChange) onChange(changeNodeType(value, typeChange.id, typeChange.type, tempId));
              closeDialog(() => setTypeChange(null));
            }}
          >
            Change type
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function EmptyTree({ readOnly, onAdd }: { readOnly: boolean; onAdd: (type: TreeNodeType) => void }) {
  if (readOnly) return <p className="px-4 py-8 text-center text-sm text-fg-muted">This flow has no nodes.</p>;
  return (
    <div className="px-4 py-8 text-center">
      <p className="text-sm font-medium">No nodes yet</p>
      <p className="mt-1 text-sm text-fg-muted">Add the start node. Most flows start with a question.</p>
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        {TREE_NODE_TYPES.map((type) => (
          <Button key={type} type="button" variant={type === "question" ? "primary" : "secondary"} size="sm" onClick={() => onAdd(type)}>
            {type !== "question" && <NodeTypeIcon type={type} />}
            Start with {withArticle(NODE_TYPES[type].label)}
          </Button>
        ))}
      </div>
    </div>
  );
}
