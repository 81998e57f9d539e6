"use server";
// Reviewing flow proposals (admins and owners; anyone else gets "not found"). Every action moves
// the proposal's status with a conditional UPDATE (… WHERE status = the expected one), so a
// double click or two admins at once change it once: the second sees the row already moved.
// Approve claims the proposal and publishes in ONE transaction, so a failed publish leaves it
// pending. Modify writes the proposed flow as a draft and remembers it (publishedFlowId); the
// proposal stays pending until that draft is published in the editor, which marks it modified
// (markProposalsPublished, called from the publish path); a second Modify opens the same draft.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Tx } from "@/lib/db/client";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { getEditableFlowOrThrow } from "@/lib/flows/access";
import { insertFlow, publishCurrent } from "@/lib/flows/flow-writes";
import { parseStructure, validateStructure } from "@/lib/flows/structure";
import type { Prisma } from "@/lib/generated/prisma/client";
import { reviewableProposalsWhere } from "./access";
import { proposalRefSchema, rejectProposalSchema, type ProposalStatusName } from "./proposal.validation";

const STATUS_WORDS: Record<ProposalStatusName, string> = {
  pending: "is still pending", approved: "was already approved", modified: "was already published with changes",
  rejected: "was already rejected", dismissed: "is dismissed (reopen it first)",
};

/**
 * Moves the proposal from one of `from` to `to` (one conditional UPDATE). When it did not
 * move: another account's (or a missing) proposal is "not found"; otherwise its current status.
 */
async function claim(
  tx: Tx, user: CurrentUser, proposalId: string, from: ProposalStatusName[], data: Prisma.FlowProposalUncheckedUpdateManyInput,
  also: Prisma.FlowProposalWhereInput = {},
) {
  const where = reviewableProposalsWhere(user);
  const { count } = await tx.flowProposal.updateMany({ where: { ...where, ...also, id: proposalId, status: { in: from } }, data });
  if (count) return { moved: true as const };
  const current = await tx.flowProposal.findFirst({ where: { ...where, id: proposalId }, select: { status: true, publishedFlowId: true } });
  if (!current) throw notFound("Proposal");
  return { moved: false as const, status: current.status, publishedFlowId: current.publishedFlowId };
}

const reviewed = (user: CurrentUser) => ({ reviewedById: user.id, reviewedAt: new Date() });

async function loadClaimed(tx: Tx, user: CurrentUser, proposalId: string) {
  const proposal = await tx.flowProposal.findFirstOrThrow({
    where: { id: proposalId, accountId: user.accountId },
    select: { id: true, type: true, title: true, description: true, flowType: true, structure: true, targetFlowId: true, targetVersion: true },
  });
  const parsed = parseStructure(proposal.flowType, proposal.structure);
  if (!parsed.ok) throw invalid("This proposal's flow content is damaged. Reject it.");
  return { ...proposal, typed: parsed.typed };
}

/**
 * The target flow, locked, if it can take the proposal as is: still on the version the diff was
 * made against, and with no unpublished edits in its draft (which writing the proposal over the
 * draft would throw away).
 */
async function lockTarget(tx: Tx, user: CurrentUser, proposal: { targetFlowId: string | null; targetVersion: number | null }) {
  if (!proposal.targetFlowId) throw conflict("The flow this proposal changes was deleted. Reject or dismiss it.");
  const flow = await getEditableFlowOrThrow(tx, user, proposal.targetFlowId, { id: true, name: true, version: true, structure: true });
  if (flow.version !== proposal.targetVersion) {
    throw conflict(`"${flow.name}" was published again (version ${flow.version}) after this proposal was made against version ${proposal.targetVersion}. Reject it, or change the flow by hand.`);
  }
  const published = await tx.flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: flow.version } }, select: { structure: true } });
  if (!published || JSON.stringify(published.structure) !== JSON.stringify(flow.structure)) {
    throw conflict(`"${flow.name}" has unpublished changes in its draft. Publish or discard them in the editor first.`);
  }
  return flow;
}

function revalidateQueue(proposalId: string, flowId?: string | null) {
  revalidatePath("/proposals");
  revalidatePath(`/proposals/${proposalId}`);
  revalidatePath("/flows");
  if (flowId) revalidatePath(`/flows/${flowId}`);
}

/** Publishes the proposal through the normal publish path (new flow, or a new version of the target: library sync included). */
export const approveProposal = authedAction({ schema: proposalRefSchema }, async ({ proposalId }, user) => {
  const result = await db.$transaction(async (tx) => {
    // Not while its draft is open in the editor: publishing there approves it, with the edits.
    const claimed = await claim(tx, user, proposalId, ["pending"], { status: "approved", ...reviewed(user) }, { publishedFlowId: null });
    if (!claimed.moved) {
      if (claimed.status === "approved") return { flowId: claimed.publishedFlowId, alreadyApproved: true };
      if (claimed.status === "pending") throw conflict(OPEN_IN_EDITOR);
      throw conflict(`This proposal ${STATUS_WORDS[claimed.status]}.`);
    }
    const proposal = await loadClaimed(tx, user, proposalId);
    const issues = validateStructure(proposal.typed);
    if (issues.length) throw invalid(`The proposed flow does not pass the publish rules (${issues[0].message}). Use Modify to fix it in the editor.`);
    const flowId = await writeProposedFlow(tx, user, proposal);
    await publishCurrent(tx, flowId, user.id);
    await tx.flowProposal.update({ where: { id: proposalId }, data: { publishedFlowId: flowId } });
    return { flowId, alreadyApproved: false };
  });
  revalidateQueue(proposalId, result.flowId);
  return result;
});

/**
 * Puts the proposed structure into a flow's draft: a new flow for new_flow, else the (locked)
 * target's current structure. Approve publishes it next; Modify leaves it for the editor.
 */
async function writeProposedFlow(tx: Tx, user: CurrentUser, proposal: Awaited<ReturnType<typeof loadClaimed>>): Promise<string> {
  if (proposal.type === "new_flow") {
    const created = await insertFlow(tx, user, {
      name: proposal.title, description: proposal.description, type: proposal.flowType, category: null, tags: [],
      visibility: "account", variables: [], structure: proposal.typed.structure,
    });
    return created.id;
  }
  const flow = await lockTarget(tx, user, proposal);
  await tx.flow.update({ where: { id: flow.id, accountId: user.accountId }, data: { structure: proposal.typed.structure as Prisma.InputJsonValue } });
  return flow.id;
}

const OPEN_IN_EDITOR = "This proposal is open as a draft in the editor. Publish it there to approve it with your changes.";

/**
 * Opens the proposal as a draft in the normal editor (a new draft flow, or the target's draft).
 * It stays pending: publishing that draft marks it modified. Twice → the same draft.
 */
export const modifyProposal = authedAction({ schema: proposalRefSchema }, async ({ proposalId }, user) => {
  const result = await db.$transaction(async (tx) => {
    // The row lock makes a double click write one draft: the second reads the first's flow.
    await tx.$queryRaw`SELECT id FROM "FlowProposal" WHERE id = ${proposalId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
    const current = await tx.flowProposal.findFirst({ where: { ...reviewableProposalsWhere(user), id: proposalId }, select: { status: true, publishedFlowId: true } });
    if (!current) throw notFound("Proposal");
    if (current.status !== "pending") throw conflict(`This proposal ${STATUS_WORDS[current.status]}.`);
    if (current.publishedFlowId) return { flowId: current.publishedFlowId };
    const proposal = await loadClaimed(tx, user, proposalId);
    const flowId = await writeProposedFlow(tx, user, proposal);
    await tx.flowProposal.update({ where: { id: proposalId }, data: { publishedFlowId: flowId } });
    return { flowId };
  });
  revalidateQueue(proposalId, result.flowId);
  return result;
});

export const rejectProposal = authedAction({ schema: rejectProposalSchema }, async ({ proposalId, reason }, user) => {
  await db.$transaction(async (tx) => {
    const claimed = await claim(tx, user, proposalId, ["pending", "dismissed"], { status: "rejected", rejectReason: reason, ...reviewed(user) });
    if (!claimed.moved && claimed.status !== "rejected") throw conflict(`This proposal ${STATUS_WORDS[claimed.status]}.`);
  });
  revalidateQueue(proposalId);
  return { proposalId };
});

/** Parks a proposal out of the pending list; it can be reopened. */
export const dismissProposal = authedAction({ schema: proposalRefSchema }, async ({ proposalId }, user) => {
  await db.$transaction(async (tx) => {
    const claimed = await claim(tx, user, proposalId, ["pending"], { status: "dismissed", ...reviewed(user) });
    if (!claimed.moved && claimed.status !== "dismissed") throw conflict(`This proposal ${STATUS_WORDS[claimed.status]}.`);
  });
  revalidateQueue(proposalId);
  return { proposalId };
});

export const reopenProposal = authedAction({ schema: proposalRefSchema }, async ({ proposalId }, user) => {
  await db.$transaction(async (tx) => {
    const claimed = await claim(tx, user, proposalId, ["dismissed"], { status: "pending", reviewedById: null, reviewedAt: null });
    if (!claimed.moved && claimed.status !== "pending") throw new AppError("conflict", `Only a dismissed proposal can be reopened; this one ${STATUS_WORDS[claimed.status]}.`);
  });
  revalidateQueue(proposalId);
  return { proposalId };
});
