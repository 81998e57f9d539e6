import type { Metadata } from "next";
import { EscalationsInbox } from "@/components/escalations/escalations-inbox";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { INBOX_ROLE } from "@/lib/escalations/access";
import { inboxSearchSchema } from "@/lib/escalations/escalations.validation";
import { inboxList } from "@/lib/escalations/queries";

export const metadata: Metadata = { title: "Escalations" };

export default async function EscalationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(INBOX_ROLE);
  const { tab, before, after } = inboxSearchSchema.parse(await searchParams);
  const { counts, rows, older, newer } = await inboxList(user, tab, { before, after });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Escalations</h1>
        <p className="mt-1 text-sm text-fg-muted">Problems L1 techs handed up. Claim one to work it; resolving it sends your answer back.</p>
      </div>
      <Card>
        <EscalationsInbox tab={tab} counts={counts} rows={rows} older={older} newer={newer} />
      </Card>
    </div>
  );
}
