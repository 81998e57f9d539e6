// The escalations inbox: open / claimed / resolved tabs, newest first.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { cn } from "@/lib/cn";
import { INBOX_COUNT_CAP, type EscalationStatusName } from "@/lib/escalations/escalations.validation";
import type { InboxRow } from "@/lib/escalations/queries";
import { EscalationStatusBadge } from "./status-badge";

const TABS: { tab: EscalationStatusName; label: string }[] = [
  { tab: "open", label: "Open" },
  { tab: "claimed", label: "Claimed" },
  { tab: "resolved", label: "Resolved" },
];
const EMPTY: Record<EscalationStatusName, string> = {
  open: "Nothing waiting. New escalations from L1 techs appear here.",
  claimed: "Nobody is working an escalation right now.",
  resolved: "No resolved escalations yet.",
};

export function EscalationsInbox({ tab, counts, rows, cap }: { tab: EscalationStatusName; counts: Record<EscalationStatusName, number>; rows: InboxRow[]; cap: number }) {
  return (
    <div>
      <nav aria-label="Escalation status" className="flex gap-1 border-b border-border px-3">
        {TABS.map((t) => (
          <Link
            key={t.tab}
            href={`/escalations?tab=${t.tab}`}
            aria-current={t.tab === tab ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2.5 text-sm font-medium", t.tab === tab ? "border-brand-600 text-fg" : "border-transparent text-fg-muted hover:text-fg")}
            data-testid={`inbox-tab-${t.tab}`}
          >
            {t.label} <span className="ml-1 rounded-full bg-muted px-1.5 text-xs">{counts[t.tab] > INBOX_COUNT_CAP ? `${INBOX_COUNT_CAP}+` : counts[t.tab]}</span>
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-fg-muted">{EMPTY[tab]}</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="inbox-rows">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/escalations/${r.id}`} className="block px-5 py-3 hover:bg-muted/60" data-testid="inbox-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="min-w-0 font-medium break-words">{r.session.problem || r.session.flowName}</span>
                  <EscalationStatusBadge status={r.status} />
                </div>
                <p className="mt-0.5 text-xs text-fg-muted">
                  {r.category && <Badge className="mr-1">{r.category.name}</Badge>}
                  {r.from?.name ?? "A removed member"} · <LocalTime value={r.createdAt} format="relative" />
                  {r.session.kind === "flow" ? ` · flow: ${r.session.flowName}` : " · ad hoc walk"}
                  {r.claimedBy && ` · ${r.claimedBy.name}`}
                  {r.notifiedCount === 0 && r.status === "open" && <span className="ml-1 font-medium text-amber-700 dark:text-amber-300">· nobody was notified</span>}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {rows.length >= cap && <p className="border-t border-border px-5 py-2 text-xs text-fg-muted">Showing the newest {cap}.</p>}
    </div>
  );
}
