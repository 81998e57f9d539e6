// Reads of the review queue. Scoped to the reviewer's account inside each query; bounded lists.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { parseStructure, type FlowStructure } from "@/lib/flows/structure";
import { reviewableProposalsWhere } from "./access";
import { proposalDiffSchema } from "./diff";
import type { ProposalFilters } from "./proposal.validation";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "role">;

/** The queue shows this many proposals (newest first); filters narrow it. */
export const QUEUE_PAGE = 50;
/** The sidebar's pending count stops counting here ("99+"). */
export const PENDING_COUNT_CAP = 99;

export async function listProposals(user: Viewer, filters: ProposalFilters) {
  return db.flowProposal.findMany({
    where: {
      ...reviewableProposalsWhere(user),
      ...(filters.status === "all" ? {} : { status: filters.status }),
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.min !== undefined ? { confidence: { gte: filters.min / 100 } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: QUEUE_PAGE,
    select: {
      id: true, title: true, type: true, status: true, confidence: true, supportCount: true, createdAt: true,
      targetFlow: { select: { id: true, name: true } },
    },
  });
}

/**
 * An account's pending proposals, counted up to the cap, as a scalar subquery: the sidebar's
 * badge for reviewers (the page user's statement carries it, lib/auth/current-user.ts; canReviewProposals decides who sees it).
 */
export function pendingProposalsSql(accountId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM "FlowProposal" p WHERE p."accountId" = ${accountId} AND p.status = 'pending' LIMIT ${PENDING_COUNT_CAP + 1}) pending)`;
}

/** How many supporting sessions the detail page lists. */
export const SUPPORT_LIST = 50;

export async function getProposalOrThrow(user: Viewer, proposalId: string) {
  const proposal = await db.flowProposal.findFirst({
    where: { AND: [{ id: proposalId }, reviewableProposalsWhere(user)] },
    select: {
      id: true, title: true, description: true, type: true, status: true, confidence: true, supportCount: true, flowType: true,
      targetVersion: true, diff: true, structure: true, rejectReason: true, reviewedAt: true, createdAt: true, publishedFlowId: true,
      reviewedBy: { select: { name: true } },
      targetFlow: { select: { id: true, name: true, version: true } },
      sessions: {
        orderBy: { createdAt: "desc" },
        take: SUPPORT_LIST,
        select: { session: { select: { id: true, flowName: true, problem: true, completedAt: true, owner: { select: { name: true } } } } },
      },
    },
  });
  if (!proposal) throw notFound("Proposal");
  const parsed = parseStructure(proposal.flowType, proposal.structure);
  return {
    ...proposal,
    diff: proposalDiffSchema.parse(proposal.diff),
    structure: parsed.ok ? (parsed.structure as FlowStructure) : null,
  };
}
export type ProposalDetail = Awaited<ReturnType<typeof getProposalOrThrow>>;
