// /api/v1/batches: launch (launchBatchFor, as the Run on targets dialog) and status with
// per-target results (getBatchResults, as the batch hub's CSV export).
import "server-only";
import type { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { forbidden } from "@/lib/errors";
import { MANAGE_ROLE } from "@/lib/maintenance/access";
import { launchBatchFor } from "@/lib/maintenance/launch-batch";
import { getBatchResults } from "@/lib/maintenance/queries";
import type { ApiPrincipal } from "./keys";
import type { batchDetail, launchBatchBody } from "./schemas";

type Viewer = ApiPrincipal["user"];

export async function getBatch(user: Viewer, batchId: string): Promise<z.input<typeof batchDetail>> {
  const hub = await getBatchResults(user, batchId);
  const { total, finished, percent, done, ...counts } = hub.score;
  return {
    id: hub.id, flowId: hub.flowId, flowName: hub.flowName, createdAt: hub.createdAt, launchedBy: hub.launchedBy,
    done, counts, total, finished, percent,
    results: hub.cards.map((c) => ({
      sessionId: c.sessionId, target: c.target, state: c.state, outcome: c.outcome,
      steps: { done: c.progress.done, skipped: c.progress.skipped, failed: c.progress.failed, total: c.progress.total },
      engineer: c.engineer, startedAt: c.startedAt, completedAt: c.completedAt, notes: c.notes,
    })),
  };
}

export async function launchBatchApi(user: Viewer, body: z.output<typeof launchBatchBody>) {
  if (!hasRole(user.role, MANAGE_ROLE)) throw forbidden();
  const { id } = await launchBatchFor(user, body);
  return getBatch(user, id);
}
