// Hooks that run inside the transaction of a flow's publish, and of anything that takes a flow
// out of use (unpublish, deactivate, delete): the step library sync (SPEC §6), and pausing a
// maintenance flow's schedules (SPEC §7). If a hook fails, the whole transaction fails.
import type { Tx } from "@/lib/db/client";
import { deactivateFlowSteps, syncFlowToLibrary } from "@/lib/library/sync";
import { pauseFlowSchedules } from "@/lib/maintenance/pause";

export async function onFlowPublished(tx: Tx, flowId: string, publishedById: string | null = null): Promise<void> {
  await syncFlowToLibrary(tx, flowId, publishedById);
}

export async function onFlowWithdrawn(tx: Tx, flowId: string): Promise<void> {
  await deactivateFlowSteps(tx, flowId);
  await pauseFlowSchedules(tx, flowId);
}
