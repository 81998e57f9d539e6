// Pausing schedules at once when what they run on goes away, in the caller's transaction:
// unpublishing or deactivating their flow (lib/flows/lifecycle.ts), deleting their target list
// (targets.actions.ts). The tick would skip them anyway; pausing now means the schedule list
// says why straight away and nothing fires in between. One UPDATE whatever the number.
import type { Tx } from "@/lib/db/client";

export const FLOW_WITHDRAWN = "Paused: the flow was unpublished or deactivated. Publish it again, then resume this schedule.";
export const listDeleted = (name: string) => `Paused: its target list "${name}" was deleted. Edit the schedule to choose another list.`.slice(0, 300);

/** Pauses the active schedules of a flow that is no longer published and active. */
export async function pauseFlowSchedules(tx: Tx, flowId: string): Promise<number> {
  const paused = await tx.schedule.updateMany({ where: { flowId, active: true }, data: { active: false, nextRunAt: null, lastError: FLOW_WITHDRAWN } });
  return paused.count;
}

/** Pauses every schedule that runs on a target list about to be deleted (its link becomes null). */
export async function pauseListSchedules(tx: Tx, listId: string, listName: string): Promise<number> {
  const paused = await tx.schedule.updateMany({ where: { targetListId: listId }, data: { active: false, nextRunAt: null, lastError: listDeleted(listName) } });
  return paused.count;
}
