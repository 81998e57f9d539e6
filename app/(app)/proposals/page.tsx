import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProposalFiltersForm } from "@/components/proposals/proposal-filters";
import { ConfidenceMeter, ProposalStatusBadge, ProposalTypeBadge } from "@/components/proposals/proposal-badges";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requirePageUser } from "@/lib/auth/current-user";
import { canReviewProposals } from "@/lib/proposals/access";
import { listProposals, QUEUE_PAGE } from "@/lib/proposals/queries";
import { proposalFiltersSchema } from "@/lib/proposals/proposal.validation";

export const metadata: Metadata = { title: "Proposals" };

export default async function ProposalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  if (!canReviewProposals(user)) notFound();
  const filters = proposalFiltersSchema.parse(await searchParams);
  const rows = await listProposals(user, filters);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Proposals</h1>
        <p className="mt-1 text-fg-muted">Changes to the flow library suggested by resolved sessions. Approve to publish, or modify, reject or dismiss.</p>
      </div>
      <ProposalFiltersForm filters={filters} />
      {rows.length === 0 ? (
        <Card className="p-6 text-center text-sm text-fg-muted">
          No proposals match these filters. Proposals appear when assistant or L1 sessions are resolved, or when engineers add the same step to a procedure more than once.
        </Card>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="proposal-queue">
            <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-fg-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Proposal</th>
                <th scope="col" className="px-4 py-2 font-medium">Type</th>
                <th scope="col" className="px-4 py-2 font-medium">Confidence</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Support</th>
                <th scope="col" className="px-4 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className="border-b border-border last:border-0">
                  <td className="px-4 py-3">
                    <Link href={`/proposals/${p.id}`} className="font-medium hover:underline">{p.title}</Link>
                    <div className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-fg-muted">
                      <ProposalStatusBadge status={p.status} />
                      {p.targetFlow && <span>on {p.targetFlow.name}</span>}
                    </div>
                  </td>
                  <td className="px-4 py-3"><ProposalTypeBadge type={p.type} /></td>
                  <td className="px-4 py-3"><ConfidenceMeter value={p.confidence} /></td>
                  <td className="px-4 py-3 text-right tabular-nums">{p.supportCount}</td>
                  <td className="px-4 py-3 text-fg-muted"><LocalTime value={p.createdAt.toISOString()} format="relative" /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === QUEUE_PAGE && <p className="px-4 py-2 text-xs text-fg-muted">Showing the {QUEUE_PAGE} newest. Narrow the filters to see others.</p>}
        </Card>
      )}
    </div>
  );
}
