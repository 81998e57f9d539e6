// Outgoing mail goes through a transport. The default ("log") writes each message to the
// server log and to the dev outbox page (/dev/outbox), so sign-up, reset and verification
// work with no mail server. A real transport implements the same interface.
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";

export type MailMessage = { to: string; subject: string; text: string };

export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
}

export const logTransport: MailTransport = {
  name: "log",
  async send(message) {
    console.info(`[mail] to=${message.to} subject="${message.subject}"\n${message.text}`);
    await db.outboxMessage.create({ data: message });
  },
};

export function mailTransport(): MailTransport {
  switch (serverEnv().MAIL_TRANSPORT) {
    case "log":
      return logTransport;
  }
}

/** Whether the dev outbox page may show mail (only while mail is not really sent). */
export const outboxEnabled = () => mailTransport() === logTransport;

export const sendMail = (message: MailMessage) => mailTransport().send(message);

export const appUrl = (path: string) => new URL(path, serverEnv().APP_URL).toString();
