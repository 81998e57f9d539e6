// The cron route's tick: run-due with the app's client (scripts outside Next pass their own),
// then the webhook outbox drain.
import "server-only";
import { db } from "@/lib/db/client";
import { drainWebhooksForTick } from "@/lib/webhooks/tick";
import { runDueSchedules } from "./run-due";

export const runCronTick = async () => ({ ...(await runDueSchedules(db)), webhooks: await drainWebhooksForTick(db) });
