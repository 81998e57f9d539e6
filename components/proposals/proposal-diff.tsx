// The visual diff of a proposal: every node of the proposed structure in walk order, marked
// Added / Changed / Unchanged, then the removed ones. Each mark is a text label AND a colour
// (and a left border), so it reads without colour and in dark mode.
import { cn } from "@/lib/cn";
import type { FlowStructure, TreeNode } from "@/lib/flows/structure";
import type { ProposalDiff } from "@/lib/proposals/diff";

type Mark = "added" | "changed" | "removed" | "same";
const MARKS: Record<Mark, { label: string; box: string; tag: string }> = {
  added: { label: "Added", box: "border-l-emerald-500 bg-emerald-50 dark:bg-emerald-950/40", tag: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100" },
  changed: { label: "Changed", box: "border-l-amber-500 bg-amber-50 dark:bg-amber-950/40", tag: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100" },
  removed: { label: "Removed", box: "border-l-red-500 bg-red-50 dark:bg-red-950/40", tag: "bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100" },
  same: { label: "Unchanged", box: "border-l-border bg-surface", tag: "bg-muted text-fg-muted" },
};
const NODE_TYPES: Record<string, string> = {
  question: "Question", action: "Step", solution: "Solution", escalation: "Escalation",
  procedure_step: "Step", section_header: "Section", procedure_end: "End",
};

type Row = { id: string; type: string; title: string; detail: string[] };

/** Tree nodes from the start node, breadth first (unreachable ones last); procedure steps in order. */
function rowsOf(structure: FlowStructure): Row[] {
  if ("steps" in structure) return structure.steps.map((s) => ({ id: s.id, type: s.type, title: s.title, detail: [] }));
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = structure.nodes[structure.rootId] ? [structure.rootId] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    const node = structure.nodes[id];
    const next = node.type === "question" || node.type === "action" ? [...node.answers.map((a) => a.next), node.type === "action" ? node.next : null] : [];
    for (const n of next) if (n && structure.nodes[n] && !seen.has(n)) queue.push(n);
  }
  for (const id of Object.keys(structure.nodes)) if (!seen.has(id)) order.push(id);
  return order.map((id) => {
    const node: TreeNode = structure.nodes[id];
    const detail = node.type === "question" ? node.answers.map((a) => `Answer: ${a.label}${a.next && structure.nodes[a.next] ? ` → ${structure.nodes[a.next].title}` : ""}`) : [];
    return { id, type: node.type, title: node.title, detail };
  });
}

export function ProposalDiffView({ structure, diff }: { structure: FlowStructure | null; diff: ProposalDiff }) {
  if (!structure) return <p className="text-sm text-red-700 dark:text-red-300">The proposed content could not be read.</p>;
  const added = new Set(diff.added.map((d) => d.id));
  const changed = new Map(diff.changed.map((d) => [d.id, d]));
  const rows: (Row & { mark: Mark; note?: string })[] = rowsOf(structure).map((row) => {
    const change = changed.get(row.id);
    return {
      ...row,
      mark: added.has(row.id) ? "added" : change ? "changed" : "same",
      note: change ? `Changed: ${change.fields.join(", ")}${change.beforeTitle !== row.title ? ` (was “${change.beforeTitle}”)` : ""}` : undefined,
    };
  });
  rows.push(...diff.removed.map((d) => ({ id: d.id, type: d.type, title: d.title, detail: [], mark: "removed" as const })));
  return (
    <div className="space-y-3">
      <p className="text-sm text-fg-muted" data-testid="diff-summary">
        {diff.added.length} added · {diff.changed.length} changed · {diff.removed.length} removed
      </p>
      <ol className="space-y-2" aria-label="Proposed structure with changes">
        {rows.map((row) => {
          const mark = MARKS[row.mark];
          return (
            <li key={`${row.mark}-${row.id}`} className={cn("rounded-md border border-border border-l-4 px-3 py-2", mark.box)} data-diff={row.mark}>
              <div className="flex flex-wrap items-center gap-2">
                <span className={cn("rounded px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide", mark.tag)}>{mark.label}</span>
                <span className="text-xs text-fg-muted">{NODE_TYPES[row.type] ?? row.type}</span>
                <span className={cn("font-medium", row.mark === "removed" && "line-through")}>{row.title}</span>
              </div>
              {row.note && <p className="mt-1 text-xs text-fg-muted">{row.note}</p>}
              {row.detail.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-xs text-fg-muted">
                  {row.detail.map((d, i) => <li key={i}>{d}</li>)}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
