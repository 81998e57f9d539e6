import { Badge } from "@/components/ui/badge";
import { OUTCOME_LABELS } from "@/lib/sessions/ticket";

const OUTCOME_TONE: Record<string, "green" | "amber" | "brand" | "red"> = {
  resolved: "green", completed: "green", partially_resolved: "amber", completed_with_issues: "amber", escalated: "brand", unresolved: "red", aborted: "red",
};

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  if (!outcome) return null;
  return <Badge tone={OUTCOME_TONE[outcome] ?? "neutral"}>{OUTCOME_LABELS[outcome] ?? outcome}</Badge>;
}

export function SessionStatusBadge({ status }: { status: "prepared" | "active" | "completed" }) {
  if (status === "prepared") return <Badge tone="brand">Prepared</Badge>;
  if (status === "active") return <Badge tone="amber">In progress</Badge>;
  return <Badge>Completed</Badge>;
}
