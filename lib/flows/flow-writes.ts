// Writes shared by the flow actions, each taking the transaction it runs in.
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { PLAN_LIMITS } from "@/lib/plans";
import type { FlowStructure, FlowType, Visibility } from "./structure";
import type { VariableDefinition } from "./variables";
import { markProposalsPublished } from "@/lib/proposals/published";
import { onFlowPublished } from "./lifecycle";

export type NewFlow = {
  name: string;
  description: string;
  type: FlowType;
  category: string | null;
  tags: string[];
  visibility: Visibility;
  variables: VariableDefinition[];
  structure: FlowStructure;
  forkedFromId?: string | null;
  forkReason?: string | null;
};

/**
 * Creates a draft flow, enforcing the plan's flow limit without a race: the account row is
 * locked first, so two concurrent creates at N-1 run one after the other and the second sees N.
 */
export async function insertFlow(tx: Tx, user: Pick<CurrentUser, "id" | "accountId" | "teamId">, flow: NewFlow) {
  const [account] = await tx.$queryRaw<{ plan: "free" | "pro" }[]>`SELECT plan FROM "Account" WHERE id = ${user.accountId}::uuid FOR UPDATE`;
  const limit = PLAN_LIMITS[account.plan].flows;
  if (Number.isFinite(limit)) {
    const count = await tx.flow.count({ where: { accountId: user.accountId } });
    if (count >= limit) {
      throw new AppError("limit_reached", `The free plan holds up to ${limit} flows. Delete a flow or upgrade to Pro to add more.`);
    }
  }
  const created = await tx.flow.create({
    data: {
      accountId: user.accountId,
      teamId: user.teamId,
      authorId: user.id,
      name: flow.name,
      description: flow.description,
      type: flow.type,
      category: flow.category,
      visibility: flow.visibility,
      structure: flow.structure as Prisma.InputJsonValue,
      variables: flow.variables as Prisma.InputJsonValue,
      forkedFromId: flow.forkedFromId ?? null,
      forkReason: flow.forkReason ?? null,
    },
    select: { id: true },
  });
  await setFlowTags(tx, user.accountId, created.id, flow.tags);
  return created;
}

/**
 * Replaces a flow's tags. Tag rows are created on first use; usage counts move in SQL
 * (one UPDATE for the added tags, one for the removed), never read-modify-write.
 */
export async function setFlowTags(tx: Tx, accountId: string, flowId: string, names: string[]) {
  const current = await tx.flowTag.findMany({ where: { flowId }, select: { tagId: true, tag: { select: { name: true } } } });
  const currentNames = new Set(current.map((t) => t.tag.name));
  const wanted = new Set(names);
  const added = names.filter((n) => !currentNames.has(n));
  const removedIds = current.filter((t) => !wanted.has(t.tag.name)).map((t) => t.tagId);

  if (added.length) {
    await tx.tag.createMany({ data: added.map((name) => ({ accountId, name })), skipDuplicates: true });
    const tags = await tx.tag.findMany({ where: { accountId, name: { in: added } }, select: { id: true } });
    await tx.flowTag.createMany({ data: tags.map((t) => ({ flowId, tagId: t.id })), skipDuplicates: true });
    await tx.tag.updateMany({ where: { id: { in: tags.map((t) => t.id) } }, data: { usageCount: { increment: 1 } } });
  }
  if (removedIds.length) {
    await tx.flowTag.deleteMany({ where: { flowId, tagId: { in: removedIds } } });
    await tx.tag.updateMany({ where: { id: { in: removedIds } }, data: { usageCount: { decrement: 1 } } });
  }
}

/**
 * Publishes what the flow row holds now as version N+1: bumps the number in SQL, writes the
 * snapshot, and runs the publish hooks (library sync), all inside the caller's transaction.
 */
export async function publishCurrent(tx: Tx, flowId: string, publishedById: string | null) {
  const now = new Date();
  const flow = await tx.flow.update({
    where: { id: flowId },
    data: { status: "published", isActive: true, publishedAt: now, version: { increment: 1 } },
    select: { version: true, updatedAt: true, name: true, description: true, structure: true, variables: true, type: true },
  });
  await tx.flowVersion.create({
    data: {
      flowId,
      version: flow.version,
      type: flow.type,
      name: flow.name,
      description: flow.description,
      structure: flow.structure as Prisma.InputJsonValue,
      variables: flow.variables as Prisma.InputJsonValue,
      publishedById,
      publishedAt: now,
    },
  });
  await onFlowPublished(tx, flowId, publishedById);
  await markProposalsPublished(tx, flowId, publishedById);
  return { version: flow.version, updatedAt: flow.updatedAt };
}
