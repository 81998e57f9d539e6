// The cron route's tick: run-due with the app's client (scripts outside Next pass their own),
// then the proposal sweep and the webhook outbox drain (lib/maintenance/tick.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { runTick } from "./tick";

export const runCronTick = () => runTick(db);
