// Sign-up and invite redemption under real concurrency: parallel signUp() calls share the real
// connection pool and race for the same invite row, all queued on it before any may claim.
import { faker } from "@faker-js/faker";
import { beforeEach, describe, expect, it } from "vitest";
import { createInvite, revokeInvite } from "@/lib/account/invites.actions";
import { signUp } from "@/lib/auth/auth.actions";
import { db } from "@/lib/db/client";
import { actAs, createTenant, createUser } from "@/tests/helpers/factories";
import { mailTo, silenceMailLog } from "@/tests/helpers/outbox";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { setRequestClientIp } from "@/tests/helpers/request-ip-double";
import { AUTH_MAIL_LIMITS } from "@/lib/auth/limits";

const PASSWORD = "a-long-enough-password";
const INVALID_INVITE = "That invite code is not valid. It may have expired, been used up or revoked.";
const uniqueEmail = () => `${faker.string.alphanumeric(12).toLowerCase()}@example.test`;

async function tenantWithInvite(options: { maxUses?: number; role?: "admin" | "engineer" | "l1"; withTeam?: boolean } = {}) {
  const tenant = await createTenant();
  const team = options.withTeam ? await db.team.create({ data: { accountId: tenant.account.id, name: "Service Desk" } }) : null;
  actAs(tenant.admin);
  const result = await createInvite({ role: options.role ?? "engineer", teamId: team?.id ?? null, maxUses: options.maxUses ?? 1, expiresInDays: 7 });
  actAs(null);
  if (!result.ok) throw new Error(result.error);
  return { ...tenant, team, invite: result.data };
}

const redeem = (code: string, email = uniqueEmail()) => signUp({ name: faker.person.fullName(), email, password: PASSWORD, inviteCode: code });

const lockInvite = (inviteId: string) => ({ sql: `SELECT 1 FROM "Invite" WHERE id = $1::uuid FOR UPDATE`, params: [inviteId] });
const SAME_ANSWER_SUBJECT = "Someone tried to sign up with your email";

beforeEach(() => {
  silenceMailLog();
  setRequestClientIp(null);
});

describe("invite redemption", () => {
  it("a single-use invite redeemed by 8 people at once admits exactly one", async () => {
    const { account, invite } = await tenantWithInvite({ maxUses: 1 });
    const emails = Array.from({ length: 8 }, uniqueEmail);

    const results = await raceOnLockedRow(lockInvite(invite.id), () => emails.map((email) => redeem(invite.code, email)));

    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(1);
    for (const failure of results.filter((r) => !r.ok)) {
      expect(failure).toMatchObject({ ok: false, code: "invalid", error: INVALID_INVITE });
    }
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
    // The tenant's 4 members plus the one who got in; nobody else anywhere.
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(5);
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(1);
    const winner = ok[0].ok ? ok[0].data.email : "";
    expect(await db.user.findUniqueOrThrow({ where: { email: winner } })).toMatchObject({ accountId: account.id, role: "engineer" });
    expect(await mailTo(winner)).toHaveLength(1);
  });

  it("a 5-use invite redeemed by 8 people at once admits exactly five, with the invite's role and team", async () => {
    const { account, invite, team } = await tenantWithInvite({ maxUses: 5, role: "l1", withTeam: true });
    const emails = Array.from({ length: 8 }, uniqueEmail);

    const results = await raceOnLockedRow(lockInvite(invite.id), () => emails.map((email) => redeem(invite.code, email)));

    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "invalid")).toBe(true);
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(5);
    const joined = await db.user.findMany({ where: { email: { in: emails } } });
    expect(joined).toHaveLength(5);
    for (const user of joined) expect(user).toMatchObject({ accountId: account.id, role: "l1", teamId: team!.id });
    // No new accounts were made by the redemptions.
    expect(await db.account.count({ where: { users: { some: { email: { in: emails } } } } })).toBe(1);
  });

  it("a sign-up with an existing email answers as for a new one, mails the owner, and does not use up the invite", async () => {
    const { invite, account } = await tenantWithInvite({ maxUses: 1 });
    const existing = await createUser();

    const duplicate = await redeem(invite.code, existing.email.toUpperCase());
    expect(duplicate).toEqual({ ok: true, data: { email: existing.email } });
    const [mail] = await mailTo(existing.email);
    expect(mail).toMatchObject({ subject: SAME_ANSWER_SUBJECT, text: expect.stringContaining("http://localhost:3000/forgot-password") });
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ accountId: existing.accountId });

    const fresh = await redeem(invite.code);
    expect(fresh.ok).toBe(true);
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(5);
  });

  it("a duplicate-email sign-up with a company name leaves no orphan account behind", async () => {
    const existing = await createUser();
    const companyName = `Orphan check ${faker.string.alphanumeric(8)}`;
    const result = await signUp({ name: "Someone", email: existing.email, password: PASSWORD, companyName });
    expect(result).toEqual({ ok: true, data: { email: existing.email } });
    expect(await db.account.count({ where: { name: companyName } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ name: existing.name, passwordHash: existing.passwordHash });
  });

  it("sign-up answers the same for a new and an existing email; only the mail differs", async () => {
    const existing = await createUser();
    const fresh = uniqueEmail();
    const answers = await Promise.all([existing.email, fresh].map((email) => signUp({ name: "Same Answer", email, password: PASSWORD, companyName: "Same Co" })));
    expect(answers).toEqual([{ ok: true, data: { email: existing.email } }, { ok: true, data: { email: fresh } }]);
    expect((await mailTo(existing.email)).map((m) => m.subject)).toEqual([SAME_ANSWER_SUBJECT]);
    expect((await mailTo(fresh)).map((m) => m.subject)).toEqual(["Verify your email for ResolutionFlow"]);
  });

  it(`limits sign-ups to ${AUTH_MAIL_LIMITS.signUpPerIp} per address per hour`, async () => {
    setRequestClientIp(faker.internet.ipv4());
    const results = [];
    for (let i = 0; i < AUTH_MAIL_LIMITS.signUpPerIp + 3; i++) results.push(await redeem("AAAA-BBBB-CCCC-DDDD"));
    // Up to the limit the (bad) code is checked; past it nothing is.
    expect(results.filter((r) => !r.ok && r.code === "invalid")).toHaveLength(AUTH_MAIL_LIMITS.signUpPerIp);
    expect(results.filter((r) => !r.ok && r.code === "rate_limited")).toHaveLength(3);
    setRequestClientIp(faker.internet.ipv4());
    expect(await redeem("AAAA-BBBB-CCCC-DDDD")).toMatchObject({ ok: false, code: "invalid" });
  });

  it("accepts the code however it is typed (case, spaces, missing dashes)", async () => {
    const { invite, account } = await tenantWithInvite({ maxUses: 2 });
    const messy = `  ${invite.code.toLowerCase().replaceAll("-", " ")} `;
    const result = await redeem(messy);
    expect(result.ok).toBe(true);
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(5);
  });

  it("refuses an expired invite with a clear message and changes nothing", async () => {
    const { invite, account } = await tenantWithInvite({ maxUses: 3 });
    await db.invite.update({ where: { id: invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const email = uniqueEmail();

    const result = await redeem(invite.code, email);

    expect(result).toEqual({ ok: false, code: "invalid", error: INVALID_INVITE, fieldErrors: { inviteCode: ["This invite code is not valid."] } });
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(0);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(4);
  });

  it("refuses a revoked invite", async () => {
    const { invite, admin } = await tenantWithInvite({ maxUses: 3 });
    actAs(admin);
    expect(await revokeInvite({ inviteId: invite.id })).toMatchObject({ ok: true });
    actAs(null);
    const email = uniqueEmail();

    expect(await redeem(invite.code, email)).toMatchObject({ ok: false, code: "invalid", error: INVALID_INVITE });
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(0);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a used-up invite and an unknown code", async () => {
    const { invite } = await tenantWithInvite({ maxUses: 1 });
    expect((await redeem(invite.code)).ok).toBe(true);
    expect(await redeem(invite.code)).toMatchObject({ ok: false, code: "invalid", error: INVALID_INVITE });
    expect(await redeem("AAAA-BBBB-CCCC-DDDD")).toMatchObject({ ok: false, code: "invalid", error: INVALID_INVITE });
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
  });

  it("drops the invite's team if that team was deleted meanwhile", async () => {
    const { invite, team, account } = await tenantWithInvite({ withTeam: true });
    await db.team.delete({ where: { id: team!.id } });
    const email = uniqueEmail();
    expect((await redeem(invite.code, email)).ok).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ accountId: account.id, teamId: null });
  });

  it("signing up without an invite creates a new account with the signer as its only owner", async () => {
    const email = uniqueEmail();
    const result = await signUp({ name: "Grace", email, password: PASSWORD, companyName: "Hopper IT" });
    expect(result).toEqual({ ok: true, data: { email } });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { account: true } });
    expect(user).toMatchObject({ role: "owner", emailVerifiedAt: null, account: { name: "Hopper IT", plan: "free", isSystem: false } });
    expect(await db.user.count({ where: { accountId: user.accountId } })).toBe(1);
  });
});
