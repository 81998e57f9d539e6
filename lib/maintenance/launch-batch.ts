// Launching a maintenance flow over targets: the core shared by the launch and re-run actions
// and the REST API's POST /api/v1/batches. One batch row and one session per target, in one
// transaction: all or nothing.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError, conflict, notFound } from "@/lib/errors";
import { getRunnableFlowOrThrow } from "@/lib/flows/access";
import { visibleBatchesWhere, visibleTargetListsWhere } from "./access";
import { insertBatch } from "./launch";
import type { launchBatchSchema } from "./maintenance.validation";
import type { TargetInput } from "./targets";
import type { z } from "zod";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export async function maintenanceFlowOrThrow(user: Viewer, flowId: string) {
  const runnable = await getRunnableFlowOrThrow(user, flowId);
  if (runnable.flow.type !== "maintenance") throw new AppError("invalid", "Only maintenance flows run on targets.");
  return runnable;
}

/** The assignee's team owns the batch (so their team sees it); otherwise the launcher's. */
async function batchTeam(user: Viewer, assigneeId: string | null): Promise<string | null> {
  if (!assigneeId) return user.teamId;
  const assignee = await db.user.findFirst({ where: { id: assigneeId, accountId: user.accountId, isServiceAccount: false }, select: { teamId: true } });
  if (!assignee) throw notFound("Engineer");
  return assignee.teamId ?? user.teamId;
}

export const asTargets = (value: unknown) => value as TargetInput[];
// Up to 1,000 sessions in one INSERT: give a busy database more than Prisma's default 5 s.
export const LAUNCH_TX = { timeout: 60_000, maxWait: 10_000 };

export async function launchBatchFor(user: Viewer, { flowId, source, assigneeId }: z.output<typeof launchBatchSchema>): Promise<{ id: string; count: number }> {
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
  return { id: batch!.id, count: targets.length };
}
