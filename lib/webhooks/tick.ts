// The webhook part of the cron tick (route, `npm run cron:tick`, `npm start`'s timer): the drain,
// then the outbox retention prune. A failed drain is logged and reported as { error }, so the maintenance part's answer still comes back.
import type { Db } from "@/lib/db/client";
import { drainWebhooks, type DrainResult } from "./drain";
import { pruneWebhookOutbox, type PruneResult } from "./prune";

export async function drainWebhooksForTick(db: Db): Promise<DrainResult | { error: string }> {
  try {
    return await drainWebhooks(db);
  } catch (error) {
    console.error("[cron] webhook drain failed", error);
    return { error: "The webhook drain failed; it runs again at the next tick." };
  }
}

/** The outbox retention prune of the tick; a failure is logged and reported, like the drain's. */
export async function pruneWebhooksForTick(db: Db): Promise<PruneResult | { error: string }> {
  try {
    return await pruneWebhookOutbox(db);
  } catch (error) {
    console.error("[cron] webhook outbox prune failed", error);
    return { error: "The webhook outbox prune failed; it runs again at the next tick." };
  }
}
