import { Badge } from "@/components/ui/badge";
import { PROPOSAL_STATUS_LABELS, PROPOSAL_TYPE_LABELS, type ProposalStatusName, type ProposalTypeName } from "@/lib/proposals/proposal.validation";

const STATUS_TONES = { pending: "amber", approved: "green", modified: "brand", rejected: "red", dismissed: "neutral" } as const;

export function ProposalTypeBadge({ type }: { type: ProposalTypeName }) {
  return <Badge tone="brand">{PROPOSAL_TYPE_LABELS[type]}</Badge>;
}

export function ProposalStatusBadge({ status }: { status: ProposalStatusName }) {
  return <Badge tone={STATUS_TONES[status]}>{PROPOSAL_STATUS_LABELS[status]}</Badge>;
}

/** Confidence as a percentage with a small bar (the number is the label; the bar only repeats it). */
export function ConfidenceMeter({ value }: { value: number }) {
  const percent = Math.round(value * 100);
  return (
    <span className="inline-flex items-center gap-2" title="Confidence: support, walk quality and match (see README)">
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-muted" aria-hidden>
        <span className="block h-full rounded-full bg-brand-600 dark:bg-brand-400" style={{ width: `${percent}%` }} />
      </span>
      <span className="tabular-nums text-sm">{percent}%</span>
    </span>
  );
}
