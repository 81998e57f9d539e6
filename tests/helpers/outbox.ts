// Reads mail the log transport wrote to the OutboxMessage table, as a person reading their inbox would.
import { vi } from "vitest";
import { db } from "@/lib/db/client";

/** The log transport prints every message; keep test output readable. */
export function silenceMailLog() {
  vi.spyOn(console, "info").mockImplementation(() => {});
}

export function mailTo(email: string) {
  return db.outboxMessage.findMany({ where: { to: email }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** The token in the newest mailed link `/<kind>/<token>` to this address. */
export async function tokenFromMail(email: string, kind: "reset" | "verify"): Promise<string> {
  const messages = await mailTo(email);
  const last = messages.at(-1);
  if (!last) throw new Error(`no mail to ${email}`);
  const match = last.text.match(new RegExp(`/${kind}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no /${kind}/ link in mail to ${email}:\n${last.text}`);
  return match[1];
}
