// The flow Analytics tab reads roll-ups kept by triggers on "Session"; these tests hold them to
// the old exact aggregate over the session rows (tests/helpers/flow-analytics-exact.ts) on a
// seeded set, through every way sessions change: bulk inserts, completion, a reopened session,
// an edited outcome and node, step marks on active sessions, deletes, a rolled-back transaction,
// completions racing on one roll-up row, and the flow's deletion.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";
import { analyticsParamsSchema, ANALYTICS_RANGES } from "@/lib/analytics/analytics.validation";
import { getFlowAnalytics, type FlowAnalytics } from "@/lib/analytics/flow-analytics";
import type { ProcedureStructure, TreeStructure } from "@/lib/flows/structure";
import { getFlowAnalyticsExact } from "@/tests/helpers/flow-analytics-exact";
import { publishProcedure, publishTree, stepIdsOf, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";
import { raceOnLockedRow } from "@/tests/helpers/race";

const NOW = new Date("2026-06-15T12:34:00Z");
// Whole-hour zones (the hourly roll-up cuts their days exactly), with and without summer time.
const ZONES = ["UTC", "Europe/Berlin", "America/New_York"];

let t: TeamTenant;
let tree: { flowId: string; nodes: string[] };
let procedure: { flowId: string; steps: string[] };

/** The roll-up answer and the exact one, nodes and steps in one order (the exact query has none). */
function canonical(a: FlowAnalytics) {
  return {
    ...a,
    nodes: [...a.nodes].sort((x, y) => x.nodeId.localeCompare(y.nodeId)),
    steps: [...a.steps].sort((x, y) => x.stepId.localeCompare(y.stepId)),
  };
}

async function expectSameAsExact(flowId: string) {
  for (const range of ANALYTICS_RANGES) {
    for (const tz of ZONES) {
      const params = analyticsParamsSchema.parse({ range, tz });
      const [rolled, exact] = await Promise.all([getFlowAnalytics(t.engineer, flowId, params, NOW), getFlowAnalyticsExact(t.engineer, flowId, params, NOW)]);
      expect(canonical(rolled), `${range} days, ${tz}`).toEqual(canonical(exact));
    }
  }
}

/**
 * Sessions of every status over 400 days, some in another account (the flow is run there too),
 * ending on assorted nodes with assorted outcomes, step marks and custom steps (spelling variants).
 */
async function seedMany(flowId: string, nodes: string[], outcomes: string[], count: number, offset: number) {
  const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId }, select: { name: true, type: true, versions: { select: { id: true }, take: 1 } } });
  await db.$executeRaw`
    INSERT INTO "Session" (id, "accountId", "flowId", "flowVersionId", "flowName", "flowType", "ownerId", status, "startedAt", "completedAt", outcome,
                           "currentNodeId", "stepStates", "customSteps", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), CASE WHEN g % 10 = 3 THEN ${t.other.account.id}::uuid ELSE ${t.account.id}::uuid END, ${flowId}::uuid, ${flow.versions[0].id}::uuid,
           ${flow.name}, ${flow.type}::"FlowType", CASE WHEN g % 10 = 3 THEN ${t.other.owner.id}::uuid ELSE ${t.engineer.id}::uuid END, st.status::"SessionStatus",
           CASE WHEN st.status <> 'prepared' THEN st.created END,
           CASE WHEN st.status = 'completed' THEN st.created + ((g * 37) % 120) * interval '1 minute' END,
           (CASE WHEN st.status = 'completed' THEN (${outcomes}::text[])[1 + (g * 7) % cardinality(${outcomes}::text[])] END)::"SessionOutcome",
           CASE WHEN g % 13 = 0 OR st.status = 'prepared' THEN NULL ELSE (${nodes}::text[])[1 + (g * 5) % cardinality(${nodes}::text[])] END,
           coalesce((SELECT jsonb_object_agg((${nodes}::text[])[1 + (g + k) % cardinality(${nodes}::text[])],
                                             jsonb_build_object('status', (ARRAY['done', 'skipped', 'failed', 'done'])[1 + (g * k) % 4], 'note', '', 'at', st.created))
                     FROM generate_series(0, g % 4) AS k WHERE st.status <> 'prepared'), '{}'::jsonb),
           CASE WHEN g % 3 = 0 THEN jsonb_build_array(
                  jsonb_build_object('id', 'c1', 'title', (ARRAY['Clear the print queue', '  clear the  PRINT queue. ', 'Reboot router', 'Check DNS!'])[1 + g % 4]),
                  jsonb_build_object('id', 'c2', 'title', (ARRAY['Clear the print queue', 'clear the print queue!', 'Flush DNS'])[1 + g % 3]))
                ELSE '[]'::jsonb END,
           st.created, CASE WHEN g % 4 = 0 THEN ${NOW}::timestamptz - interval '9 days' ELSE st.created END
    FROM generate_series(${offset}::int, ${offset + count - 1}::int) AS g,
    LATERAL (SELECT CASE WHEN g % 9 = 0 THEN 'active' WHEN g % 17 = 0 THEN 'prepared' ELSE 'completed' END AS status,
                    ${NOW}::timestamptz - (g * interval '97 minutes') AS created) AS st`;
}

beforeAll(async () => {
  t = await teamTenant();
  const published = await publishTree(t.engineer);
  tree = { flowId: published.flowId, nodes: Object.keys((published.structure as TreeStructure).nodes) };
  const proc = await publishProcedure(t.engineer, 6, { name: "Patch servers" });
  procedure = { flowId: proc.flowId, steps: stepIdsOf(proc.structure as ProcedureStructure) };
  await seedMany(tree.flowId, tree.nodes, ["resolved", "partially_resolved", "escalated", "unresolved"], 600, 1);
  await seedMany(procedure.flowId, procedure.steps, ["completed", "completed_with_issues", "aborted"], 600, 1);
});

describe("flow analytics roll-ups equal the exact aggregate", () => {
  it("over the seeded sessions (backfill-free: every row went in through the insert trigger)", async () => {
    const all = await getFlowAnalytics(t.engineer, tree.flowId, analyticsParamsSchema.parse({ range: "all" }), NOW);
    expect(all.summary.sessions).toBeGreaterThan(500);
    expect(all.customSteps.length).toBeGreaterThan(1);
    await expectSameAsExact(tree.flowId);
    await expectSameAsExact(procedure.flowId);
  });

  it("after completing, reopening, editing, marking steps, deleting and inserting more", async () => {
    const ids = async (flowId: string, status: "active" | "completed" | "prepared", take: number) =>
      (await db.session.findMany({ where: { flowId, accountId: t.account.id, status }, select: { id: true }, orderBy: { createdAt: "desc" }, take })).map((s) => s.id);
    for (const flow of [tree, procedure]) {
      const flowId = flow.flowId;
      const nodes = "nodes" in flow ? flow.nodes : flow.steps;
      const [active, completed, prepared] = await Promise.all([ids(flowId, "active", 12), ids(flowId, "completed", 30), ids(flowId, "prepared", 4)]);
      const outcome = flowId === tree.flowId ? "escalated" : "aborted";
      // Completed one by one (the runner's Finish) and in bulk (a batch).
      await db.session.update({ where: { id: active[0] }, data: { status: "completed", outcome, completedAt: new Date(NOW.getTime() - 60_000) } });
      await db.session.updateMany({ where: { id: { in: active.slice(1, 6) } }, data: { status: "completed", outcome, completedAt: NOW } });
      // Reopened: back to active without an outcome.
      await db.session.updateMany({ where: { id: { in: completed.slice(0, 5) } }, data: { status: "active", outcome: null, completedAt: null } });
      // Edited after completion: another outcome, another end node, more custom steps.
      await db.session.update({ where: { id: completed[5] }, data: { outcome: flowId === tree.flowId ? "resolved" : "completed", currentNodeId: nodes[0] } });
      await db.session.update({ where: { id: completed[6] }, data: { customSteps: [{ id: "x", title: "Flush DNS." }, { id: "y", title: "flush dns" }] } });
      // Step marks on active sessions (each click), and a node move.
      await db.session.update({ where: { id: active[6] }, data: { stepStates: { [nodes[1]]: { status: "failed" }, [nodes[2]]: { status: "skipped" } }, currentNodeId: nodes[2] } });
      await db.session.update({ where: { id: active[7] }, data: { stepStates: {} } });
      // A prepared session started, one deleted; notes only (no roll-up change).
      await db.session.update({ where: { id: prepared[0] }, data: { status: "active", startedAt: NOW, currentNodeId: nodes[1] } });
      await db.session.deleteMany({ where: { id: { in: [prepared[1], completed[7], active[8]] } } });
      await db.session.update({ where: { id: completed[8] }, data: { notes: { [nodes[0]]: "checked" } } });
    }
    await seedMany(tree.flowId, tree.nodes, ["resolved", "escalated"], 50, 5_000);
    await expectSameAsExact(tree.flowId);
    await expectSameAsExact(procedure.flowId);
  });

  it("a rolled-back transaction leaves the roll-ups as they were", async () => {
    const before = await getFlowAnalytics(t.engineer, tree.flowId, analyticsParamsSchema.parse({ range: "all" }), NOW);
    const active = await db.session.findFirstOrThrow({ where: { flowId: tree.flowId, accountId: t.account.id, status: "active" }, select: { id: true } });
    await expect(db.$transaction(async (tx) => {
      await tx.session.update({ where: { id: active.id }, data: { status: "completed", outcome: "resolved", completedAt: NOW } });
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await getFlowAnalytics(t.engineer, tree.flowId, analyticsParamsSchema.parse({ range: "all" }), NOW)).toEqual(before);
  });

  it("completions racing on one roll-up row all count (counters in SQL, not read-modify-write)", async () => {
    const hour = new Date("2026-06-14T08:00:00Z");
    const flow = await db.flow.findUniqueOrThrow({ where: { id: tree.flowId }, select: { name: true, versions: { select: { id: true }, take: 1 } } });
    const racers = 12;
    await db.session.createMany({
      data: Array.from({ length: racers }, (_, i) => ({
        accountId: t.account.id, flowId: tree.flowId, flowVersionId: flow.versions[0].id, flowName: flow.name, flowType: "troubleshooting" as const,
        ownerId: t.engineer.id, status: "active" as const, startedAt: hour, createdAt: new Date(hour.getTime() + i * 60_000), currentNodeId: tree.nodes[0],
      })),
    });
    const sessions = await db.session.findMany({ where: { flowId: tree.flowId, createdAt: { gte: hour, lt: new Date(hour.getTime() + 3_600_000) } }, select: { id: true } });
    expect(sessions).toHaveLength(racers);
    const row = () => db.flowHourStat.findUniqueOrThrow({ where: { flowId_accountId_hour: { flowId: tree.flowId, accountId: t.account.id, hour } } });
    const before = await row();
    // Each completion queues on the hour's roll-up row, locked here, and all go at once on release.
    await raceOnLockedRow(
      { sql: `SELECT 1 FROM "FlowHourStat" WHERE "flowId" = $1 AND "accountId" = $2 AND hour = $3 FOR UPDATE`, params: [tree.flowId, t.account.id, hour] },
      () => sessions.map((s) => db.$transaction((tx) => tx.session.update({ where: { id: s.id }, data: { status: "completed", outcome: "resolved", completedAt: NOW } }))),
    );
    const after = await row();
    expect(after).toMatchObject({ sessions: before.sessions, completed: before.completed + racers, resolved: before.resolved + racers });
    await expectSameAsExact(tree.flowId);
  });

  it("the migration's backfill rebuilds the same roll-ups from the session rows", async () => {
    const migration = readFileSync(path.join(MIGRATIONS_DIR, "20261129052208_flow_analytics_rollup/migration.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("-- Backfill"));
    expect(backfill).toContain("DO $$");
    await db.$transaction(async (tx) => {
      for (const table of ["FlowHourStat", "FlowEndDayStat", "FlowStepDayStat", "FlowCustomStepDayStat"]) await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
      expect(await tx.flowHourStat.count()).toBe(0);
      await tx.$executeRawUnsafe(backfill);
    });
    await expectSameAsExact(tree.flowId);
    await expectSameAsExact(procedure.flowId);
  });

  it("deleting the flow takes its roll-ups with it (sessions keep their rows, without the flow)", async () => {
    const doomed = await publishTree(t.engineer, { name: "Short-lived flow" });
    const nodes = Object.keys((doomed.structure as TreeStructure).nodes);
    await seedMany(doomed.flowId, nodes, ["resolved"], 40, 1);
    const rollups = () => db.flowHourStat.count({ where: { flowId: doomed.flowId } });
    expect(await rollups()).toBeGreaterThan(0);
    await db.session.deleteMany({ where: { flowId: doomed.flowId, status: "prepared" } });
    await db.flow.delete({ where: { id: doomed.flowId } });
    expect(await rollups()).toBe(0);
    expect(await db.flowEndDayStat.count({ where: { flowId: doomed.flowId } })).toBe(0);
  });
});
