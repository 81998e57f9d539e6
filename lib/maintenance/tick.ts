// One cron tick, whoever runs it: the Vercel Cron route (with the app's server-only client),
// `npm start`'s 60-second timer and `npm run cron:tick` (each with a client of its own). In
// order: due schedules fire; completed sessions that proposal analysis has not claimed yet are
// swept (their proposals may emit webhook events); then the webhook outbox is drained and pruned.
import type { Db } from "@/lib/db/client";
import { sweepUnanalysedSessions } from "@/lib/proposals/analyse";
import { drainWebhooksForTick, pruneWebhooksForTick } from "@/lib/webhooks/tick";
import { runDueSchedules } from "./run-due";

export async function runTick(db: Db) {
  const schedules = await runDueSchedules(db);
  const proposals = await sweepUnanalysedSessions(db);
  const webhooks = await drainWebhooksForTick(db);
  return { ...schedules, proposals, webhooks, webhookPrune: await pruneWebhooksForTick(db) };
}
