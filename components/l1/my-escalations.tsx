// The L1 tech's escalations: where each stands, and the engineer's resolution once it is back.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { RaisedEscalation } from "@/lib/escalations/queries";
import { EscalationStatusBadge } from "@/components/escalations/status-badge";

export function MyEscalations({ rows }: { rows: RaisedEscalation[] }) {
  if (!rows.length) return <p className="px-5 py-6 text-sm text-fg-muted">You have not escalated anything yet. When you do, the engineer&apos;s answer shows up here.</p>;
  return (
    <ul className="divide-y divide-border" data-testid="my-escalations">
      {rows.map((r) => (
        <li key={r.id} className="px-5 py-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Link href={`/sessions/${r.session.id}`} className="min-w-0 font-medium break-words hover:underline">
              {r.session.problem || r.session.flowName}
            </Link>
            <EscalationStatusBadge status={r.status} />
          </div>
          <p className="mt-0.5 text-xs text-fg-muted">
            {r.category && <Badge className="mr-1">{r.category.name}</Badge>}
            Escalated <LocalTime value={r.createdAt} format="relative" />
            {r.claimedBy && ` · ${r.status === "resolved" ? "resolved" : "claimed"} by ${r.claimedBy.name}`}
          </p>
          {r.status === "resolved" && (
            <p className="mt-2 rounded-md bg-emerald-50 px-3 py-2 text-sm whitespace-pre-wrap text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100" data-testid="escalation-resolution">
              {r.resolution}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
