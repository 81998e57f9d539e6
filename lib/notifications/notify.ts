// Telling people: one in-app notification row per recipient (written in the caller's
// transaction, so it exists exactly when the change does) and an email through lib/mail after
// the commit. A mail failure is logged and never undoes the change: the bell still has it.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { appUrl, sendMail } from "@/lib/mail/transport";

export type NotificationKind = "escalation_created" | "escalation_claimed" | "escalation_resolved";
export type Recipient = { id: string; email: string; name: string };
export type NewNotification = { kind: NotificationKind; title: string; body: string; href: string };

export async function notifyInApp(tx: Tx, accountId: string, recipients: Recipient[], note: NewNotification) {
  if (!recipients.length) return 0;
  const { count } = await tx.notification.createMany({
    data: recipients.map((r) => ({ accountId, userId: r.id, kind: note.kind, title: note.title.slice(0, 200), body: note.body, href: note.href })),
  });
  return count;
}

/** Emails each recipient (after the transaction committed). Returns how many were sent. */
export async function notifyByEmail(recipients: Recipient[], note: NewNotification, details = ""): Promise<number> {
  let sent = 0;
  for (const r of recipients) {
    try {
      await sendMail({
        to: r.email,
        subject: note.title,
        text: [`Hello ${r.name},`, "", note.body, "", `Open it: ${appUrl(note.href)}`, details ? `\n${details}` : ""].join("\n"),
      });
      sent += 1;
    } catch (error) {
      // Mail not configured or the server is down: the in-app notification still stands.
      console.warn("[notify] email not sent", error instanceof Error ? error.message : error);
    }
  }
  return sent;
}
