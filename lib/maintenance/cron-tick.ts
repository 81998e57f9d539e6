// The cron route's tick: run-due with the app's client (scripts outside Next pass their own),
// then a bounded sweep of completed sessions that proposal analysis has not claimed yet.
import "server-only";
import { db } from "@/lib/db/client";
import { sweepUnanalysedSessions } from "@/lib/proposals/analyse";
import { runDueSchedules } from "./run-due";

export async function runCronTick() {
  const schedules = await runDueSchedules(db);
  return { ...schedules, proposals: await sweepUnanalysedSessions(db) };
}
