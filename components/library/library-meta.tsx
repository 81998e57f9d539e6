"use client";
// Small pieces every library view shares: the type badge, rating, usage, the "From flow"
// badge and the lock of synced steps.
import { Lock, Workflow } from "@/components/ui/icons";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import type { LibraryCard } from "@/lib/library/queries";

export const STEP_TYPE_LABELS = { action: "Action", solution: "Solution" } as const;

/** What a synced step says about itself, wherever it is shown. */
export const SYNCED_LABEL = "Managed by its flow — fork to customise";

export function StepTypeBadge({ type }: { type: LibraryCard["type"] }) {
  return <Badge tone={type === "solution" ? "green" : "brand"}>{STEP_TYPE_LABELS[type]}</Badge>;
}

export function helpfulShare(card: Pick<LibraryCard, "helpfulCount" | "unhelpfulCount">): { percent: number; votes: number } | null {
  const votes = card.helpfulCount + card.unhelpfulCount;
  return votes ? { percent: Math.round((card.helpfulCount / votes) * 100), votes } : null;
}

/** "92% helpful (13)" with a small bar; the exact counts in the tooltip and for screen readers. */
export function StepRating({ card, className }: { card: Pick<LibraryCard, "helpfulCount" | "unhelpfulCount">; className?: string }) {
  const share = helpfulShare(card);
  if (!share) return <span className={cn("text-xs text-fg-muted", className)}>No ratings yet</span>;
  const detail = `${card.helpfulCount} found it helpful, ${card.unhelpfulCount} did not`;
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-xs text-fg-muted", className)} title={`👍 ${card.helpfulCount} · 👎 ${card.unhelpfulCount}`}>
      <span className="relative h-1.5 w-10 overflow-hidden rounded-full bg-red-200 dark:bg-red-900/60" aria-hidden>
        <span className="absolute inset-y-0 left-0 rounded-full bg-emerald-500" style={{ width: `${share.percent}%` }} />
      </span>
      <span aria-hidden>{share.percent}% helpful ({share.votes})</span>
      <span className="sr-only">{share.percent}% helpful: {detail}</span>
    </span>
  );
}

export function usageText(count: number): string {
  return count === 0 ? "Not used yet" : count === 1 ? "Used once" : `Used ${count} times`;
}

/** "From flow: <name>" linking the flow; plain text when the flow is not visible to this user. */
export function FromFlowBadge({ card, className }: { card: Pick<LibraryCard, "synced" | "sourceFlow">; className?: string }) {
  if (!card.synced) return null;
  const content = (
    <>
      <Workflow className="h-3 w-3 shrink-0" aria-hidden />
      <span className="truncate">From flow: {card.sourceFlow?.name ?? "a flow you cannot open"}</span>
    </>
  );
  const classes = cn("chip", className);
  return card.sourceFlow ? (
    <Link href={`/flows/${card.sourceFlow.id}`} className={cn(classes, "hover:text-fg hover:underline")} title={`Open the flow "${card.sourceFlow.name}"`}>
      {content}
    </Link>
  ) : (
    <span className={classes}>{content}</span>
  );
}

/**
 * The lock of a synced step, with its explanation as a tooltip (and as its accessible name).
 * The tooltip is CSS (shown on hover and on keyboard focus, Escape hides it), not Radix's:
 * every card of the grid has a lock, and 24 Radix tooltips were about 5 ms of the library
 * page's server render.
 */
export function SyncedLock({ className }: { className?: string }) {
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      tabIndex={0}
      role="img"
      aria-label={SYNCED_LABEL}
      className={cn("icon-dot tip-anchor", className)}
      onKeyDown={(e) => {
        if (e.key === "Escape") setDismissed(true);
      }}
      onBlur={() => setDismissed(false)}
      onPointerEnter={() => setDismissed(false)}
    >
      <Lock className="h-3.5 w-3.5" aria-hidden />
      <span aria-hidden className="tip-bubble" data-dismissed={dismissed || undefined} data-testid="synced-lock-tip">
        {SYNCED_LABEL}
      </span>
    </span>
  );
}

/**
 * Markdown reduced to one line of plain text, for previews. Only markup is dropped: an
 * underscore or asterisk inside a word (`[VAR:server_name]`, `*.log`) is text, not emphasis.
 */
export function plainPreview(markdown: string, max = 220): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*\|?[\s:|-]*-[\s:|-]*$/gm, " ")
    .replace(/^\s*\|(.*?)\|?\s*$/gm, (_, row: string) => row.replace(/\|/g, " "))
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/^\s*(>\s?)+/gm, "")
    .replace(/^\s*([-+*]|\d+[.)])\s+(\[[ xX]\]\s+)?/gm, "")
    .replace(/`/g, "")
    .replace(/(?<![\w*~])(\*{1,3}|_{1,3}|~~)(?=\S)(.*?\S)\1(?![\w*~])/g, "$2")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
