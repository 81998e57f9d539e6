import { Badge } from "@/components/ui/badge";

/** A delivery's state in a word, with the last HTTP status when there is one. */
export function DeliveryStatusBadge({ status, code }: { status: string; code: number | null }) {
  const tone = status === "succeeded" ? "green" : status === "failed" ? "red" : "amber";
  const label = status === "succeeded" ? "Delivered" : status === "failed" ? "Failed" : "Pending";
  return <Badge tone={tone}>{label}{code !== null ? ` · ${code}` : ""}</Badge>;
}
