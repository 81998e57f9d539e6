// Credential check behind the sign-in form, rate limited per email and per IP in Postgres.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export type AuthenticatedUser = { id: string; sessionVersion: number };

export async function authenticate(emailInput: string, password: string, ip: string): Promise<AuthenticatedUser | null> {
  const email = emailInput.trim().toLowerCase();
  const emailKey = `email:${email}`;
  const ipKey = `ip:${ip}`;
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);

  // Record the attempt as a failure *before* counting, so parallel guesses count each other:
  // the k-th attempt to be recorded sees at least k failures, so at most the limit get through.
  const attemptIds = (
    await db.loginAttempt.createManyAndReturn({
      data: [
        { key: emailKey, succeeded: false },
        { key: ipKey, succeeded: false },
      ],
      select: { id: true },
    })
  ).map((attempt) => attempt.id);

  const failures = await db.loginAttempt.groupBy({
    by: ["key"],
    where: { key: { in: [emailKey, ipKey] }, succeeded: false, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const count = (key: string) => failures.find((f) => f.key === key)?._count._all ?? 0;
  if (count(emailKey) > MAX_FAILURES_PER_EMAIL || count(ipKey) > MAX_FAILURES_PER_IP) {
    // A refused attempt checked no password, so it does not extend the lockout.
    await db.loginAttempt.deleteMany({ where: { id: { in: attemptIds } } });
    throw new AppError("rate_limited", `Too many failed sign-ins. Try again in ${LOGIN_WINDOW_MINUTES} minutes.`);
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, isServiceAccount: true, sessionVersion: true },
  });
  const ok = user && !user.isServiceAccount
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);

  if (ok) await db.loginAttempt.updateMany({ where: { id: { in: attemptIds } }, data: { succeeded: true } });
  return ok && user ? { id: user.id, sessionVersion: user.sessionVersion } : null;
}
