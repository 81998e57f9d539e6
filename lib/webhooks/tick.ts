// The webhook part of the cron tick (route, `npm run cron:tick`, `npm start`'s timer). A failed
// drain is logged and reported as { error }, so the maintenance part's answer still comes back.
import type { Db } from "@/lib/db/client";
import { drainWebhooks, type DrainResult } from "./drain";

export async function drainWebhooksForTick(db: Db): Promise<DrainResult | { error: string }> {
  try {
    return await drainWebhooks(db);
  } catch (error) {
    console.error("[cron] webhook drain failed", error);
    return { error: "The webhook drain failed; it runs again at the next tick." };
  }
}
