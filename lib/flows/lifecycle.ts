// Hooks that run inside the transaction of a flow's publish, and of anything that takes a flow
// out of use (unpublish, deactivate, delete). The step library sync (SPEC §6) plugs in here.
import type { Tx } from "@/lib/db/client";

export async function onFlowPublished(tx: Tx, flowId: string): Promise<void> {
  void tx;
  void flowId;
}

export async function onFlowWithdrawn(tx: Tx, flowId: string): Promise<void> {
  void tx;
  void flowId;
}
