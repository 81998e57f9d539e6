// session.completed, batch.completed and session.escalated, emitted inside the transaction that
// completes a session (lib/sessions/sessions.actions.ts#completeSession, escalateSession).
import type { Tx } from "@/lib/db/client";
import { appLink } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type BatchScoreColumns, boxScoreOfBatch } from "@/lib/maintenance/progress";
import { emitWebhookEvent } from "./emit";

/** What completeSession's UPDATE returns, for the payload (no extra read). */
export const SESSION_EVENT_SELECT = {
  id: true, accountId: true, flowId: true, flowName: true, flowType: true, flowVersion: { select: { version: true } },
  status: true, outcome: true, outcomeNotes: true, nextSteps: true, startedAt: true, completedAt: true,
  owner: { select: { id: true, name: true, email: true } }, batchId: true, targetLabel: true, variables: true,
} satisfies Prisma.SessionSelect;

type CompletedSession = Prisma.SessionGetPayload<{ select: typeof SESSION_EVENT_SELECT }>;

const link = appLink;

export function sessionCompletedPayload(session: CompletedSession) {
  return {
    session: {
      id: session.id,
      url: link(`/sessions/${session.id}`),
      flow: { id: session.flowId, name: session.flowName, type: session.flowType, version: session.flowVersion?.version ?? null },
      outcome: session.outcome,
      notes: session.outcomeNotes,
      nextSteps: session.nextSteps,
      variables: session.variables,
      startedAt: session.startedAt?.toISOString() ?? null,
      completedAt: session.completedAt?.toISOString() ?? null,
      engineer: session.owner,
      batch: session.batchId ? { id: session.batchId, target: session.targetLabel } : null,
    },
  };
}

export async function emitSessionCompleted(tx: Tx, session: CompletedSession): Promise<void> {
  await emitWebhookEvent(tx, { accountId: session.accountId, type: "session.completed", payload: sessionCompletedPayload(session) });
  if (session.batchId) await emitBatchCompletedIfLast(tx, session.batchId, session.completedAt ?? new Date());
}

/**
 * batch.completed, exactly once, from the batch's box-score roll-up (no session is read). The
 * completing UPDATE's statement trigger has already added this session to the roll-up and holds
 * the batch row's lock, so of two "last" sessions finishing at once, the second waits for the
 * first's commit, reads its count, and only one of them sees every target finished.
 */
async function emitBatchCompletedIfLast(tx: Tx, batchId: string, completedAt: Date): Promise<void> {
  const [row] = await tx.$queryRaw<(BatchScoreColumns & { id: string; accountId: string; flowId: string | null; flowName: string; scheduleId: string | null; createdAt: Date })[]>`
    SELECT id, "accountId", "flowId", "flowName", "scheduleId", "createdAt",
           "notStartedCount", "inProgressCount", "completedCount", "withIssuesCount", "abortedCount"
      FROM "Batch" WHERE id = ${batchId}::uuid FOR NO KEY UPDATE`;
  if (!row) return;
  const score = boxScoreOfBatch(row);
  if (!score.done) return;
  await emitWebhookEvent(tx, {
    accountId: row.accountId,
    type: "batch.completed",
    payload: {
      batch: {
        id: row.id,
        url: link(`/maintenance/batches/${row.id}`),
        flow: { id: row.flowId, name: row.flowName },
        scheduled: row.scheduleId !== null,
        targets: score.total,
        completed: score.completed,
        completedWithIssues: score.completed_with_issues,
        aborted: score.aborted,
        launchedAt: row.createdAt.toISOString(),
        completedAt: completedAt.toISOString(),
      },
    },
  });
}

/**
 * session.escalated, inside the escalation's transaction; the escalation also completes the
 * session (outcome "escalated"), so session.completed goes with it, like any completion.
 */
export async function emitSessionEscalated(
  tx: Tx,
  session: CompletedSession,
  escalation: { id: string; reason: string; category: string | null; from: { id: string; name: string }; notified: number },
): Promise<void> {
  await emitWebhookEvent(tx, {
    accountId: session.accountId,
    type: "session.escalated",
    payload: {
      ...sessionCompletedPayload(session),
      escalation: { id: escalation.id, url: appLink(`/escalations/${escalation.id}`), reason: escalation.reason, category: escalation.category, from: escalation.from, notified: escalation.notified },
    },
  });
  await emitSessionCompleted(tx, session);
}
