"use server";
// Launching a maintenance flow over many targets, and re-running what failed or never started.
// One batch row and one session per target, in one transaction: all or nothing.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError, conflict, notFound } from "@/lib/errors";
import { getRunnableFlowOrThrow } from "@/lib/flows/access";
import { MANAGE_ROLE, visibleBatchesWhere, visibleTargetListsWhere } from "./access";
import { insertBatch } from "./launch";
import { batchRefSchema, launchBatchSchema } from "./maintenance.validation";
import { FAILED_OUTCOMES } from "./progress";
import type { TargetInput } from "./targets";

async function maintenanceFlowOrThrow(user: CurrentUser, flowId: string) {
  const runnable = await getRunnableFlowOrThrow(user, flowId);
  if (runnable.flow.type !== "maintenance") throw new AppError("invalid", "Only maintenance flows run on targets.");
  return runnable;
}

/** The assignee's team owns the batch (so their team sees it); otherwise the launcher's. */
async function batchTeam(user: CurrentUser, assigneeId: string | null): Promise<string | null> {
  if (!assigneeId) return user.teamId;
  const assignee = await db.user.findFirst({ where: { id: assigneeId, accountId: user.accountId, isServiceAccount: false }, select: { teamId: true } });
  if (!assignee) throw notFound("Engineer");
  return assignee.teamId ?? user.teamId;
}

const asTargets = (value: unknown) => value as TargetInput[];
// Up to 1,000 sessions in one INSERT: give a busy database more than Prisma's default 5 s.
const LAUNCH_TX = { timeout: 60_000, maxWait: 10_000 };

export const launchBatch = authedAction({ schema: launchBatchSchema, role: MANAGE_ROLE }, async ({ flowId, source, assigneeId }, user) => {
  const { flow, version } = await maintenanceFlowOrThrow(user, flowId);
  let targets: TargetInput[];
  if (source.kind === "targets") targets = source.targets;
  else if (source.kind === "list") {
    const list = await db.targetList.findFirst({
      where: { AND: [{ id: source.listId }, visibleTargetListsWhere(user)] },
      select: { targets: { select: { label: true, notes: true, values: true }, orderBy: { position: "asc" } } },
    });
    if (!list) throw notFound("Target list");
    targets = list.targets.map((t) => ({ label: t.label, notes: t.notes, values: t.values as Record<string, string> }));
  } else {
    const last = await db.batch.findFirst({ where: { AND: [{ flowId }, visibleBatchesWhere(user)] }, orderBy: { createdAt: "desc" }, select: { targets: true } });
    if (!last) throw conflict("This flow has not run on targets yet, so there is no last run to repeat.");
    targets = asTargets(last.targets);
  }
  if (!targets.length) throw conflict("That list has no targets.");
  const teamId = await batchTeam(user, assigneeId);
  const batch = await db.$transaction((tx) => insertBatch(tx, { accountId: user.accountId, teamId, flow, version, targets, launchedById: user.id, assigneeId }), LAUNCH_TX);
  revalidatePath(`/flows/${flowId}`);
  revalidatePath("/maintenance");
  return { id: batch!.id, count: targets.length };
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
