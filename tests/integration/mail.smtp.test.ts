// Real mail delivery: with SMTP_URL set, the app's mail goes over SMTP (nodemailer) to a real
// SMTP server started here (smtp-server), and arrives as a mail client would read it; the dev
// outbox stays empty.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset, resetPassword } from "@/lib/auth/auth.actions";
import { authenticate } from "@/lib/auth/login";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { mailTransport, outboxEnabled, sendMail, smtpTransport } from "@/lib/mail/transport";
import { createUser } from "@/tests/helpers/factories";

type Delivery = { from: string; to: string[]; mail: ParsedMail };

const SMTP_USER = "mailer";
const SMTP_PASSWORD = "smtp-test-password";
const MAIL_FROM = "ResolutionFlow Help Desk <helpdesk@example.test>";
const REFUSED_RECIPIENT = "nobody@refused.example.test";

let server: SMTPServer;
let port: number;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED_RECIPIENT) return callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          deliveries.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
  // Read by lib/env.ts on first use (this file's modules are its own).
  process.env.SMTP_URL = `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`;
  process.env.MAIL_FROM = MAIL_FROM;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  deliveries.length = 0;
});

describe("mail over SMTP (SMTP_URL set)", () => {
  it("chooses the SMTP transport and turns the dev outbox off, even with DEV_OUTBOX=1", () => {
    expect(process.env.DEV_OUTBOX).toBe("1");
    expect(serverEnv().mail).toEqual({ transport: "smtp", smtpUrl: process.env.SMTP_URL, from: MAIL_FROM });
    expect(mailTransport().name).toBe("smtp");
    expect(outboxEnabled()).toBe(false);
  });

  it("delivers a password reset to the right recipient, with the subject and a link that works", async () => {
    const user = await createUser();
    expect(await requestPasswordReset({ email: user.email })).toEqual({ ok: true, data: { sent: true } });

    expect(deliveries).toHaveLength(1);
    const [{ from, to, mail }] = deliveries;
    expect(to).toEqual([user.email]);
    expect(from).toBe("helpdesk@example.test");
    expect(mail.from?.text).toBe(`"ResolutionFlow Help Desk" <helpdesk@example.test>`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([user.email]);
    expect(mail.subject).toBe("Reset your ResolutionFlow password");
    const link = mail.text?.match(/http:\/\/localhost:3000\/reset\/([A-Za-z0-9_-]+)/);
    expect(link, mail.text).not.toBeNull();

    // Following the link sets a new password.
    const password = "a-password-from-real-mail";
    expect(await resetPassword({ token: link![1], password, confirm: password })).toMatchObject({ ok: true });
    expect(await authenticate(user.email, password, "198.51.100.7")).toMatchObject({ id: user.id });
    // Nothing went to the dev outbox.
    expect(await db.outboxMessage.count({ where: { to: user.email } })).toBe(0);
  });

  it("fails the send when the server refuses the recipient, instead of pretending it went out", async () => {
    await expect(sendMail({ to: REFUSED_RECIPIENT, subject: "Hello", text: "Body" })).rejects.toThrow(/No such user here/);
    expect(deliveries).toHaveLength(0);
  });

  it("answers a reset request whose mail is refused exactly as one for an unknown email (no account enumeration)", async () => {
    await createUser({ email: REFUSED_RECIPIENT });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const refused = await requestPasswordReset({ email: REFUSED_RECIPIENT });
      const unknown = await requestPasswordReset({ email: "no-account-here@example.test" });
      expect(refused).toEqual(unknown);
      expect(refused).toEqual({ ok: true, data: { sent: true } });
      expect(deliveries).toHaveLength(0);
      expect(String(logged.mock.calls[0]?.[0])).toMatch(/password reset mail not sent/);
    } finally {
      logged.mockRestore();
    }
  });

  it("fails the send when the SMTP credentials are wrong", async () => {
    const wrong = smtpTransport(`smtp://${SMTP_USER}:wrong-password@127.0.0.1:${port}`, MAIL_FROM);
    await expect(wrong.send({ to: "someone@example.test", subject: "Hello", text: "Body" })).rejects.toThrow(/Invalid username or password/);
    expect(deliveries).toHaveLength(0);
  });
});
