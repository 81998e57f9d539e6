"use server";
// Schedules of a maintenance flow. Creating, editing the expression or zone, and resuming set
// the cursor to the first due time after now: a paused period never fires afterwards.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { invalid, notFound } from "@/lib/errors";
import { getVisibleFlowOrThrow } from "@/lib/flows/access";
import { MANAGE_ROLE, visibleSchedulesWhere, visibleTargetListsWhere } from "./access";
import { createScheduleSchema, scheduleActiveSchema, scheduleRefSchema, updateScheduleSchema } from "./maintenance.validation";
import { firstRunAfter, parseSchedule } from "./schedule";

/** Paused schedules of a flow that is not published and active stay paused (unpublishing paused them). */
function assertFlowRunnable(flow: { status: string; isActive: boolean }) {
  if (flow.status !== "published" || !flow.isActive) throw invalid("Publish and activate the flow before resuming its schedules.");
}

type Fields = { cron: string; timezone: string; targetListId: string; assigneeId: string | null };

/** The field error that names the problem, or the normalised expression. */
function checkExpression(cron: string, timezone: string): string {
  const parsed = parseSchedule(cron, timezone);
  if (!parsed.ok) throw invalid(parsed.problem.message, { [parsed.problem.field]: [parsed.problem.message] });
  return cron.trim().split(/\s+/).join(" ");
}

async function checkRefs(user: CurrentUser, fields: Fields) {
  const list = await db.targetList.findFirst({ where: { AND: [{ id: fields.targetListId }, visibleTargetListsWhere(user)] }, select: { id: true } });
  if (!list) throw invalid("Choose a target list.", { targetListId: ["Choose a target list."] });
  if (fields.assigneeId) {
    const assignee = await db.user.findFirst({ where: { id: fields.assigneeId, accountId: user.accountId, isServiceAccount: false }, select: { id: true } });
    if (!assignee) throw invalid("Choose an engineer of your account.", { assigneeId: ["Choose an engineer of your account."] });
  }
}

export const createSchedule = authedAction({ schema: createScheduleSchema, role: MANAGE_ROLE }, async ({ flowId, active, ...fields }, user) => {
  const cron = checkExpression(fields.cron, fields.timezone);
  const flow = await getVisibleFlowOrThrow(user, flowId, { id: true, type: true, status: true, isActive: true });
  if (flow.type !== "maintenance") throw invalid("Only maintenance flows have schedules.");
  if (active) assertFlowRunnable(flow);
  await checkRefs(user, fields);
  const schedule = await db.schedule.create({
    data: {
      accountId: user.accountId, teamId: user.teamId, flowId, createdById: user.id, cron, timezone: fields.timezone,
      targetListId: fields.targetListId, assigneeId: fields.assigneeId, active,
      nextRunAt: active ? firstRunAfter(cron, fields.timezone, new Date()) : null,
    },
    select: { id: true },
  });
  revalidatePath(`/flows/${flowId}`);
  revalidatePath("/maintenance");
  return { id: schedule.id };
});

export const updateSchedule = authedAction({ schema: updateScheduleSchema, role: MANAGE_ROLE }, async ({ scheduleId, active, ...fields }, user) => {
  const cron = checkExpression(fields.cron, fields.timezone);
  // The schedule first: another account's (or an invisible) schedule is "not found", whatever list was sent.
  const existing = await db.schedule.findFirst({ where: { AND: [{ id: scheduleId }, visibleSchedulesWhere(user)] }, select: { flowId: true, flow: { select: { status: true, isActive: true } } } });
  if (!existing) throw notFound("Schedule");
  if (active) assertFlowRunnable(existing.flow);
  await checkRefs(user, fields);
  await db.schedule.updateMany({
    where: { AND: [{ id: scheduleId }, visibleSchedulesWhere(user)] },
    data: {
      cron, timezone: fields.timezone, targetListId: fields.targetListId, assigneeId: fields.assigneeId, active, lastError: null,
      nextRunAt: active ? firstRunAfter(cron, fields.timezone, new Date()) : null,
    },
  });
  revalidatePath(`/flows/${existing.flowId}`);
  revalidatePath("/maintenance");
  return { id: scheduleId };
});

export const setScheduleActive = authedAction({ schema: scheduleActiveSchema, role: MANAGE_ROLE }, async ({ scheduleId, active }, user) => {
  const existing = await db.schedule.findFirst({
    where: { AND: [{ id: scheduleId }, visibleSchedulesWhere(user)] },
    select: { flowId: true, cron: true, timezone: true, targetListId: true, flow: { select: { status: true, isActive: true } } },
  });
  if (!existing) throw notFound("Schedule");
  let nextRunAt: Date | null = null;
  if (active) {
    assertFlowRunnable(existing.flow);
    if (!existing.targetListId) throw invalid("Its target list was deleted: edit the schedule to choose another list.");
    const parsed = parseSchedule(existing.cron, existing.timezone);
    if (!parsed.ok) throw invalid(parsed.problem.message);
    nextRunAt = firstRunAfter(existing.cron, existing.timezone, new Date());
  }
  await db.schedule.updateMany({ where: { id: scheduleId, accountId: user.accountId }, data: { active, nextRunAt, lastError: null } });
  revalidatePath(`/flows/${existing.flowId}`);
  revalidatePath("/maintenance");
  return { id: scheduleId, nextRunAt: nextRunAt?.toISOString() ?? null };
});

export const deleteSchedule = authedAction({ schema: scheduleRefSchema, role: MANAGE_ROLE }, async ({ scheduleId }, user) => {
  const existing = await db.schedule.findFirst({ where: { AND: [{ id: scheduleId }, visibleSchedulesWhere(user)] }, select: { flowId: true } });
  if (!existing) throw notFound("Schedule");
  await db.schedule.deleteMany({ where: { id: scheduleId, accountId: user.accountId } });
  revalidatePath(`/flows/${existing.flowId}`);
  revalidatePath("/maintenance");
  return { id: scheduleId };
});
