// authenticate(): the credential check behind the sign-in form, rate limited in Postgres.
import { faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import { authenticate, LOGIN_WINDOW_MINUTES, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/lib/auth/login";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/factories";

// Each test uses its own addresses so their attempts never count against each other.
const ip = () => faker.internet.ipv6();
const unknownEmail = () => `nobody-${faker.string.alphanumeric(12).toLowerCase()}@example.test`;
const rateLimited = { name: "AppError", code: "rate_limited" };

describe("authenticate", () => {
  it("accepts the right password and returns the id and session version", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: 3 } });
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toEqual({ id: user.id, sessionVersion: 3 });
  });

  it("treats the email case- and space-insensitively", async () => {
    const user = await createUser();
    expect(await authenticate(`  ${user.email.toUpperCase()}\t`, TEST_PASSWORD, ip())).toMatchObject({ id: user.id });
  });

  it("refuses a wrong password, a password differing only in case or spacing, and an empty one", async () => {
    const user = await createUser();
    const from = ip();
    for (const wrong of ["wrong-password", TEST_PASSWORD.toUpperCase(), ` ${TEST_PASSWORD}`, ""]) {
      expect(await authenticate(user.email, wrong, from)).toBeNull();
    }
  });

  it("refuses an unknown email", async () => {
    expect(await authenticate(unknownEmail(), TEST_PASSWORD, ip())).toBeNull();
  });

  it("never lets the service account sign in, even with its password", async () => {
    const service = await createUser();
    await db.user.update({ where: { id: service.id }, data: { isServiceAccount: true } });
    expect(await authenticate(service.email, TEST_PASSWORD, ip())).toBeNull();
  });

  it("records every attempt under the email key and the IP key", async () => {
    const user = await createUser();
    const from = ip();
    await authenticate(user.email, "wrong-password", from);
    await authenticate(user.email, TEST_PASSWORD, from);
    const rows = await db.loginAttempt.findMany({ where: { key: { in: [`email:${user.email}`, `ip:${from}`] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.key.split(":")[0], r.succeeded])).toEqual([
      ["email", false], ["ip", false], ["email", true], ["ip", true],
    ]);
  });

  it(`locks an email after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password, from any IP`, async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await authenticate(user.email, `wrong-${i}-password`, ip())).toBeNull();
    }
    const attempt = authenticate(user.email, TEST_PASSWORD, ip());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ ...rateLimited, message: `Too many failed sign-ins. Try again in ${LOGIN_WINDOW_MINUTES} minutes.` });
    // Other people are unaffected.
    const other = await createUser();
    expect(await authenticate(other.email, TEST_PASSWORD, ip())).toMatchObject({ id: other.id });
  });

  it("fewer failures than the limit, then the right password, still signs in", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await authenticate(user.email, "wrong-password", ip());
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toMatchObject({ id: user.id });
  });

  it("forgets failures older than the window", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await authenticate(user.email, "wrong-password", ip());
    await expect(authenticate(user.email, TEST_PASSWORD, ip())).rejects.toMatchObject(rateLimited);
    await db.loginAttempt.updateMany({
      where: { key: `email:${user.email}` },
      data: { createdAt: new Date(Date.now() - (LOGIN_WINDOW_MINUTES + 1) * 60_000) },
    });
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toMatchObject({ id: user.id });
  });

  it(`locks an IP after ${MAX_FAILURES_PER_IP} failures across many emails`, async () => {
    const from = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect(await authenticate(unknownEmail(), "guess-password", from)).toBeNull();
    }
    const user = await createUser();
    await expect(authenticate(user.email, TEST_PASSWORD, from)).rejects.toMatchObject(rateLimited);
    // The same person from another network is fine: the email itself has no failures.
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toMatchObject({ id: user.id });
  });

  it("parallel guesses for one email cannot get past the limit", async () => {
    const user = await createUser();
    const guesses = Array.from({ length: 20 }, (_, i) => authenticate(user.email, `parallel-guess-${i}`, ip()).then(
      (result) => ({ checked: true, result }),
      (error: unknown) => ({ checked: false, result: error }),
    ));
    const outcomes = await Promise.all(guesses);
    const checked = outcomes.filter((o) => o.checked);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL);
    for (const o of checked) expect(o.result).toBeNull();
    for (const o of outcomes.filter((o) => !o.checked)) expect(o.result).toMatchObject(rateLimited);
    // Only the guesses that were checked count as failures; refused ones leave no trace.
    expect(await db.loginAttempt.count({ where: { key: `email:${user.email}`, succeeded: false } })).toBe(checked.length);
  });

  it("parallel guesses from one IP cannot get past the limit", async () => {
    const from = ip();
    const outcomes = await Promise.all(Array.from({ length: MAX_FAILURES_PER_IP + 15 }, () =>
      authenticate(unknownEmail(), "guess-password", from).then(() => "checked", () => "limited"),
    ));
    expect(outcomes.filter((o) => o === "checked").length).toBeLessThanOrEqual(MAX_FAILURES_PER_IP);
    expect(outcomes.filter((o) => o === "limited").length).toBeGreaterThanOrEqual(15);
  });
});
