"use client";
// The flow's outline (the editor's own layout, buildOutline) with where sessions ended beside
// each node: resolved / escalated / unresolved / abandoned, and each solution's "this fixed it" rate.
import { CornerDownRight } from "@/components/ui/icons";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { NodeTypeIcon } from "@/components/flow-editor/tree/node-type";
import { buildOutline } from "@/components/flow-editor/tree/tree-ops";
import type { NodeDropOff } from "@/lib/analytics/flow-analytics";
import type { TreeStructure } from "@/lib/flows/structure";
import { count, percent } from "./format";

export function DropOffOutline({ tree, nodes }: { tree: TreeStructure; nodes: NodeDropOff[] }) {
  const outline = useMemo(() => buildOutline(tree), [tree]);
  const byNode = useMemo(() => new Map(nodes.map((n) => [n.nodeId, n])), [nodes]);
  const gone = nodes.filter((n) => !tree.nodes[n.nodeId]);
  return (
    <div>
      <ul aria-label="Where sessions ended, per node" className="py-1 text-sm" data-testid="drop-off-outline">
        {outline.rows.map((row) => {
          if (row.kind === "group") return <li key={row.key} className="px-3 pt-3 pb-1 text-xs font-medium tracking-wide text-fg-muted uppercase">Unlinked nodes</li>;
          if (row.kind !== "node" && row.kind !== "link") return null;
          const node = row.nodeId ? tree.nodes[row.nodeId] : undefined;
          if (!node || !row.nodeId) return null;
          const stats = row.kind === "node" ? byNode.get(row.nodeId) : undefined;
          return (
            <li key={row.key} className="flex flex-wrap items-start gap-x-2 gap-y-1 border-b border-border/60 py-1.5 pr-3 last:border-0" style={{ paddingLeft: `${0.75 + row.depth * 1.125}rem` }}>
              {row.fromId && (row.edgeLabel === null
                ? <span className="shrink-0 text-xs leading-5 italic text-fg-muted">then</span>
                : <span className="shrink-0 rounded border border-border px-1.5 text-xs leading-5 text-fg-muted">{row.edgeLabel.trim() || "(no label)"}<span className="sr-only">:</span></span>)}
              {row.kind === "link" && <CornerDownRight className="mt-0.5 h-4 w-4 shrink-0 text-fg-muted" aria-label="Goes to" />}
              <NodeTypeIcon type={node.type} className="mt-0.5 shrink-0" />
              <span className={row.kind === "link" ? "text-fg-muted italic" : "font-medium"}>{node.title}</span>
              {stats && <NodeCounts type={node.type} stats={stats} />}
            </li>
          );
        })}
      </ul>
      {gone.length > 0 && (
        <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">
          {count(gone.reduce((sum, n) => sum + n.ended + n.abandoned, 0))} sessions ended on steps no longer in this flow (earlier versions).
        </p>
      )}
    </div>
  );
}

function NodeCounts({ type, stats }: { type: string; stats: NodeDropOff }) {
  const items: { label: string; value: number; tone: "green" | "red" | "amber" | "neutral" }[] = [
    { label: "resolved", value: stats.resolved, tone: "green" },
    { label: "partly", value: stats.partiallyResolved, tone: "amber" },
    { label: "escalated", value: stats.escalated, tone: "red" },
    { label: "unresolved", value: stats.unresolved, tone: "neutral" },
    { label: "aborted", value: stats.aborted, tone: "neutral" },
    { label: "abandoned", value: stats.abandoned, tone: "amber" },
  ];
  return (
    <span className="ml-auto flex flex-wrap items-center gap-1">
      {type === "solution" && stats.ended > 0 && (
        <Badge tone="green" className="font-semibold" data-testid="fixed-rate">fixed it {percent(stats.resolved, stats.ended)} ({count(stats.resolved)} of {count(stats.ended)})</Badge>
      )}
      {items.filter((i) => i.value > 0 && !(type === "solution" && i.label === "resolved")).map((i) => (
        <Badge key={i.label} tone={i.tone}>{count(i.value)} {i.label}</Badge>
      ))}
    </span>
  );
}
