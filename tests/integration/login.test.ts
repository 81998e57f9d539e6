// authenticate(): the credential check behind the sign-in form, rate limited in Postgres.
import { faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import {
  authenticate, EMAIL_DELAY_MAX_MS, EMAIL_FAILURES_BEFORE_DELAY, emailDelayMs, LOGIN_WINDOW_MINUTES, loginKeys,
  MAX_FAILURES_PER_IP, MAX_FAILURES_PER_PAIR,
} from "@/lib/auth/login";
import { pruneRateLimitRecords, PRUNE_BATCH, RATE_LIMIT_RETENTION_HOURS } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/factories";

// Each test uses its own addresses so their attempts never count against each other.
const ip = () => faker.internet.ipv6();
const unknownEmail = () => `nobody-${faker.string.alphanumeric(12).toLowerCase()}@example.test`;
const rateLimited = { name: "AppError", code: "rate_limited" };

describe("authenticate", () => {
  it("accepts the right password and returns the user's id", async () => {
    const user = await createUser();
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toEqual({ id: user.id });
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

  it("records every attempt under the (email, IP) pair, the email and the IP", async () => {
    const user = await createUser();
    const from = ip();
    const keys = loginKeys(user.email, from);
    await authenticate(user.email, "wrong-password", from);
    await authenticate(user.email, TEST_PASSWORD, from);
    const rows = await db.loginAttempt.findMany({ where: { key: { in: [keys.pair, keys.email, keys.ip] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.key.split(":")[0], r.succeeded])).toEqual([
      ["pair", false], ["email", false], ["ip", false], ["pair", true], ["email", true], ["ip", true],
    ]);
  });

  it(`stops an (email, IP) pair after ${MAX_FAILURES_PER_PAIR} failures, even with the right password`, async () => {
    const user = await createUser();
    const attacker = ip();
    for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) {
      expect(await authenticate(user.email, `wrong-${i}-password`, attacker)).toBeNull();
    }
    const attempt = authenticate(user.email, TEST_PASSWORD, attacker);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      ...rateLimited,
      message: `Too many failed sign-ins from your network. Try again in ${LOGIN_WINDOW_MINUTES} minutes, or reset your password.`,
    });
    // The owner, from their own address, is not locked out; other people are unaffected.
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toEqual({ id: user.id });
    const other = await createUser();
    expect(await authenticate(other.email, TEST_PASSWORD, attacker)).toEqual({ id: other.id });
  });

  it("the owner signs in from their own address while an attack from many others runs", async () => {
    const owner = await createUser();
    const ownAddress = ip();
    const attackers = Array.from({ length: 12 }, ip);
    const waits: number[] = [];
    const wait = async (ms: number) => { waits.push(ms); };
    // Every attacker address uses up its pair limit and keeps hammering, interleaved with the owner.
    const attack = attackers.map(async (address, a) => {
      for (let i = 0; i < MAX_FAILURES_PER_PAIR + 2; i++) {
        await authenticate(owner.email, `attack-${a}-${i}`, address, { wait }).catch((error: unknown) => {
          expect(error).toMatchObject(rateLimited);
        });
      }
    });
    await Promise.all(attack);
    const failures = await db.loginAttempt.count({ where: { key: loginKeys(owner.email, "").email, succeeded: false } });
    expect(failures).toBe(attackers.length * MAX_FAILURES_PER_PAIR);

    // Slowed down, never refused: the right password from the owner's address works.
    const ownWaits: number[] = [];
    const signedIn = await authenticate(owner.email, TEST_PASSWORD, ownAddress, { wait: async (ms) => { ownWaits.push(ms); } });
    expect(signedIn).toEqual({ id: owner.id });
    expect(ownWaits).toEqual([EMAIL_DELAY_MAX_MS]);
    // And the attack itself was slowed, more as failures piled up.
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBe(EMAIL_DELAY_MAX_MS);
  });

  it("an email's delay grows with its failures from all addresses, and is capped", () => {
    expect(emailDelayMs(0)).toBe(0);
    expect(emailDelayMs(EMAIL_FAILURES_BEFORE_DELAY)).toBe(0);
    const steps = [1, 2, 3, 4].map((n) => emailDelayMs(EMAIL_FAILURES_BEFORE_DELAY + n));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[1]).toBe(steps[0] * 2);
    expect(emailDelayMs(10_000)).toBe(EMAIL_DELAY_MAX_MS);
  });

  it("fewer failures than the pair limit, then the right password, still signs in", async () => {
    const user = await createUser();
    const from = ip();
    for (let i = 0; i < MAX_FAILURES_PER_PAIR - 1; i++) await authenticate(user.email, "wrong-password", from);
    expect(await authenticate(user.email, TEST_PASSWORD, from)).toMatchObject({ id: user.id });
  });

  it("forgets failures older than the window", async () => {
    const user = await createUser();
    const from = ip();
    for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) await authenticate(user.email, "wrong-password", from);
    await expect(authenticate(user.email, TEST_PASSWORD, from)).rejects.toMatchObject(rateLimited);
    await db.loginAttempt.updateMany({
      where: { key: loginKeys(user.email, from).pair },
      data: { createdAt: new Date(Date.now() - (LOGIN_WINDOW_MINUTES + 1) * 60_000) },
    });
    expect(await authenticate(user.email, TEST_PASSWORD, from)).toMatchObject({ id: user.id });
  });

  it(`stops an IP after ${MAX_FAILURES_PER_IP} failures across many emails`, async () => {
    const from = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect(await authenticate(unknownEmail(), "guess-password", from)).toBeNull();
    }
    const user = await createUser();
    await expect(authenticate(user.email, TEST_PASSWORD, from)).rejects.toMatchObject(rateLimited);
    // The same person from another network is fine.
    expect(await authenticate(user.email, TEST_PASSWORD, ip())).toMatchObject({ id: user.id });
  });

  it("parallel guesses for one email from one address cannot get past the pair limit", async () => {
    const user = await createUser();
    const from = ip();
    const guesses = Array.from({ length: 20 }, (_, i) => authenticate(user.email, `parallel-guess-${i}`, from).then(
      (result) => ({ checked: true, result }),
      (error: unknown) => ({ checked: false, result: error }),
    ));
    const outcomes = await Promise.all(guesses);
    const checked = outcomes.filter((o) => o.checked);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_PAIR);
    for (const o of checked) expect(o.result).toBeNull();
    for (const o of outcomes.filter((o) => !o.checked)) expect(o.result).toMatchObject(rateLimited);
    // Only the guesses that were checked count as failures; refused ones leave no trace.
    expect(await db.loginAttempt.count({ where: { key: loginKeys(user.email, from).pair, succeeded: false } })).toBe(checked.length);
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

describe("pruning rate-limit records", () => {
  it(`deletes attempts, hits and ended sessions older than ${RATE_LIMIT_RETENTION_HOURS} h, a bounded batch at a time`, async () => {
    // A clock far ahead, so only this test's rows count as old (other tests' rows are younger too).
    const old = new Date(Date.now() - (RATE_LIMIT_RETENTION_HOURS + 1) * 3_600_000);
    const tag = faker.string.alphanumeric(10);
    await db.loginAttempt.createMany({ data: Array.from({ length: PRUNE_BATCH + 20 }, () => ({ key: `email:old-${tag}`, succeeded: false, createdAt: old })) });
    await db.loginAttempt.create({ data: { key: `email:new-${tag}`, succeeded: false } });
    await db.rateLimitHit.createMany({ data: [{ key: `reset-ip:old-${tag}`, createdAt: old }, { key: `reset-ip:new-${tag}` }] });
    const user = await createUser();
    await db.userSession.createMany({
      data: [
        { userId: user.id, expiresAt: old },
        { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), revokedAt: old },
        { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
      ],
    });

    const first = await pruneRateLimitRecords();
    expect(first.loginAttempts).toBe(PRUNE_BATCH);
    expect(first.rateLimitHits).toBeGreaterThanOrEqual(1);
    expect(first.userSessions).toBeGreaterThanOrEqual(2);
    await pruneRateLimitRecords();
    expect(await db.loginAttempt.count({ where: { key: `email:old-${tag}` } })).toBe(0);
    expect(await db.loginAttempt.count({ where: { key: `email:new-${tag}` } })).toBe(1);
    expect(await db.rateLimitHit.findMany({ where: { key: { endsWith: tag } }, select: { key: true } })).toEqual([{ key: `reset-ip:new-${tag}` }]);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(1);
  });
});
