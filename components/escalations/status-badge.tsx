import { Badge } from "@/components/ui/badge";

const TONES = { open: "amber", claimed: "brand", resolved: "green" } as const;
const LABELS = { open: "Open", claimed: "Claimed", resolved: "Resolved" } as const;

export function EscalationStatusBadge({ status }: { status: keyof typeof TONES }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
