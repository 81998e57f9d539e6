// Password reset and email verification: single-use, expiring tokens mailed as links.
import { faker } from "@faker-js/faker";
import { beforeEach, describe, expect, it } from "vitest";
import { createTeam } from "@/lib/account/teams.actions";
import { requestPasswordReset, resendVerification, resetPassword, signUp, verifyEmail } from "@/lib/auth/auth.actions";
import { requireUser } from "@/lib/auth/current-user";
import { AUTH_MAIL_LIMITS } from "@/lib/auth/limits";
import { authenticate } from "@/lib/auth/login";
import { claimAuthToken } from "@/lib/auth/auth-tokens";
import { sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { actAs, createUser, TEST_PASSWORD } from "@/tests/helpers/factories";
import { mailTo, silenceMailLog, tokenFromMail } from "@/tests/helpers/outbox";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { setRequestClientIp } from "@/tests/helpers/request-ip-double";

const NEW_PASSWORD = "a-brand-new-password";
const RESET_REFUSED = "This reset link has expired or was already used. Ask for a new one.";
const VERIFY_REFUSED = "This verification link has expired or was already used.";
const ip = () => faker.internet.ipv4();
const reset = (token: string, password = NEW_PASSWORD) => resetPassword({ token, password, confirm: password });
const lockToken = (token: string) => ({ sql: `SELECT 1 FROM "AuthToken" WHERE "tokenHash" = $1 FOR UPDATE`, params: [sha256(token)] });
const openSessions = (userId: string) => db.userSession.count({ where: { userId, revokedAt: null } });

beforeEach(() => {
  silenceMailLog();
  setRequestClientIp(null);
});

async function userWithResetMail() {
  const user = await createUser();
  expect(await requestPasswordReset({ email: user.email })).toEqual({ ok: true, data: { sent: true } });
  return { user, token: await tokenFromMail(user.email, "reset") };
}

describe("password reset", () => {
  it("mails a /reset/<token> link; only the token's hash is stored", async () => {
    const { user, token } = await userWithResetMail();
    const [mail] = await mailTo(user.email);
    expect(mail.subject).toBe("Reset your ResolutionFlow password");
    expect(mail.text).toContain(`http://localhost:3000/reset/${token}`);
    const stored = await db.authToken.findMany({ where: { userId: user.id, purpose: "password_reset" } });
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const ttl = stored[0].expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(59 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);
  });

  it("accepts the email however it is typed", async () => {
    const user = await createUser();
    await requestPasswordReset({ email: `  ${user.email.toUpperCase()} ` });
    expect(await mailTo(user.email)).toHaveLength(1);
  });

  it("20 claims of one token from parallel transactions, all queued on it at once: exactly one wins", async () => {
    const { user, token } = await userWithResetMail();
    const claims = await raceOnLockedRow(lockToken(token), () =>
      Array.from({ length: 20 }, () => db.$transaction((tx) => claimAuthToken(tx, token, "password_reset"))),
    );
    expect(claims.filter((userId) => userId !== null)).toEqual([user.id]);
    expect(await db.authToken.count({ where: { userId: user.id, purpose: "password_reset", usedAt: { not: null } } })).toBe(1);
  });

  it("6 resets with one token, all queued on the token at once: exactly one succeeds", async () => {
    const { user, token } = await userWithResetMail();
    const passwords = Array.from({ length: 6 }, (_, i) => `parallel-password-${i}`);

    // Every reset has hashed its password and reached the claim before any claim may run.
    const results = await raceOnLockedRow(lockToken(token), () => passwords.map((password) => reset(token, password)));

    const ok = results.flatMap((r, i) => (r.ok ? [passwords[i]] : []));
    expect(ok).toHaveLength(1);
    for (const failure of results.filter((r) => !r.ok)) expect(failure).toMatchObject({ code: "invalid", error: RESET_REFUSED });
    // The winner's password is the one that works.
    expect(await authenticate(user.email, ok[0], ip())).toEqual({ id: user.id });
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toBeNull();
  });

  it("signs out sessions from before the reset", async () => {
    const { user, token } = await userWithResetMail();
    actAs(user);
    expect((await requireUser()).id).toBe(user.id);
    const laptop = (await requireUser()).sessionId;
    actAs(user);
    expect((await requireUser()).id).toBe(user.id);
    // An engineer may not create teams, but is signed in: "forbidden", not "unauthenticated".
    expect(await createTeam({ name: "Before reset" })).toMatchObject({ ok: false, code: "forbidden" });

    expect(await openSessions(user.id)).toBe(2);
    expect(await reset(token)).toEqual({ ok: true, data: { email: user.email } });
    expect(await openSessions(user.id)).toBe(0);

    // Same browser, same cookie: its session was ended, every authed action says "sign in again".
    await expect(requireUser()).rejects.toMatchObject({ code: "unauthenticated" });
    actAs(user, laptop);
    await expect(requireUser()).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await resendVerification({})).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await createTeam({ name: "After reset" })).toMatchObject({ ok: false, code: "unauthenticated" });
    // A fresh sign-in carries the new version and works.
    const fresh = await authenticate(user.email, NEW_PASSWORD, ip());
    expect(fresh).not.toBeNull();
    actAs(fresh);
    expect((await requireUser()).id).toBe(user.id);
    expect(await resendVerification({})).toEqual({ ok: true, data: { alreadyVerified: true } });
    actAs(null);
  });

  it("refuses a token once it has been used", async () => {
    const { user, token } = await userWithResetMail();
    expect((await reset(token)).ok).toBe(true);
    expect(await reset(token, "yet-another-password")).toMatchObject({ ok: false, code: "invalid", error: RESET_REFUSED });
    expect(await authenticate(user.email, NEW_PASSWORD, ip())).not.toBeNull();
  });

  it("refuses an older token once a newer one was mailed", async () => {
    const { user, token: first } = await userWithResetMail();
    await requestPasswordReset({ email: user.email });
    const second = await tokenFromMail(user.email, "reset");
    expect(second).not.toBe(first);

    expect(await reset(first)).toMatchObject({ ok: false, code: "invalid", error: RESET_REFUSED });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
    expect((await reset(second)).ok).toBe(true);
  });

  it("refuses an expired token and changes nothing", async () => {
    const { user, token } = await userWithResetMail();
    await db.authToken.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await reset(token)).toMatchObject({ ok: false, code: "invalid", error: RESET_REFUSED });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ passwordHash: user.passwordHash });
    expect((await db.authToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).usedAt).toBeNull();
  });

  it("refuses a made-up token and a verification token", async () => {
    const user = await createUser();
    expect(await reset("x".repeat(43))).toMatchObject({ ok: false, code: "invalid", error: RESET_REFUSED });
    await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    actAs(user);
    await resendVerification({});
    actAs(null);
    const verifyToken = await tokenFromMail(user.email, "verify");
    expect(await reset(verifyToken)).toMatchObject({ ok: false, code: "invalid", error: RESET_REFUSED });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("answers the same for an unknown email, and mails nothing", async () => {
    const email = `nobody-${faker.string.alphanumeric(10).toLowerCase()}@example.test`;
    const outboxBefore = await db.outboxMessage.count();
    expect(await requestPasswordReset({ email })).toEqual({ ok: true, data: { sent: true } });
    expect(await db.outboxMessage.count()).toBe(outboxBefore);
    expect(await mailTo(email)).toHaveLength(0);
  });

  it("mails nothing for the service account", async () => {
    const service = await createUser();
    await db.user.update({ where: { id: service.id }, data: { isServiceAccount: true, passwordHash: null } });
    expect(await requestPasswordReset({ email: service.email })).toEqual({ ok: true, data: { sent: true } });
    expect(await mailTo(service.email)).toHaveLength(0);
    expect(await db.authToken.count({ where: { userId: service.id } })).toBe(0);
  });

  it(`limits reset mails to ${AUTH_MAIL_LIMITS.resetPerEmail} per email per hour, whether or not the email has an account`, async () => {
    const user = await createUser();
    const unknown = `nobody-${faker.string.alphanumeric(10).toLowerCase()}@example.test`;
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < AUTH_MAIL_LIMITS.resetPerEmail; i++) expect(await requestPasswordReset({ email })).toEqual({ ok: true, data: { sent: true } });
      expect(await requestPasswordReset({ email })).toMatchObject({ ok: false, code: "rate_limited", error: expect.stringMatching(/Too many reset requests/) });
    }
    expect(await mailTo(user.email)).toHaveLength(AUTH_MAIL_LIMITS.resetPerEmail);
  });

  it(`limits reset requests to ${AUTH_MAIL_LIMITS.resetPerIp} per address per hour, across emails`, async () => {
    const address = ip();
    setRequestClientIp(address);
    const emails = Array.from({ length: AUTH_MAIL_LIMITS.resetPerIp + 3 }, () => `nobody-${faker.string.alphanumeric(10).toLowerCase()}@example.test`);
    const results = [];
    for (const email of emails) results.push(await requestPasswordReset({ email }));
    expect(results.filter((r) => r.ok)).toHaveLength(AUTH_MAIL_LIMITS.resetPerIp);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "rate_limited")).toBe(true);
    // Another address is not affected.
    setRequestClientIp(ip());
    expect((await requestPasswordReset({ email: emails[0] })).ok).toBe(true);
  });

  it("rejects mismatched passwords before touching the token", async () => {
    const { token } = await userWithResetMail();
    const result = await resetPassword({ token, password: NEW_PASSWORD, confirm: "something-else-entirely" });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { confirm: ["The passwords do not match."] } });
    expect((await db.authToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).usedAt).toBeNull();
  });
});

describe("email verification", () => {
  async function signUpUnverified() {
    const email = `${faker.string.alphanumeric(12).toLowerCase()}@example.test`;
    const result = await signUp({ name: "Vera", email, password: "a-long-enough-password", companyName: "Verify Co" });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    return { user, token: await tokenFromMail(email, "verify") };
  }

  it("sign-up mails a /verify/<token> link that verifies the email once", async () => {
    const { user, token } = await signUpUnverified();
    expect(user.emailVerifiedAt).toBeNull();
    expect(await verifyEmail({ token })).toEqual({ ok: true, data: { email: user.email } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await verifyEmail({ token })).toMatchObject({ ok: false, code: "invalid", error: VERIFY_REFUSED });
  });

  it("10 verifications with one token, all queued on the token at once: exactly one succeeds", async () => {
    const { user, token } = await signUpUnverified();
    const results = await raceOnLockedRow(lockToken(token), () => Array.from({ length: 10 }, () => verifyEmail({ token })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const failure of results.filter((r) => !r.ok)) expect(failure).toMatchObject({ code: "invalid", error: VERIFY_REFUSED });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await db.authToken.count({ where: { userId: user.id, purpose: "email_verify", usedAt: { not: null } } })).toBe(1);
  });

  it("refuses an expired verification token", async () => {
    const { user, token } = await signUpUnverified();
    await db.authToken.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await verifyEmail({ token })).toMatchObject({ ok: false, code: "invalid", error: VERIFY_REFUSED });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("refuses a password-reset token", async () => {
    const { user, token } = await userWithResetMail();
    await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    expect(await verifyEmail({ token })).toMatchObject({ ok: false, code: "invalid", error: VERIFY_REFUSED });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("resendVerification mails a new link and retires the old one", async () => {
    const { user, token: first } = await signUpUnverified();
    actAs(user);
    expect(await resendVerification({})).toEqual({ ok: true, data: { alreadyVerified: false } });
    actAs(null);
    const mails = await mailTo(user.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe("Verify your email for ResolutionFlow");
    const second = await tokenFromMail(user.email, "verify");
    expect(second).not.toBe(first);

    expect(await verifyEmail({ token: first })).toMatchObject({ ok: false, code: "invalid" });
    expect((await verifyEmail({ token: second })).ok).toBe(true);
  });

  it("resendVerification for a verified user says so and mails nothing", async () => {
    const user = await createUser();
    actAs(user);
    expect(await resendVerification({})).toEqual({ ok: true, data: { alreadyVerified: true } });
    actAs(null);
    expect(await mailTo(user.email)).toHaveLength(0);
  });

  it(`limits verification re-sends to ${AUTH_MAIL_LIMITS.resendPerUser} per hour per user and ${AUTH_MAIL_LIMITS.resendPerIp} per address`, async () => {
    const { user } = await signUpUnverified();
    actAs(user);
    for (let i = 0; i < AUTH_MAIL_LIMITS.resendPerUser; i++) expect((await resendVerification({})).ok).toBe(true);
    expect(await resendVerification({})).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await mailTo(user.email)).toHaveLength(1 + AUTH_MAIL_LIMITS.resendPerUser);

    const address = ip();
    setRequestClientIp(address);
    let sent = 0;
    for (let i = 0; i < 4; i++) {
      const other = await signUpUnverified();
      actAs(other.user);
      for (let j = 0; j < AUTH_MAIL_LIMITS.resendPerUser; j++) if ((await resendVerification({})).ok) sent += 1;
    }
    expect(sent).toBe(AUTH_MAIL_LIMITS.resendPerIp);
    actAs(null);
  });

  it("resendVerification needs a signed-in user", async () => {
    actAs(null);
    expect(await resendVerification({})).toMatchObject({ ok: false, code: "unauthenticated", error: "Please sign in again." });
  });
});

