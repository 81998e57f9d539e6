// Server-side sessions behind the JWT cookie: requireUser accepts a cookie only while its
// UserSession row is open; sign-out, password change and "sign out everywhere" end rows.
import "@/tests/bench/count-queries";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { changePassword, signOutEverywhere } from "@/lib/auth/account-security.actions";
import { SECURITY_LIMITS } from "@/lib/auth/limits";
import { getCurrentUser, requirePageUser, requireUser } from "@/lib/auth/current-user";
import { authenticate } from "@/lib/auth/login";
import { authOptions, secureCookiesFor } from "@/lib/auth/options";
import { createUserSession } from "@/lib/auth/user-sessions";
import { db } from "@/lib/db/client";
import { countStatements } from "@/tests/bench/count-queries";
import { actAs, createTenant, createUser, TEST_PASSWORD } from "@/tests/helpers/factories";
import { UNREAD_CAP } from "@/lib/notifications/queries";
import { randomBytes } from "node:crypto";
import { setRequestClientIp } from "@/tests/helpers/request-ip-double";
import { faker } from "@faker-js/faker";

const NEW_PASSWORD = "a-different-long-password";
const change = (currentPassword: string, password = NEW_PASSWORD) => changePassword({ currentPassword, password, confirm: password });
const isOpen = async (sessionId: string) => (await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt === null;

beforeEach(() => setRequestClientIp(null));

describe("session records", () => {
  it("signing in through next-auth opens a session row that the cookie names", async () => {
    const user = await createUser();
    const provider = authOptions().providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<{ id: string; sid: string } | null> } };
    const signedIn = await provider.options.authorize({ email: user.email, password: TEST_PASSWORD }, { headers: { "x-forwarded-for": faker.internet.ipv4() } });
    expect(signedIn).toMatchObject({ id: user.id, sid: expect.any(String) });
    const row = await db.userSession.findUniqueOrThrow({ where: { id: signedIn!.sid } });
    expect(row).toMatchObject({ userId: user.id, revokedAt: null });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3_600_000);
    // The JWT carries the user and the session; sign-out ends the row.
    const token = await authOptions().callbacks!.jwt!({ token: {}, user: signedIn!, account: null } as never);
    expect(token).toMatchObject({ uid: user.id, sid: signedIn!.sid });
    await authOptions().events!.signOut!({ token, session: null } as never);
    expect(await isOpen(signedIn!.sid)).toBe(false);
    actAs(user, signedIn!.sid);
    expect(await getCurrentUser()).toBeNull();
  });

  it("loads the user, the account and checks the session in one SQL statement", async () => {
    const user = await createUser();
    actAs(user, await createUserSession(user.id));
    const { result, statements } = await countStatements(() => requireUser());
    expect(result).toMatchObject({ id: user.id, accountId: user.accountId, account: { id: user.accountId } });
    expect(statements).toHaveLength(1);
  });

  it("for a page, brings the header's capped counts in that statement: the user's own unread notifications, pending proposals for reviewers only", async () => {
    const { account, admin, engineer } = await createTenant();
    const other = await createTenant();
    const note = (userId: string, accountId: string, readAt: Date | null = null) => ({ accountId, userId, kind: "escalation_created", title: "Escalated", href: "/escalations", readAt });
    await db.notification.createMany({
      data: [note(engineer.id, account.id), note(engineer.id, account.id), note(engineer.id, account.id, new Date()), note(admin.id, account.id), note(other.engineer.id, other.account.id)],
    });
    const proposal = (accountId: string, status: "pending" | "dismissed" = "pending") => ({
      accountId, type: "new_flow" as const, status, flowType: "troubleshooting" as const, title: "Outlook hangs", confidence: 0.8, diff: {}, structure: {},
      fingerprint: randomBytes(32).toString("hex"),
    });
    await db.flowProposal.createMany({ data: [proposal(account.id), proposal(account.id), proposal(account.id, "dismissed"), proposal(other.account.id)] });

    actAs(engineer, await createUserSession(engineer.id));
    const { result, statements } = await countStatements(() => requirePageUser());
    expect(result.header).toEqual({ unreadNotifications: 2, pendingProposals: null });
    expect(statements).toHaveLength(1);
    // Routes and actions read the user without them.
    expect(await requireUser()).not.toHaveProperty("header");
    actAs(admin, await createUserSession(admin.id));
    expect((await requirePageUser()).header).toEqual({ unreadNotifications: 1, pendingProposals: 2 });
    actAs(other.owner, await createUserSession(other.owner.id));
    expect((await requirePageUser()).header).toEqual({ unreadNotifications: 0, pendingProposals: 1 });

    // Counting stops one past the cap (the bell and the badge say "99+").
    await db.notification.createMany({ data: Array.from({ length: UNREAD_CAP + 20 }, () => note(admin.id, account.id)) });
    actAs(admin, await createUserSession(admin.id));
    expect((await requirePageUser()).header.unreadNotifications).toBe(UNREAD_CAP + 1);
  });

  it("refuses a revoked, an expired, another user's and a made-up session", async () => {
    const user = await createUser();
    const other = await createUser();
    const revoked = await createUserSession(user.id);
    await db.userSession.update({ where: { id: revoked }, data: { revokedAt: new Date() } });
    const expired = await createUserSession(user.id);
    await db.userSession.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const othersSession = await createUserSession(other.id);
    for (const sessionId of [revoked, expired, othersSession, crypto.randomUUID()]) {
      actAs(user, sessionId);
      await expect(requireUser()).rejects.toMatchObject({ code: "unauthenticated" });
    }
    actAs(user, await createUserSession(user.id));
    expect((await requireUser()).id).toBe(user.id);
  });

  // next-auth turns useSecureCookies into the Secure flag and the __Secure- name prefix; the
  // e2e journey checks the cookie the browser gets on http.
  it("asks next-auth for Secure cookies exactly when APP_URL is https", async () => {
    expect(secureCookiesFor("https://rf.example.com")).toBe(true);
    expect(secureCookiesFor("http://localhost:3000")).toBe(false);
    // authOptions() reads APP_URL from the environment.
    const before = process.env.APP_URL;
    try {
      vi.resetModules();
      process.env.APP_URL = "https://rf.example.com";
      const fresh = await import("@/lib/auth/options");
      expect(fresh.authOptions().useSecureCookies).toBe(true);
      vi.resetModules();
      process.env.APP_URL = "http://localhost:3000";
      expect((await import("@/lib/auth/options")).authOptions().useSecureCookies).toBe(false);
    } finally {
      process.env.APP_URL = before;
      vi.resetModules();
    }
  });
});

describe("change password", () => {
  it("asks for the current password, then signs out every other device but this one", async () => {
    const user = await createUser();
    const laptop = await createUserSession(user.id);
    const phone = await createUserSession(user.id);
    actAs(user, laptop);

    expect(await change("not-my-password")).toMatchObject({ ok: false, code: "invalid", fieldErrors: { currentPassword: ["This is not your current password."] } });
    expect(await isOpen(phone)).toBe(true);

    expect(await change(TEST_PASSWORD)).toEqual({ ok: true, data: { otherSessionsEnded: 1 } });
    expect(await isOpen(laptop)).toBe(true);
    expect(await isOpen(phone)).toBe(false);
    expect((await requireUser()).id).toBe(user.id);
    actAs(user, phone);
    await expect(requireUser()).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await authenticate(user.email, NEW_PASSWORD, faker.internet.ipv4())).toEqual({ id: user.id });
    expect(await authenticate(user.email, TEST_PASSWORD, faker.internet.ipv4())).toBeNull();
  });

  it("refuses a mismatched confirmation and the same password again, changing nothing", async () => {
    const user = await createUser();
    actAs(user);
    expect(await changePassword({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: "something-else-entirely" }))
      .toMatchObject({ ok: false, fieldErrors: { confirm: ["The passwords do not match."] } });
    expect(await change(TEST_PASSWORD, TEST_PASSWORD)).toMatchObject({ ok: false, fieldErrors: { password: ["Choose a password different from the current one."] } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it(`allows ${SECURITY_LIMITS.changePassword} attempts per ${15} minutes, so the current password cannot be guessed through it`, async () => {
    const user = await createUser();
    actAs(user);
    for (let i = 0; i < SECURITY_LIMITS.changePassword; i++) expect(await change(`wrong-guess-${i}-xx`)).toMatchObject({ code: "invalid" });
    expect(await change(TEST_PASSWORD)).toMatchObject({ ok: false, code: "rate_limited" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("needs a signed-in user", async () => {
    actAs(null);
    expect(await change(TEST_PASSWORD)).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, this one included, and nobody else's", async () => {
    const user = await createUser();
    const other = await createUser();
    const sessions = await Promise.all([1, 2, 3].map(() => createUserSession(user.id)));
    const othersSession = await createUserSession(other.id);
    actAs(user, sessions[0]);
    expect(await signOutEverywhere({})).toEqual({ ok: true, data: { sessionsEnded: 3 } });
    for (const sessionId of sessions) expect(await isOpen(sessionId)).toBe(false);
    expect(await isOpen(othersSession)).toBe(true);
    expect(await signOutEverywhere({})).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it(`is limited to ${SECURITY_LIMITS.signOutEverywhere} per 15 minutes`, async () => {
    const user = await createUser();
    for (let i = 0; i < SECURITY_LIMITS.signOutEverywhere; i++) {
      actAs(user);
      expect((await signOutEverywhere({})).ok).toBe(true);
    }
    actAs(user);
    expect(await signOutEverywhere({})).toMatchObject({ ok: false, code: "rate_limited" });
  });
});
