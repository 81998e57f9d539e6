// Outbox retention: the cron tick deletes succeeded and failed deliveries last touched more than
// WEBHOOK_RETENTION_DAYS ago (their attempts go with them, ON DELETE CASCADE), then events old
// enough that no delivery is left for them. Bounded: each statement deletes at most `batchSize`
// rows (DELETE … WHERE id IN (SELECT … LIMIT n)), at most `maxBatches` of them per tick, so a
// backlog is worked off over several ticks without one long lock or transaction. Rows another
// pruner holds are skipped (FOR UPDATE SKIP LOCKED); pending deliveries are never touched.
import type { Db } from "@/lib/db/client";
import { webhookRetentionDays } from "@/lib/env";

export const PRUNE_BATCH_SIZE = 1_000;
export const PRUNE_MAX_BATCHES = 10;

export type PruneOptions = { now?: Date; retentionDays?: number; batchSize?: number; maxBatches?: number };
export type PruneResult = { deliveries: number; events: number };

export async function pruneWebhookOutbox(db: Db, options: PruneOptions = {}): Promise<PruneResult> {
  const days = options.retentionDays ?? webhookRetentionDays();
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const size = options.batchSize ?? PRUNE_BATCH_SIZE;
  const batches = options.maxBatches ?? PRUNE_MAX_BATCHES;
  const result: PruneResult = { deliveries: 0, events: 0 };
  for (let i = 0; i < batches; i += 1) {
    const deleted = await db.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE id IN (
        SELECT id FROM "WebhookDelivery"
        WHERE status IN ('succeeded', 'failed') AND "updatedAt" < ${cutoff}
        LIMIT ${size} FOR UPDATE SKIP LOCKED)`;
    result.deliveries += deleted;
    if (deleted < size) break;
  }
  for (let i = 0; i < batches; i += 1) {
    const deleted = await db.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE id IN (
        SELECT ev.id FROM "WebhookEvent" ev
        WHERE ev."createdAt" < ${cutoff} AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = ev.id)
        ORDER BY ev."createdAt" LIMIT ${size} FOR UPDATE SKIP LOCKED)`;
    result.events += deleted;
    if (deleted < size) break;
  }
  return result;
}
