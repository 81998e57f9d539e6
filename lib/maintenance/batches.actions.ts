"use server";
// Launching a maintenance flow over many targets, and re-running what failed or never started.
// One batch row and one session per target, in one transaction: all or nothing.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { MANAGE_ROLE, visibleBatchesWhere } from "./access";
import { insertBatch } from "./launch";
import { asTargets, LAUNCH_TX, launchBatchFor, maintenanceFlowOrThrow } from "./launch-batch";
import { batchRefSchema, launchBatchSchema } from "./maintenance.validation";
import { FAILED_OUTCOMES } from "./progress";

export const launchBatch = authedAction({ schema: launchBatchSchema, role: MANAGE_ROLE }, async (input, user) => {
  const batch = await launchBatchFor(user, input);
  revalidatePath(`/flows/${input.flowId}`);
  revalidatePath("/maintenance");
  return batch;
});

/** A new batch, linked to this one, for its targets that failed or were never started. */
export const rerunBatch = authedAction({ schema: batchRefSchema, role: MANAGE_ROLE }, async ({ batchId }, user) => {
  const origin = await db.batch.findFirst({
    where: { AND: [{ id: batchId }, visibleBatchesWhere(user)] },
    select: { id: true, flowId: true, teamId: true, targets: true, sessions: { select: { targetLabel: true, targetNotes: true, status: true, outcome: true, assigneeId: true } } },
  });
  if (!origin) throw notFound("Batch");
  if (!origin.flowId) throw conflict("The flow of this batch was deleted, so it cannot run again.");
  const again = origin.sessions.filter((s) => s.status === "prepared" || (s.status === "completed" && s.outcome !== null && FAILED_OUTCOMES.has(s.outcome)));
  if (!again.length) throw conflict("Nothing to re-run: every target is completed or still in progress.");
  const byLabel = new Map(asTargets(origin.targets).map((t) => [t.label, t]));
  const targets = again.map((s) => byLabel.get(s.targetLabel ?? "") ?? { label: s.targetLabel ?? "", notes: s.targetNotes ?? "", values: {} });
  const { flow, version } = await maintenanceFlowOrThrow(user, origin.flowId);
  const assigneeIds = new Set(again.map((s) => s.assigneeId));
  const assigneeId = assigneeIds.size === 1 ? [...assigneeIds][0] : null;
  const batch = await db.$transaction((tx) =>
    insertBatch(tx, { accountId: user.accountId, teamId: origin.teamId, flow, version, targets, launchedById: user.id, assigneeId, rerunOfId: origin.id }),
  LAUNCH_TX);
  revalidatePath(`/flows/${origin.flowId}`);
  revalidatePath("/maintenance");
  return { id: batch!.id, count: targets.length };
});
