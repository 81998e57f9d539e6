// The access rules of lib/*/access.ts, each written once and rendered twice (a Prisma `where`
// and raw SQL, or a `where` and a predicate): both renderings must select the same rows for
// every kind of viewer, and what the library shows of a flow follows the flow's rule.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { canEditFlow, editableFlowsWhere, visibleFlowsBranchesSql, visibleFlowsSql, visibleFlowsWhere } from "@/lib/flows/access";
import { getFlowDetail } from "@/lib/flows/queries";
import type { Visibility } from "@/lib/flows/structure";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { canChangeLibraryStep, visibleLibraryBranchesSql, visibleLibrarySql, visibleLibraryWhere } from "@/lib/library/access";
import { searchLibrary, libraryFilters } from "@/lib/library/queries";
import { preparedForUserSqlBranches, preparedForUserWhere } from "@/lib/sessions/access";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { GET as getLibraryStepRoute } from "@/app/api/library/[id]/route";
import { actAs, createTenant, createUser } from "@/tests/helpers/factories";
import { getSessionIdentity } from "@/tests/helpers/session-double";
import { publishProcedure, teamTenant } from "@/tests/helpers/published-flows";

const VISIBILITIES: Visibility[] = ["private", "team", "account", "public"];
type Viewer = { id: string; accountId: string; teamId: string | null; role: Role };

/** Two accounts, two teams in the first, and a flow + a manual library step for every combination that matters. */
async function world() {
  const a = await createTenant();
  const b = await createTenant();
  const [red, blue] = await Promise.all([
    db.team.create({ data: { accountId: a.account.id, name: "Red" } }),
    db.team.create({ data: { accountId: a.account.id, name: "Blue" } }),
  ]);
  const redEngineer = await createUser({ accountId: a.account.id, role: "engineer", teamId: red.id });
  const blueEngineer = await createUser({ accountId: a.account.id, role: "engineer", teamId: blue.id });
  const redL1 = await createUser({ accountId: a.account.id, role: "l1", teamId: red.id });
  const redAdmin = await createUser({ accountId: a.account.id, role: "admin", teamId: red.id });
  const authors = [
    { accountId: a.account.id, authorId: redEngineer.id, teamId: red.id },
    { accountId: a.account.id, authorId: blueEngineer.id, teamId: blue.id },
    { accountId: a.account.id, authorId: a.owner.id, teamId: null },
    { accountId: b.account.id, authorId: b.engineer.id, teamId: null },
  ];
  let n = 0;
  const flows: string[] = [];
  const steps: string[] = [];
  for (const author of authors) {
    for (const visibility of VISIBILITIES) {
      for (const [status, isActive] of [["published", true], ["published", false], ["draft", true]] as const) {
        n++;
        const flow = await db.flow.create({
          data: { ...author, name: `Flow ${n}`, type: "procedural", visibility, status, isActive, structure: { steps: [] }, variables: [] },
        });
        flows.push(flow.id);
      }
      for (const isActive of [true, false]) {
        const step = await db.libraryStep.create({
          data: { ...author, title: `Step ${n}`, type: "action", content: {}, searchText: `step ${n}`, visibility, isActive },
        });
        steps.push(step.id);
      }
    }
  }
  const viewers: [string, Viewer][] = [
    ["a owner (no team)", a.owner], ["a admin (no team)", a.admin], ["a red admin", redAdmin],
    ["a engineer (no team)", a.engineer], ["a red engineer", redEngineer], ["a blue engineer", blueEngineer],
    ["a l1 (no team)", a.l1], ["a red l1", redL1], ["b owner", b.owner], ["b engineer", b.engineer],
  ];
  return { flows, steps, viewers };
}

const sorted = (ids: string[]) => [...ids].sort();

describe("each access rule, rendered twice, selects the same rows", () => {
  it("flows: visibleFlowsWhere = visibleFlowsSql; editableFlowsWhere = canEditFlow over the visible flows", async () => {
    const { flows, viewers } = await world();
    for (const [who, user] of viewers) {
      const byWhere = await db.flow.findMany({ where: { AND: [{ id: { in: flows } }, visibleFlowsWhere(user)] }, select: { id: true } });
      const bySql = await db.$queryRaw<{ id: string }[]>`SELECT f.id FROM "Flow" f WHERE f.id IN (${Prisma.join(flows.map((id) => Prisma.sql`${id}::uuid`))}) AND ${visibleFlowsSql(user, "f")}`;
      expect(sorted(bySql.map((r) => r.id)), who).toEqual(sorted(byWhere.map((r) => r.id)));
      // The list's two branches (own account, elsewhere) select the same rows between them, once.
      const branches = visibleFlowsBranchesSql(user, "f");
      const bySplit = await db.$queryRaw<{ id: string }[]>`SELECT f.id FROM "Flow" f WHERE f.id IN (${Prisma.join(flows.map((id) => Prisma.sql`${id}::uuid`))}) AND ${branches.own}
        UNION ALL SELECT f.id FROM "Flow" f WHERE f.id IN (${Prisma.join(flows.map((id) => Prisma.sql`${id}::uuid`))}) AND ${branches.elsewhere}`;
      expect(sorted(bySplit.map((r) => r.id)), `${who}, by branch`).toEqual(sorted(byWhere.map((r) => r.id)));
      // Not vacuous: everyone sees some flows and misses some.
      expect(byWhere.length, who).toBeGreaterThan(0);
      expect(byWhere.length, who).toBeLessThan(flows.length);

      const all = await db.flow.findMany({ where: { id: { in: flows } }, select: { id: true, accountId: true, authorId: true, teamId: true, visibility: true } });
      const editable = await db.flow.findMany({ where: { AND: [{ id: { in: flows } }, editableFlowsWhere(user)] }, select: { id: true } });
      expect(sorted(all.filter((f) => canEditFlow(user, f)).map((f) => f.id)), `${who} may edit`).toEqual(sorted(editable.map((f) => f.id)));
    }
  });

  it("library steps: visibleLibraryWhere = visibleLibrarySql; canChangeLibraryStep only within them", async () => {
    const { steps, viewers } = await world();
    for (const [who, user] of viewers) {
      const byWhere = await db.libraryStep.findMany({ where: { AND: [{ id: { in: steps } }, visibleLibraryWhere(user)] }, select: { id: true, accountId: true, authorId: true, sourceNodeId: true } });
      const bySql = await db.$queryRaw<{ id: string }[]>`SELECT s.id FROM "LibraryStep" s WHERE s.id IN (${Prisma.join(steps.map((id) => Prisma.sql`${id}::uuid`))}) AND ${visibleLibrarySql(user)}`;
      expect(sorted(bySql.map((r) => r.id)), who).toEqual(sorted(byWhere.map((r) => r.id)));
      const branches = visibleLibraryBranchesSql(user);
      const bySplit = await db.$queryRaw<{ id: string }[]>`SELECT s.id FROM "LibraryStep" s WHERE s.id IN (${Prisma.join(steps.map((id) => Prisma.sql`${id}::uuid`))}) AND ${branches.own}
        UNION ALL SELECT s.id FROM "LibraryStep" s WHERE s.id IN (${Prisma.join(steps.map((id) => Prisma.sql`${id}::uuid`))}) AND ${branches.elsewhere}`;
      expect(sorted(bySplit.map((r) => r.id)), `${who}, by branch`).toEqual(sorted(byWhere.map((r) => r.id)));
      expect(byWhere.length, who).toBeGreaterThan(0);
      expect(byWhere.length, who).toBeLessThan(steps.length);
      for (const step of byWhere) {
        expect(canChangeLibraryStep(user, step), who).toBe(step.accountId === user.accountId && (step.authorId === user.id || ["admin", "owner"].includes(user.role)));
      }
    }
  });
});

describe("prepared sessions waiting for someone, rendered twice", () => {
  it("preparedForUserWhere = the union of preparedForUserSqlBranches, for every kind of viewer", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const [red, blue] = await Promise.all([
      db.team.create({ data: { accountId: a.account.id, name: "Red" } }),
      db.team.create({ data: { accountId: a.account.id, name: "Blue" } }),
    ]);
    const redEngineer = await createUser({ accountId: a.account.id, role: "engineer", teamId: red.id });
    const blueL1 = await createUser({ accountId: a.account.id, role: "l1", teamId: blue.id });
    const ids: string[] = [];
    for (const status of ["prepared", "active"] as const) {
      for (const assigneeId of [redEngineer.id, blueL1.id, a.engineer.id, a.owner.id, null]) {
        for (const teamId of [red.id, blue.id, null]) {
          const session = await db.session.create({
            data: { accountId: a.account.id, kind: "assistant", flowName: "Waiting", flowType: "troubleshooting", status, assigneeId, teamId },
          });
          ids.push(session.id);
        }
      }
      const other = await db.session.create({ data: { accountId: b.account.id, kind: "assistant", flowName: "Waiting", flowType: "troubleshooting", status, assigneeId: null } });
      ids.push(other.id);
    }
    const viewers: [string, Viewer][] = [["a owner (no team)", a.owner], ["a engineer (no team)", a.engineer], ["a red engineer", redEngineer], ["a blue l1", blueL1], ["b engineer", b.engineer]];
    const inIds = Prisma.sql`s.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
    for (const [who, user] of viewers) {
      const byWhere = await db.session.findMany({ where: { AND: [{ id: { in: ids } }, preparedForUserWhere(user)] }, select: { id: true } });
      const branches = preparedForUserSqlBranches(user).map((where) => Prisma.sql`(SELECT s.id FROM "Session" s WHERE ${inIds} AND ${where})`);
      const bySql = await db.$queryRaw<{ id: string }[]>`${Prisma.join(branches, " UNION ALL ")}`;
      expect(sorted(bySql.map((r) => r.id)), who).toEqual(sorted(byWhere.map((r) => r.id)));
      if (who !== "b engineer") expect(byWhere.length, who).toBeGreaterThan(0);
    }
  });
});

describe("the flow page names a fork's origin only to those who may see it", () => {
  it("a fork of a colleague's private flow: its page shows no origin to the teammate, the origin to its author; another account's flow is not found", async () => {
    const t = await teamTenant();
    const secret = await publishProcedure(t.engineer, 1, { name: "Secret origin", visibility: "private" });
    const fork = await db.flow.create({
      data: { accountId: t.account.id, authorId: t.teammate.id, teamId: t.team.id, name: "Shared fork", type: "procedural", visibility: "account", status: "draft", structure: { steps: [] }, variables: [], forkedFromId: secret.flowId },
    });
    const seen = await getFlowDetail(t.teammate, fork.id);
    expect(seen.forkedFrom).toBeNull();
    expect(JSON.stringify(seen)).not.toContain("Secret origin");
    expect((await getFlowDetail(t.engineer, fork.id)).forkedFrom).toEqual({ id: secret.flowId, name: "Secret origin" });
    // The origin counts its fork; the author sees the origin's published version.
    const origin = await getFlowDetail(t.engineer, secret.flowId);
    expect(origin.forkCount).toBe(1);
    expect(origin.versions.map((v) => v.version)).toEqual([1]);
    expect(Date.parse(origin.versions[0].publishedAt)).toBeGreaterThan(Date.now() - 600_000);
    await expect(getFlowDetail(t.teammate, secret.flowId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getFlowDetail(t.other.owner, fork.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("one whole library step (GET /api/library/[id]) follows the list's rule", () => {
  it("a step the viewer's list could show is 200 with its content; any other (another account's, a team's, inactive, unknown) is 404", async () => {
    const { steps, viewers } = await world();
    for (const [who, user] of viewers) {
      const visible = new Set((await db.libraryStep.findMany({ where: { AND: [{ id: { in: steps } }, visibleLibraryWhere(user), { isActive: true }] }, select: { id: true } })).map((s) => s.id));
      actAs(user);
      await getSessionIdentity();
      for (const id of steps) {
        const response = await getLibraryStepRoute(new Request(`http://localhost/api/library/${id}`), { params: Promise.resolve({ id }) });
        expect(response.status, `${who} → ${id}`).toBe(visible.has(id) ? 200 : 404);
        const body = await response.json();
        if (visible.has(id)) expect(body, who).toMatchObject({ id, content: {} });
        else expect(body, who).toEqual({ code: "not_found", error: "Library step was not found." });
      }
      expect(visible.size, who).toBeGreaterThan(0);
    }
    actAs(viewers[0][1]);
    for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
      expect((await getLibraryStepRoute(new Request(`http://localhost/api/library/${id}`), { params: Promise.resolve({ id }) })).status).toBe(404);
    }
  });
});

describe("library cards name a source flow only to those who may see the flow", () => {
  it("a colleague's private flow: its steps are in the team's library, its name is not", async () => {
    const t = await teamTenant();
    const secret = await publishProcedure(t.engineer, 2, { name: "Secret cleanup of the CEO mailbox", visibility: "private" });
    const search = librarySearchSchema.parse({ flowId: secret.flowId });

    // The teammate sees the synced steps (team visibility by default) but not where they came from.
    const seen = await searchLibrary(t.teammate, search);
    expect(seen.items.length).toBe(2);
    for (const card of seen.items) expect(card.sourceFlow).toBeNull();
    expect(JSON.stringify(seen)).not.toContain("Secret cleanup");
    expect((await libraryFilters(t.teammate)).flows.map((f) => f.name)).not.toContain("Secret cleanup of the CEO mailbox");
    // An admin sees the steps; the flow is private to its author, so not its name either.
    expect((await searchLibrary(t.admin, search)).items.every((card) => card.sourceFlow === null)).toBe(true);

    // The author sees the name and the filter choice.
    const own = await searchLibrary(t.engineer, search);
    expect(own.items.map((card) => card.sourceFlow)).toEqual([
      { id: secret.flowId, name: "Secret cleanup of the CEO mailbox" },
      { id: secret.flowId, name: "Secret cleanup of the CEO mailbox" },
    ]);
    expect((await libraryFilters(t.engineer)).flows).toContainEqual({ id: secret.flowId, name: "Secret cleanup of the CEO mailbox" });

    // Once shared with the account, everyone in it sees the name.
    await db.flow.update({ where: { id: secret.flowId }, data: { visibility: "account" } });
    expect((await searchLibrary(t.teammate, search)).items[0].sourceFlow).toEqual({ id: secret.flowId, name: "Secret cleanup of the CEO mailbox" });
  });

  it("another account's public flow is named only while it is published and active", async () => {
    const t = await teamTenant();
    const shared = await publishProcedure(t.other.engineer, 1, { name: "Public patching", visibility: "public" });
    const search = librarySearchSchema.parse({ flowId: shared.flowId });
    expect((await searchLibrary(t.engineer, search)).items[0].sourceFlow).toEqual({ id: shared.flowId, name: "Public patching" });
    // A deactivated flow: its library entries stay (the library sync decides that), its name does not show.
    await db.flow.update({ where: { id: shared.flowId }, data: { isActive: false } });
    for (const card of (await searchLibrary(t.engineer, search)).items) expect(card.sourceFlow).toBeNull();
  });
});
