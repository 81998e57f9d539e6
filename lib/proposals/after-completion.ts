// The completion hook: proposal analysis runs after the response of the request that completed
// the session (next/server after()), so completing never waits for it.
import "server-only";
import { after } from "next/server";
import { analyseCompletedSession } from "./analyse";

export function analyseAfterResponse(sessionId: string): void {
  const run = () => analyseCompletedSession(sessionId).then(
    () => undefined,
    (error) => console.error(`[proposals] analysis of session ${sessionId} failed`, error),
  );
  try {
    after(run);
  } catch {
    // Outside a request (scripts, tests calling the action directly) there is no "after the
    // response": the session stays unanalysed and the cron tick's sweep claims it.
  }
}
