// The escalations inbox: open / claimed / resolved tabs, newest first, a page of summaries at a
// time (Older / Newer, keyset cursors); an escalation's walk, reason and notes are on its page.
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { cn } from "@/lib/cn";
import { INBOX_COUNT_CAP, inboxCursorOf, type EscalationStatusName } from "@/lib/escalations/escalations.validation";
import type { InboxRow } from "@/lib/escalations/queries";

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
const BY: Record<EscalationStatusName, string> = { open: "", claimed: "claimed by", resolved: "resolved by" };

/** One row: what the escalation is about, then who, when, which flow and who has it. */
function Row({ r, tab }: { r: InboxRow; tab: EscalationStatusName }) {
  const meta = [r.fromName ?? "A removed member", r.flowName ? `flow: ${r.flowName}` : "ad hoc walk", r.claimedByName && `${BY[tab]} ${r.claimedByName}`].filter(Boolean);
  return (
    <li>
      <Link href={`/escalations/${r.id}`} className="inbox-row" data-testid="inbox-row">
        <span className="inbox-title">{r.title}</span>
        <span className="inbox-meta">
          {r.categoryName && <span className="badge badge-neutral">{r.categoryName}</span>}
          <LocalTime value={r.createdAt} format="relative" />{` · ${meta.join(" · ")}`}
          {r.notifiedCount === 0 && tab === "open" && <b className="text-amber-700 dark:text-amber-300"> · nobody was notified</b>}
        </span>
      </Link>
    </li>
  );
}

export function EscalationsInbox({ tab, counts, rows, older, newer }: {
  tab: EscalationStatusName;
  counts: Record<EscalationStatusName, number>;
  rows: InboxRow[];
  older: boolean;
  newer: boolean;
}) {
  const link = "rounded-md border border-border px-3 py-1.5 text-sm font-medium hover:bg-muted";
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
        <p className="px-5 py-10 text-center text-sm text-fg-muted">{newer ? "No more escalations here." : EMPTY[tab]}</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="inbox-rows">
          {rows.map((r) => <Row key={r.id} r={r} tab={tab} />)}
        </ul>
      )}
      {(older || newer) && (
        <nav aria-label="Pages" className="flex items-center justify-end gap-2 border-t border-border px-5 py-2">
          {newer && <Link href={rows[0] ? `/escalations?tab=${tab}&after=${inboxCursorOf(rows[0])}` : `/escalations?tab=${tab}`} className={link} rel="prev">Newer</Link>}
          {older && rows.length > 0 && <Link href={`/escalations?tab=${tab}&before=${inboxCursorOf(rows[rows.length - 1])}`} className={link} rel="next">Older</Link>}
        </nav>
      )}
    </div>
  );
}
