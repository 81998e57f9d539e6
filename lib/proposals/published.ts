// The end of Modify: when a flow is published (lib/flows/flow-writes.ts publishCurrent, the one
// publish path), pending proposals whose draft is that flow become "modified" (approved with the
// reviewer's edits), reviewed by whoever published. One conditional UPDATE, in the publish's
// transaction: a proposal already approved, rejected or dismissed is left alone. It reads the
// account's pending proposals through ("accountId", "status", "createdAt"): a handful. No
// "server-only" here: flow-writes (and so this) also runs in the CLI (seed, start) outside Next.
import type { Tx } from "@/lib/db/client";

export async function markProposalsPublished(tx: Tx, flowId: string, publishedById: string | null): Promise<number> {
  return tx.$executeRaw`
    UPDATE "FlowProposal" p
       SET "status" = 'modified', "reviewedById" = ${publishedById}::uuid, "reviewedAt" = now(), "updatedAt" = now()
      FROM "Flow" f
     WHERE f."id" = ${flowId}::uuid AND p."accountId" = f."accountId"
       AND p."publishedFlowId" = f."id" AND p."status" = 'pending'`;
}
