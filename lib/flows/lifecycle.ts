// Hooks that run inside the transaction of a flow's publish, and of anything that takes a flow
// out of use (unpublish, deactivate, delete): the step library sync (SPEC §6). If a hook
// fails, the whole transaction (and so the publish) fails.
import type { Tx } from "@/lib/db/client";
import { deactivateFlowSteps, syncFlowToLibrary } from "@/lib/library/sync";

export async function onFlowPublished(tx: Tx, flowId: string, publishedById: string | null = null): Promise<void> {
  await syncFlowToLibrary(tx, flowId, publishedById);
}

export async function onFlowWithdrawn(tx: Tx, flowId: string): Promise<void> {
  await deactivateFlowSteps(tx, flowId);
}
