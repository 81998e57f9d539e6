// Who may do what to whose rows. Another account's rows are "not found" (indistinguishable
// from rows that do not exist); roles below admin are "forbidden"; owners are protected.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createInvite, revokeInvite } from "@/lib/account/invites.actions";
import { changeMemberRole, removeMember, renameAccount, setMemberTeam } from "@/lib/account/members.actions";
import { createTeam, renameTeam } from "@/lib/account/teams.actions";
import type { ActionResult } from "@/lib/action";
import { resendVerification } from "@/lib/auth/auth.actions";
import { newInviteCode, sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { actAs, createAccount, createTenant, createUser } from "@/tests/helpers/factories";

type Actor = { id: string };

/**
 * Starts an action as `user`. The session double is read synchronously when the action
 * starts, so several of these may run in parallel as different users.
 */
function as<T>(user: Actor | null, action: () => Promise<T>): Promise<T> {
  actAs(user);
  const started = action();
  actAs(null);
  return started;
}

async function tenantWithRows() {
  const tenant = await createTenant();
  const accountId = tenant.account.id;
  const team = await db.team.create({ data: { accountId, name: "Service Desk" } });
  const invite = await db.invite.create({
    data: { accountId, codeHash: sha256(newInviteCode()), codeHint: "ABCD", expiresAt: new Date(Date.now() + 86_400_000), createdById: tenant.owner.id },
  });
  await db.user.update({ where: { id: tenant.engineer.id }, data: { teamId: team.id } });
  return { ...tenant, team, invite };
}
type Tenant = Awaited<ReturnType<typeof tenantWithRows>>;

/** Everything an account owns, to prove an action changed nothing. */
async function snapshot(accountId: string) {
  const [account, users, teams, invites] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId } }),
    db.user.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.team.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.invite.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  ]);
  return { account, users, teams, invites };
}

/** Every admin action, aimed at the rows of `target` (which may be the actor's own account). */
function adminActions(target: Tenant, ownTeamId: string): [string, () => Promise<ActionResult<unknown>>][] {
  return [
    ["changeMemberRole(engineer)", () => changeMemberRole({ userId: target.engineer.id, role: "l1" })],
    ["changeMemberRole(owner)", () => changeMemberRole({ userId: target.owner.id, role: "engineer" })],
    ["changeMemberRole(l1 → admin)", () => changeMemberRole({ userId: target.l1.id, role: "admin" })],
    ["removeMember(engineer)", () => removeMember({ userId: target.engineer.id })],
    ["removeMember(owner)", () => removeMember({ userId: target.owner.id })],
    ["setMemberTeam(none)", () => setMemberTeam({ userId: target.engineer.id, teamId: null })],
    ["setMemberTeam(own team)", () => setMemberTeam({ userId: target.l1.id, teamId: ownTeamId })],
    ["revokeInvite", () => revokeInvite({ inviteId: target.invite.id })],
    ["renameTeam", () => renameTeam({ teamId: target.team.id, name: "Hijacked" })],
  ];
}

describe("another account's rows are not found", () => {
  it.each(["owner", "admin"] as const)("for B's %s, every action on A's rows answers not_found and changes nothing", async (role) => {
    const a = await tenantWithRows();
    const b = await tenantWithRows();
    const [beforeA, beforeB] = await Promise.all([snapshot(a.account.id), snapshot(b.account.id)]);

    for (const [name, action] of adminActions(a, b.team.id)) {
      const result = await as(b[role], action);
      expect(result, name).toMatchObject({ ok: false, code: "not_found" });
    }
    // Pointing one's own member at another account's team.
    expect(await as(b[role], () => setMemberTeam({ userId: b.engineer.id, teamId: a.team.id }))).toMatchObject({
      ok: false, code: "not_found", error: "Team was not found.",
    });
    expect(await as(b[role], () => createInvite({ role: "engineer", teamId: a.team.id, maxUses: 1, expiresInDays: 1 }))).toMatchObject({
      ok: false, code: "not_found", error: "Team was not found.",
    });

    expect(await snapshot(a.account.id)).toEqual(beforeA);
    expect(await snapshot(b.account.id)).toEqual(beforeB);
  });

  it("answers exactly as for an id that does not exist", async () => {
    const a = await tenantWithRows();
    const b = await tenantWithRows();
    const missing = randomUUID();
    const pairs: [() => Promise<ActionResult<unknown>>, () => Promise<ActionResult<unknown>>][] = [
      [() => changeMemberRole({ userId: a.engineer.id, role: "l1" }), () => changeMemberRole({ userId: missing, role: "l1" })],
      [() => removeMember({ userId: a.engineer.id }), () => removeMember({ userId: missing })],
      [() => setMemberTeam({ userId: a.engineer.id, teamId: null }), () => setMemberTeam({ userId: missing, teamId: null })],
      [() => revokeInvite({ inviteId: a.invite.id }), () => revokeInvite({ inviteId: missing })],
      [() => renameTeam({ teamId: a.team.id, name: "X" }), () => renameTeam({ teamId: missing, name: "X" })],
    ];
    for (const [theirs, nobodys] of pairs) {
      expect(await as(b.admin, theirs)).toEqual(await as(b.admin, nobodys));
    }
  });

  it("team names are per account: another account's team name does not conflict", async () => {
    const a = await tenantWithRows();
    const b = await tenantWithRows();
    await db.team.update({ where: { id: a.team.id }, data: { name: "Projects" } });
    expect(await as(b.admin, () => createTeam({ name: "Projects" }))).toMatchObject({ ok: true, data: { name: "Projects" } });
    expect(await as(b.admin, () => renameTeam({ teamId: b.team.id, name: "Projects 2" }))).toMatchObject({ ok: true });
    expect(await as(b.admin, () => createTeam({ name: "Projects" }))).toMatchObject({
      ok: false, code: "conflict", error: 'A team called "Projects" already exists.',
    });
    expect(await as(b.admin, () => renameTeam({ teamId: b.team.id, name: "Projects" }))).toMatchObject({ ok: false, code: "conflict" });
  });

  it("the service account is never a member anyone can manage", async () => {
    const a = await tenantWithRows();
    const service = await createUser({ accountId: a.account.id, role: "owner" });
    await db.user.update({ where: { id: service.id }, data: { isServiceAccount: true, passwordHash: null } });
    expect(await as(a.owner, () => changeMemberRole({ userId: service.id, role: "l1" }))).toMatchObject({ code: "not_found" });
    expect(await as(a.owner, () => removeMember({ userId: service.id }))).toMatchObject({ code: "not_found" });
    expect(await as(a.owner, () => setMemberTeam({ userId: service.id, teamId: a.team.id }))).toMatchObject({ code: "not_found" });
    // …and it cannot act either.
    expect(await as(service, () => createTeam({ name: "From the service account" }))).toMatchObject({ code: "unauthenticated" });
    expect(await db.user.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ role: "owner", teamId: null });
  });

  it("parallel calls as different users are each attributed to their own user", async () => {
    const a = await tenantWithRows();
    const b = await tenantWithRows();
    const results = await Promise.all([
      as(a.admin, () => createInvite({ role: "l1", teamId: null, maxUses: 1, expiresInDays: 1 })),
      as(b.admin, () => createInvite({ role: "l1", teamId: null, maxUses: 1, expiresInDays: 1 })),
    ]);
    const ids = results.map((r) => (r.ok ? r.data.id : ""));
    const invites = await db.invite.findMany({ where: { id: { in: ids } } });
    expect(invites.find((i) => i.id === ids[0])).toMatchObject({ accountId: a.account.id, createdById: a.admin.id });
    expect(invites.find((i) => i.id === ids[1])).toMatchObject({ accountId: b.account.id, createdById: b.admin.id });
  });
});

describe("roles", () => {
  it.each(["engineer", "l1"] as const)("%s is forbidden every admin action and changes nothing", async (role) => {
    const a = await tenantWithRows();
    const before = await snapshot(a.account.id);
    const actions: [string, () => Promise<ActionResult<unknown>>][] = [
      ...adminActions(a, a.team.id),
      ["createInvite", () => createInvite({ role: "l1", teamId: null, maxUses: 1, expiresInDays: 1 })],
      ["createTeam", () => createTeam({ name: "Mine now" })],
      ["renameAccount", () => renameAccount({ name: "Renamed" })],
      ["changeMemberRole(self → admin)", () => changeMemberRole({ userId: a[role].id, role: "admin" })],
    ];
    for (const [name, action] of actions) {
      expect(await as(a[role], action), name).toEqual({
        ok: false, code: "forbidden", error: "You don't have permission to do that.", fieldErrors: undefined,
      });
    }
    expect(await snapshot(a.account.id)).toEqual(before);
  });

  it("an admin cannot rename the account; an owner can", async () => {
    const a = await tenantWithRows();
    expect(await as(a.admin, () => renameAccount({ name: "Admin's name" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await as(a.owner, () => renameAccount({ name: "  Owner's name " }))).toEqual({ ok: true, data: { name: "Owner's name" } });
    expect((await db.account.findUniqueOrThrow({ where: { id: a.account.id } })).name).toBe("Owner's name");
  });

  it("admins cannot touch owners or make owners", async () => {
    const a = await tenantWithRows();
    const before = await snapshot(a.account.id);
    const ownerOnly = "Only an owner can change an owner or make someone owner.";
    expect(await as(a.admin, () => changeMemberRole({ userId: a.owner.id, role: "admin" }))).toMatchObject({ code: "forbidden", error: ownerOnly });
    expect(await as(a.admin, () => changeMemberRole({ userId: a.engineer.id, role: "owner" }))).toMatchObject({ code: "forbidden", error: ownerOnly });
    expect(await as(a.admin, () => changeMemberRole({ userId: a.admin.id, role: "owner" }))).toMatchObject({ code: "forbidden" });
    expect(await as(a.admin, () => removeMember({ userId: a.owner.id }))).toMatchObject({ code: "forbidden", error: "Only an owner can remove an owner." });
    expect(await as(a.admin, () => createInvite({ role: "owner", teamId: null, maxUses: 1, expiresInDays: 1 }))).toMatchObject({
      code: "forbidden", error: "Only an owner can invite another owner.",
    });
    expect(await snapshot(a.account.id)).toEqual(before);
  });

  it("admins manage everyone below owner", async () => {
    const a = await tenantWithRows();
    expect(await as(a.admin, () => changeMemberRole({ userId: a.l1.id, role: "admin" }))).toEqual({ ok: true, data: { userId: a.l1.id, role: "admin" } });
    expect(await as(a.admin, () => setMemberTeam({ userId: a.owner.id, teamId: a.team.id }))).toMatchObject({ ok: true });
    expect(await as(a.admin, () => revokeInvite({ inviteId: a.invite.id }))).toMatchObject({ ok: true });
    expect(await as(a.admin, () => removeMember({ userId: a.engineer.id }))).toMatchObject({ ok: true });
    const users = await db.user.findMany({ where: { accountId: a.account.id } });
    expect(users.find((u) => u.id === a.l1.id)?.role).toBe("admin");
    expect(users.find((u) => u.id === a.owner.id)?.teamId).toBe(a.team.id);
    expect(users.find((u) => u.id === a.engineer.id)).toBeUndefined();
    expect((await db.invite.findUniqueOrThrow({ where: { id: a.invite.id } })).revokedAt).not.toBeNull();
  });

  it("owners can make owners and owner invites", async () => {
    const a = await tenantWithRows();
    expect(await as(a.owner, () => changeMemberRole({ userId: a.admin.id, role: "owner" }))).toMatchObject({ ok: true });
    expect(await as(a.owner, () => createInvite({ role: "owner", teamId: null, maxUses: 1, expiresInDays: 1 }))).toMatchObject({ ok: true });
    expect(await db.user.count({ where: { accountId: a.account.id, role: "owner" } })).toBe(2);
  });

  it("a removed member's session stops working", async () => {
    const a = await tenantWithRows();
    expect(await as(a.owner, () => removeMember({ userId: a.admin.id }))).toMatchObject({ ok: true });
    expect(await as(a.admin, () => createTeam({ name: "Ghost team" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await db.team.count({ where: { accountId: a.account.id, name: "Ghost team" } })).toBe(0);
  });

  it("a demotion takes effect on the member's next request", async () => {
    const a = await tenantWithRows();
    expect(await as(a.owner, () => changeMemberRole({ userId: a.admin.id, role: "engineer" }))).toMatchObject({ ok: true });
    expect(await as(a.admin, () => createTeam({ name: "Too late" }))).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("an account always keeps an owner", () => {
  const NEEDS_OWNER = "An account needs at least one owner. Make someone else owner first.";

  it("the last owner cannot be demoted or removed", async () => {
    const a = await tenantWithRows();
    expect(await as(a.owner, () => changeMemberRole({ userId: a.owner.id, role: "admin" }))).toMatchObject({ ok: false, code: "conflict", error: NEEDS_OWNER });
    expect(await as(a.owner, () => removeMember({ userId: a.owner.id }))).toMatchObject({ ok: false, code: "conflict", error: "You cannot remove yourself." });
    expect(await db.user.findUniqueOrThrow({ where: { id: a.owner.id } })).toMatchObject({ role: "owner" });
  });

  it("with two owners, one can demote or remove the other, but not then itself", async () => {
    const a = await tenantWithRows();
    const second = await createUser({ accountId: a.account.id, role: "owner" });
    const third = await createUser({ accountId: a.account.id, role: "owner" });
    expect(await as(a.owner, () => changeMemberRole({ userId: second.id, role: "admin" }))).toMatchObject({ ok: true });
    expect(await as(a.owner, () => removeMember({ userId: third.id }))).toMatchObject({ ok: true });
    expect(await as(a.owner, () => changeMemberRole({ userId: a.owner.id, role: "engineer" }))).toMatchObject({ code: "conflict", error: NEEDS_OWNER });
    expect(await db.user.count({ where: { accountId: a.account.id, role: "owner" } })).toBe(1);
  });

  async function twoOwners() {
    const account = await createAccount();
    const [first, second] = await Promise.all([createUser({ accountId: account.id, role: "owner" }), createUser({ accountId: account.id, role: "owner" })]);
    return { account, first, second };
  }

  it("two owners demoting each other at the same moment leave exactly one owner", async () => {
    for (let round = 0; round < 6; round++) {
      const { account, first, second } = await twoOwners();
      const results = await Promise.all([
        as(first, () => changeMemberRole({ userId: second.id, role: "admin" })),
        as(second, () => changeMemberRole({ userId: first.id, role: "admin" })),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: expect.stringMatching(/^(conflict|forbidden)$/) });
      expect(await db.user.count({ where: { accountId: account.id, role: "owner" } })).toBe(1);
    }
  });

  it("two owners demoting themselves at the same moment leave exactly one owner", async () => {
    for (let round = 0; round < 6; round++) {
      const { account, first, second } = await twoOwners();
      const results = await Promise.all([
        as(first, () => changeMemberRole({ userId: first.id, role: "engineer" })),
        as(second, () => changeMemberRole({ userId: second.id, role: "engineer" })),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await db.user.count({ where: { accountId: account.id, role: "owner" } })).toBe(1);
    }
  });

  it("two owners removing each other at the same moment leave exactly one owner", async () => {
    for (let round = 0; round < 6; round++) {
      const { account, first, second } = await twoOwners();
      const results = await Promise.all([
        as(first, () => removeMember({ userId: second.id })),
        as(second, () => removeMember({ userId: first.id })),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await db.user.count({ where: { accountId: account.id, role: "owner" } })).toBe(1);
    }
  });
});

describe("signed out", () => {
  it("every authed action answers unauthenticated and changes nothing", async () => {
    const a = await tenantWithRows();
    const before = await snapshot(a.account.id);
    const actions: [string, () => Promise<ActionResult<unknown>>][] = [
      ...adminActions(a, a.team.id),
      ["createInvite", () => createInvite({ role: "l1", teamId: null, maxUses: 1, expiresInDays: 1 })],
      ["createTeam", () => createTeam({ name: "Anon" })],
      ["renameAccount", () => renameAccount({ name: "Anon" })],
      ["resendVerification", () => resendVerification({})],
    ];
    for (const [name, action] of actions) {
      expect(await as(null, action), name).toEqual({ ok: false, code: "unauthenticated", error: "Please sign in again.", fieldErrors: undefined });
    }
    // Authentication comes before validation: garbage input from a signed-out caller learns nothing more.
    expect(await as(null, () => changeMemberRole({ userId: "not-a-uuid", role: "king" as "owner" }))).toMatchObject({ code: "unauthenticated" });
    expect(await snapshot(a.account.id)).toEqual(before);
  });

  it("a session for a user id that does not exist is signed out", async () => {
    expect(await as({ id: randomUUID() }, () => createTeam({ name: "Nobody" }))).toMatchObject({ code: "unauthenticated" });
  });
});
