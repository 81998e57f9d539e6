// Flow analytics and /insights on a seeded set with known answers (rates, median/p90, drop-off,
// skip/fail rates, custom steps, zone-aware buckets), and who may read them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { analyticsFlowsSql, analyticsFlowsWhere, canViewFlowAnalytics } from "@/lib/analytics/access";
import { analyticsParamsSchema } from "@/lib/analytics/analytics.validation";
import { getFlowDetail } from "@/lib/flows/queries";
import { getFlowAnalytics } from "@/lib/analytics/flow-analytics";
import { getInsights } from "@/lib/analytics/insights";
import type { SessionOutcome, SessionStatus } from "@/lib/generated/prisma/enums";
import { printerTree, publishAs, publishProcedure, publishTree, stepIdsOf, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";
import { sampleTree } from "@/tests/helpers/flow-fixtures";

const NOW = new Date("2026-06-15T12:00:00Z");
const ago = (days: number, minutes = 0) => new Date(NOW.getTime() - days * 86_400_000 + minutes * 60_000);
const params = (range: "30" | "90" | "all" = "90", tz = "UTC") => analyticsParamsSchema.parse({ range, tz });

type Seed = {
  createdAt: Date; status?: SessionStatus; outcome?: SessionOutcome | null; minutes?: number; node?: string | null;
  updatedAt?: Date; stepStates?: Record<string, { status: string }>; customSteps?: string[]; ownerId?: string; accountId?: string;
};

async function seed(t: TeamTenant, flowId: string, rows: Seed[]) {
  const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId }, select: { name: true, type: true, versions: { select: { id: true }, take: 1 } } });
  await db.session.createMany({
    data: rows.map((r) => {
      const status = r.status ?? "completed";
      return {
        accountId: r.accountId ?? t.account.id, flowId, flowVersionId: flow.versions[0].id, flowName: flow.name, flowType: flow.type,
        ownerId: r.ownerId ?? t.engineer.id, status, createdAt: r.createdAt, startedAt: r.createdAt,
        completedAt: status === "completed" ? new Date(r.createdAt.getTime() + (r.minutes ?? 10) * 60_000) : null,
        outcome: status === "completed" ? (r.outcome ?? null) : null, currentNodeId: r.node ?? null, updatedAt: r.updatedAt ?? r.createdAt,
        stepStates: Object.fromEntries(Object.entries(r.stepStates ?? {}).map(([k, v]) => [k, { ...v, note: "", at: r.createdAt.toISOString() }])),
        customSteps: (r.customSteps ?? []).map((title, i) => ({ id: `c-${i}`, afterId: null, title, instructions: "", commands: [], libraryStepId: null, createdAt: r.createdAt.toISOString() })),
      };
    }),
  });
}

let t: TeamTenant;
let tree: { flowId: string; n: ReturnType<typeof printerTree> };
let procedure: { flowId: string; steps: string[] };

beforeAll(async () => {
  t = await teamTenant();
  const published = await publishTree(t.engineer);
  tree = { flowId: published.flowId, n: printerTree(published.structure) };
  const { fixed, escalate, restart, root } = tree.n;
  await seed(t, tree.flowId, [
    // 22:30 UTC on 10 June is 00:30 on 11 June in Berlin.
    { createdAt: new Date("2026-06-10T22:30:00Z"), outcome: "resolved", minutes: 10, node: fixed, customSteps: ["Clear the print queue", "Reboot router", "clear the print queue!"] },
    { createdAt: ago(2), outcome: "resolved", minutes: 20, node: fixed, customSteps: ["  clear the  PRINT queue. "], ownerId: t.teammate.id },
    { createdAt: ago(3), outcome: "unresolved", minutes: 30, node: fixed, customSteps: ["Clear the print queue"] },
    { createdAt: ago(4), outcome: "escalated", minutes: 40, node: escalate },
    { createdAt: ago(5), outcome: "escalated", minutes: 50, node: escalate },
    { createdAt: ago(12), status: "active", node: restart, updatedAt: ago(10) },
    { createdAt: ago(1), status: "active", node: root, updatedAt: ago(0, -5) },
    // Outside 90 days.
    { createdAt: ago(200), outcome: "resolved", minutes: 100, node: fixed },
    // Another account ran the flow: never counted here.
    { createdAt: ago(2), outcome: "escalated", minutes: 5, node: escalate, accountId: t.other.account.id, ownerId: t.other.owner.id },
  ]);
  const proc = await publishProcedure(t.engineer, 3, { name: "Patch servers" });
  const [a, b, c] = stepIdsOf(proc.structure);
  procedure = { flowId: proc.flowId, steps: [a, b, c] };
  await seed(t, proc.flowId, [
    { createdAt: ago(1), outcome: "completed", node: c, stepStates: { [a]: { status: "done" }, [b]: { status: "skipped" }, [c]: { status: "failed" } } },
    { createdAt: ago(2), outcome: "completed_with_issues", node: c, stepStates: { [a]: { status: "done" }, [b]: { status: "skipped" }, [c]: { status: "done" } } },
    { createdAt: ago(3), outcome: "aborted", node: b, stepStates: { [a]: { status: "skipped" } } },
    { createdAt: ago(4), status: "active", node: b, stepStates: { [a]: { status: "done" }, [b]: { status: "failed" } } },
  ]);
});

describe("flow analytics", () => {
  it("troubleshooting: resolution rate, median/p90, outcomes, drop-off per node and custom steps over the last 90 days", async () => {
    const result = await getFlowAnalytics(t.engineer, tree.flowId, params("90"), NOW);
    expect(result.summary).toEqual({
      sessions: 7, completed: 5, active: 2, resolved: 2, resolutionRate: 0.4,
      // 10, 20, 30, 40, 50 minutes: median 30, p90 40 + 0.6 × 10 = 46 minutes.
      medianSeconds: 1800, p90Seconds: 2760,
    });
    expect(result.outcomes).toEqual([{ outcome: "escalated", count: 2 }, { outcome: "resolved", count: 2 }, { outcome: "unresolved", count: 1 }]);
    const byNode = Object.fromEntries(result.nodes.map((n) => [n.nodeId, n]));
    const { fixed, escalate, restart, root } = tree.n;
    expect(byNode[fixed]).toMatchObject({ ended: 3, resolved: 2, unresolved: 1, escalated: 0, abandoned: 0 });
    expect(byNode[escalate]).toMatchObject({ ended: 2, escalated: 2, resolved: 0 });
    expect(byNode[restart]).toMatchObject({ ended: 0, abandoned: 1 });
    expect(byNode[root]).toMatchObject({ ended: 0, abandoned: 0 });
    // Normalised titles, each session counted once.
    expect(result.customSteps).toEqual([{ title: expect.stringMatching(/clear the\s+print queue/i), sessions: 3 }, { title: "Reboot router", sessions: 1 }]);
    expect(result.steps).toEqual([]);
  });

  it("all time includes the older session; 30 days drops nothing recent", async () => {
    const all = await getFlowAnalytics(t.admin, tree.flowId, params("all"), NOW);
    expect(all.summary).toMatchObject({ sessions: 8, completed: 6, resolved: 3, resolutionRate: 0.5 });
    const month = await getFlowAnalytics(t.owner, tree.flowId, params("30"), NOW);
    expect(month.summary.sessions).toBe(7);
  });

  it("sessions over time: day buckets in the viewer's zone, empty days included", async () => {
    const utc = await getFlowAnalytics(t.engineer, tree.flowId, params("30", "UTC"), NOW);
    expect(utc.unit).toBe("day");
    expect(utc.overTime).toHaveLength(31);
    expect(utc.overTime.at(-1)!.bucket).toBe("2026-06-15");
    expect(utc.overTime.reduce((sum, b) => sum + b.sessions, 0)).toBe(7);
    const day = (result: typeof utc, date: string) => result.overTime.find((b) => b.bucket === date);
    expect(day(utc, "2026-06-10")).toMatchObject({ sessions: 2, resolved: 1, escalated: 1 }); // 22:30 UTC + the 5-days-ago escalation
    const berlin = await getFlowAnalytics(t.engineer, tree.flowId, params("30", "Europe/Berlin"), NOW);
    expect(day(berlin, "2026-06-10")).toMatchObject({ sessions: 1, resolved: 0, escalated: 1 });
    // The 4-days-ago escalation is on 11 June in both zones.
    expect(day(utc, "2026-06-11")).toMatchObject({ sessions: 1, resolved: 0, escalated: 1 });
    expect(day(berlin, "2026-06-11")).toMatchObject({ sessions: 2, resolved: 1, escalated: 1 });
    const weeks = await getFlowAnalytics(t.engineer, tree.flowId, params("90"), NOW);
    expect(weeks.unit).toBe("week");
    expect(weeks.overTime.reduce((sum, b) => sum + b.sessions, 0)).toBe(7);
    // An unknown zone falls back to UTC instead of failing the page.
    expect(analyticsParamsSchema.parse({ tz: "Mars/Olympus", range: "7" })).toEqual({ tz: "UTC", range: "90" });
  });

  it("procedures: skip and fail rates per step from stepStates, drop-off where aborted", async () => {
    const result = await getFlowAnalytics(t.engineer, procedure.flowId, params("90"), NOW);
    const [a, b, c] = procedure.steps;
    const byStep = Object.fromEntries(result.steps.map((s) => [s.stepId, s]));
    expect(byStep[a]).toEqual({ stepId: a, marked: 4, done: 3, skipped: 1, failed: 0 });
    expect(byStep[b]).toEqual({ stepId: b, marked: 3, done: 0, skipped: 2, failed: 1 });
    expect(byStep[c]).toEqual({ stepId: c, marked: 2, done: 1, skipped: 0, failed: 1 });
    expect(result.summary).toMatchObject({ sessions: 4, completed: 3, resolved: 1 });
    expect(result.nodes.find((n) => n.nodeId === b)).toMatchObject({ aborted: 1, ended: 1 });
  });

  it("a flow with no sessions answers zeros, not errors", async () => {
    const empty = await publishAs(t.engineer, "troubleshooting", sampleTree(), { name: "Unused" });
    const result = await getFlowAnalytics(t.engineer, empty.flowId, params("all"), NOW);
    expect(result.summary).toEqual({ sessions: 0, completed: 0, active: 0, resolved: 0, resolutionRate: null, medianSeconds: null, p90Seconds: null });
    expect(result.overTime).toEqual([]);
    expect(result.outcomes).toEqual([]);
  });

  it("only the author and the account's admins read a flow's analytics; everyone else gets not found", async () => {
    for (const user of [t.engineer, t.admin, t.owner]) await expect(getFlowAnalytics(user, tree.flowId, params(), NOW)).resolves.toBeTruthy();
    // A teammate may edit the flow but is not its author; the l1 and the engineer outside the team neither.
    for (const user of [t.teammate, t.l1, t.loner, t.other.owner, t.other.admin]) {
      await expect(getFlowAnalytics(user, tree.flowId, params(), NOW)).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(getFlowAnalytics(t.admin, "not-a-uuid", params(), NOW)).rejects.toMatchObject({ code: "not_found" });
    // Someone's private flow: not even an admin.
    const secret = await publishAs(t.teammate, "troubleshooting", sampleTree(), { name: "Private notes", visibility: "private" });
    await expect(getFlowAnalytics(t.admin, secret.flowId, params(), NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(getFlowAnalytics(t.teammate, secret.flowId, params(), NOW)).resolves.toBeTruthy();
  });
});

describe("the Analytics tab's rule", () => {
  it("the flow page's check (from the flow card) and the SQL form agree with the query's rule for every member and flow", async () => {
    const secret = await publishAs(t.teammate, "troubleshooting", sampleTree(), { name: "Private tab check", visibility: "private" });
    const teamOnly = await publishAs(t.teammate, "troubleshooting", sampleTree(), { name: "Team tab check", visibility: "team" });
    const flows = [tree.flowId, procedure.flowId, secret.flowId, teamOnly.flowId];
    for (const user of [t.owner, t.admin, t.engineer, t.teammate, t.loner, t.l1, t.other.owner, t.other.engineer]) {
      for (const flowId of flows) {
        const byQuery = (await db.flow.count({ where: { AND: [{ id: flowId }, analyticsFlowsWhere(user)] } })) === 1;
        // The tab's own statement checks the same rule in raw SQL.
        const bySql = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Flow" f WHERE f.id = ${flowId}::uuid AND ${analyticsFlowsSql(user)}`)[0].n === 1;
        expect(bySql, `${user.role} ${flowId}`).toBe(byQuery);
        const card = await getFlowDetail(user, flowId).catch(() => null);
        expect({ user: user.role, flowId, tab: card ? canViewFlowAnalytics(user, card) : false }).toEqual({ user: user.role, flowId, tab: byQuery });
      }
    }
  });
});

describe("insights", () => {
  it("admins: top flows by use and by escalation rate, sessions per engineer, library rankings", async () => {
    // Library: the synced steps of the two flows, with known use and votes.
    const steps = await db.libraryStep.findMany({ where: { accountId: t.account.id, sourceTreeId: { in: [tree.flowId, procedure.flowId] } }, orderBy: { id: "asc" }, take: 3 });
    await db.libraryStep.update({ where: { id: steps[0].id }, data: { usageCount: 40, helpfulCount: 2, unhelpfulCount: 2 } });
    await db.libraryStep.update({ where: { id: steps[1].id }, data: { usageCount: 7, helpfulCount: 9, unhelpfulCount: 0 } });
    await db.libraryStep.update({ where: { id: steps[2].id }, data: { usageCount: 0, helpfulCount: 1, unhelpfulCount: 0 } });

    const result = await getInsights(t.admin, params("90"), NOW);
    expect(result.totals).toEqual({ sessions: 11, completed: 8, resolved: 3, escalated: 2 });
    expect(result.topByUse.map((f) => [f.id, f.sessions])).toEqual([[tree.flowId, 7], [procedure.flowId, 4]]);
    expect(result.topByEscalation).toEqual([expect.objectContaining({ id: tree.flowId, completed: 5, escalated: 2, escalationRate: 0.4 })]);
    expect(result.engineers).toEqual([
      { id: t.engineer.id, name: t.engineer.name, sessions: 10, completed: 7, resolved: 2 },
      { id: t.teammate.id, name: t.teammate.name, sessions: 1, completed: 1, resolved: 1 },
    ]);
    expect(result.mostUsedSteps.map((s) => [s.id, s.usageCount])).toEqual([[steps[0].id, 40], [steps[1].id, 7]]);
    // 9 of 9 beats 2 of 4; 1 vote is too few to rank.
    expect(result.bestRatedSteps.map((s) => s.id)).toEqual([steps[1].id, steps[0].id]);
  });

  it("engineers count only the flows they can see; another account sees nothing of this one", async () => {
    const teamFlow = await publishAs(t.engineer, "troubleshooting", sampleTree(), { name: "Team only", visibility: "team" });
    await seed(t, teamFlow.flowId, [{ createdAt: ago(1), outcome: "escalated", node: null, ownerId: t.engineer.id }]);
    const admin = await getInsights(t.admin, params("90"), NOW);
    expect(admin.topByUse.map((f) => f.id)).toContain(teamFlow.flowId);
    const loner = await getInsights(t.loner, params("90"), NOW);
    expect(loner.topByUse.map((f) => f.id)).not.toContain(teamFlow.flowId);
    expect(loner.totals.sessions).toBe(admin.totals.sessions - 1);
    const teammate = await getInsights(t.teammate, params("90"), NOW);
    expect(teammate.topByUse.map((f) => f.id)).toContain(teamFlow.flowId);
    const other = await getInsights(t.other.owner, params("90"), NOW);
    expect(other.topByUse.map((f) => f.id)).not.toContain(tree.flowId);
    expect(other.engineers.map((e) => e.id)).not.toContain(t.engineer.id);
  });
});
