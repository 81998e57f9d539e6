import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProposalActions } from "@/components/proposals/proposal-actions";
import { ConfidenceMeter, ProposalStatusBadge, ProposalTypeBadge } from "@/components/proposals/proposal-badges";
import { ProposalDiffView } from "@/components/proposals/proposal-diff";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requirePageUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { canReviewProposals } from "@/lib/proposals/access";
import { getProposalOrThrow } from "@/lib/proposals/queries";
import { proposalIdField } from "@/lib/proposals/proposal.validation";

export const metadata: Metadata = { title: "Proposal" };

export default async function ProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!canReviewProposals(user) || !proposalIdField.safeParse(id).success) notFound();
  const proposal = await getProposalOrThrow(user, id).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/proposals" className="text-sm text-fg-muted hover:underline">← Proposals</Link>
        <h1 className="text-2xl font-semibold">{proposal.title}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm text-fg-muted">
          <ProposalTypeBadge type={proposal.type} />
          <ProposalStatusBadge status={proposal.status} />
          <ConfidenceMeter value={proposal.confidence} />
          <span>{proposal.supportCount} supporting session{proposal.supportCount === 1 ? "" : "s"}</span>
          <span>Created <LocalTime value={proposal.createdAt.toISOString()} format="relative" /></span>
        </div>
        {proposal.description && <p className="max-w-3xl">{proposal.description}</p>}
        {proposal.targetFlow && (
          <p className="text-sm">
            Changes <Link href={`/flows/${proposal.targetFlow.id}`} className="font-medium hover:underline">{proposal.targetFlow.name}</Link>
            {" "}(compared with version {proposal.targetVersion}{proposal.targetFlow.version !== proposal.targetVersion ? `; the flow is now at version ${proposal.targetFlow.version}` : ""}).
          </p>
        )}
        {proposal.status === "rejected" && proposal.rejectReason && <p className="text-sm">Rejected{proposal.reviewedBy ? ` by ${proposal.reviewedBy.name}` : ""}: {proposal.rejectReason}</p>}
        {proposal.publishedFlowId && (
          <p className="text-sm">
            {proposal.status === "pending" ? (
              <>Open as a draft in the editor: <Link href={`/flows/${proposal.publishedFlowId}/edit`} className="font-medium hover:underline">the flow</Link>. Publishing it there approves this proposal with your changes.</>
            ) : (
              <>{proposal.status === "modified" ? "Published with changes as " : "Published as "}<Link href={`/flows/${proposal.publishedFlowId}`} className="font-medium hover:underline">the flow</Link>.</>
            )}
          </p>
        )}
      </div>
      <ProposalActions proposalId={proposal.id} status={proposal.status} draftOpen={proposal.status === "pending" && proposal.publishedFlowId !== null} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardHeader title="Changes" description="The proposed flow, node by node, against the flow's current version." />
          <div className="p-4"><ProposalDiffView structure={proposal.structure} diff={proposal.diff} /></div>
        </Card>
        <Card className="self-start">
          <CardHeader title="Supporting sessions" />
          {proposal.sessions.length === 0 ? (
            <p className="p-4 text-sm text-fg-muted">The sessions behind this proposal were deleted.</p>
          ) : (
            <ul className="space-y-2 p-4 text-sm">
              {proposal.sessions.map(({ session }) => (
                <li key={session.id}>
                  <Link href={`/sessions/${session.id}`} className="font-medium hover:underline">{session.problem || session.flowName}</Link>
                  <div className="text-xs text-fg-muted">
                    {session.owner?.name ?? "Unknown"}{session.completedAt && <> · <LocalTime value={session.completedAt.toISOString()} format="relative" /></>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
