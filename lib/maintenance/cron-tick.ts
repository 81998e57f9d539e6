// The cron route's tick: run-due with the app's client (scripts outside Next pass their own).
import "server-only";
import { db } from "@/lib/db/client";
import { runDueSchedules } from "./run-due";

export const runCronTick = () => runDueSchedules(db);
