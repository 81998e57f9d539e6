// Outgoing mail goes through one transport, chosen from the environment (lib/env.ts):
// - "smtp" when SMTP_URL is set: real delivery with nodemailer;
// - "outbox" only when DEV_OUTBOX=1: each message goes to the server log and the dev outbox
//   page (/dev/outbox), for local demos and tests without a mail server;
// - otherwise none: sending fails with a message naming both variables (and a production
//   server refuses to start, see instrumentation.ts).
import type { Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { MAIL_NOT_CONFIGURED, serverEnv } from "@/lib/env";

export type MailMessage = { to: string; subject: string; text: string };

export interface MailTransport {
  readonly name: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
}

export const outboxTransport: MailTransport = {
  name: "outbox",
  async send(message) {
    console.info(`[mail] to=${message.to} subject="${message.subject}"\n${message.text}`);
    await db.outboxMessage.create({ data: message });
  },
};

export function smtpTransport(url: string, from: string): MailTransport {
  // nodemailer loads on the first send, so servers using the outbox never load it.
  let transporter: Promise<Transporter> | undefined;
  const connect = async () => {
    const [{ default: nodemailer }, { default: SMTPTransport }] = await Promise.all([import("nodemailer"), import("nodemailer/lib/smtp-transport")]);
    // Bounded waits, so a dead mail server fails a request instead of hanging it.
    return nodemailer.createTransport(new SMTPTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }));
  };
  return {
    name: "smtp",
    async send(message) {
      transporter ??= connect().catch((error: unknown) => {
        transporter = undefined;
        throw error;
      });
      await (await transporter).sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

let smtp: { url: string; transport: MailTransport } | undefined;

export function mailTransport(): MailTransport {
  const mail = serverEnv().mail;
  switch (mail.transport) {
    case "smtp": {
      const url = mail.smtpUrl!;
      if (smtp?.url !== url) smtp = { url, transport: smtpTransport(url, mail.from) };
      return smtp.transport;
    }
    case "outbox":
      return outboxTransport;
    case "none":
      throw new Error(MAIL_NOT_CONFIGURED);
  }
}

/** Whether the dev outbox page exists: only with DEV_OUTBOX=1 and no real mail server. */
export const outboxEnabled = () => serverEnv().mail.transport === "outbox";

export const sendMail = (message: MailMessage) => mailTransport().send(message);

export const appUrl = (path: string) => new URL(path, serverEnv().APP_URL).toString();
