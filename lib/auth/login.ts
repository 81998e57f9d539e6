// Credential check behind the sign-in form, rate limited in Postgres without letting an
// attacker lock anyone out:
// - a hard limit per (email, client IP) pair: guessing one person's password from one address
//   stops after a few tries, and the owner's own address is a different pair;
// - a hard limit per client IP across all emails (password spraying from one address);
// - across all IPs an email only gets slower: past a number of failures each attempt for it
//   waits a growing, capped delay before the password is checked. It still succeeds with the
//   right password, so no amount of failures from elsewhere locks the owner out.
// The client IP comes from lib/auth/client-ip.ts (TRUSTED_PROXY_HOPS), so forged headers do
// not make fresh buckets.
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { pruneRateLimitRecords } from "./rate-limit";

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_PAIR = 5;
export const MAX_FAILURES_PER_IP = 30;
/** Failures for an email (from any IP) before its attempts start to slow down. */
export const EMAIL_FAILURES_BEFORE_DELAY = 10;
export const EMAIL_DELAY_BASE_MS = 250;
export const EMAIL_DELAY_MAX_MS = 4_000;

/** How long an attempt for an email waits, given its recent failures from all IPs. */
export function emailDelayMs(failures: number): number {
  const over = failures - EMAIL_FAILURES_BEFORE_DELAY;
  if (over <= 0) return 0;
  return Math.min(EMAIL_DELAY_MAX_MS, EMAIL_DELAY_BASE_MS * 2 ** Math.min(over - 1, 16));
}

export const loginKeys = (email: string, ip: string) => ({
  pair: `pair:${email}|${ip}`,
  email: `email:${email}`,
  ip: `ip:${ip}`,
});

export type AuthenticatedUser = { id: string };
type Options = { wait?: (ms: number) => Promise<unknown> };

export async function authenticate(emailInput: string, password: string, ip: string, options: Options = {}): Promise<AuthenticatedUser | null> {
  const email = emailInput.trim().toLowerCase();
  const keys = loginKeys(email, ip);
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);

  // Record the attempt as a failure *before* counting, so parallel guesses count each other:
  // the k-th attempt to be recorded sees at least k failures, so at most the limit get through.
  const attemptIds = (
    await db.loginAttempt.createManyAndReturn({
      data: [keys.pair, keys.email, keys.ip].map((key) => ({ key, succeeded: false })),
      select: { id: true },
    })
  ).map((attempt) => attempt.id);

  const failures = await db.loginAttempt.groupBy({
    by: ["key"],
    where: { key: { in: [keys.pair, keys.email, keys.ip] }, succeeded: false, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const count = (key: string) => failures.find((f) => f.key === key)?._count._all ?? 0;
  if (count(keys.pair) > MAX_FAILURES_PER_PAIR || count(keys.ip) > MAX_FAILURES_PER_IP) {
    // A refused attempt checked no password, so it does not extend the limit.
    await db.loginAttempt.deleteMany({ where: { id: { in: attemptIds } } });
    throw new AppError("rate_limited", `Too many failed sign-ins from your network. Try again in ${LOGIN_WINDOW_MINUTES} minutes, or reset your password.`);
  }
  // This attempt's own row is not a past failure.
  const delay = emailDelayMs(count(keys.email) - 1);
  if (delay > 0) await (options.wait ?? sleep)(delay);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, isServiceAccount: true },
  });
  const ok = user && !user.isServiceAccount
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);

  if (ok) await db.loginAttempt.updateMany({ where: { id: { in: attemptIds } }, data: { succeeded: true } });
  await pruneRateLimitRecords();
  return ok && user ? { id: user.id } : null;
}
