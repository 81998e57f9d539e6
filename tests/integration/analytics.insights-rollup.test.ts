// /insights reads the roll-up "InsightStat" kept by triggers on "Session"; these tests hold it to
// the old exact aggregate over the session rows (tests/helpers/insights-exact.ts) for every kind of
// viewer (owner, admin, team engineer, engineer outside the team, L1, another account) and range,
// through every way sessions change: bulk inserts, completion, reopening, an edited outcome, a new
// owner, deletes, a rolled-back transaction, a deleted flow and member, and the migration's backfill.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";
import { analyticsParamsSchema, ANALYTICS_RANGES } from "@/lib/analytics/analytics.validation";
import { getInsights } from "@/lib/analytics/insights";
import { getInsightCountsExact } from "@/tests/helpers/insights-exact";
import { createUser } from "@/tests/helpers/factories";
import { publishAs, publishProcedure, publishTree, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";
import { sampleTree } from "@/tests/helpers/flow-fixtures";

const NOW = new Date("2026-06-15T12:34:00Z");
let t: TeamTenant;
let flows: string[];
let departing: { id: string };

const viewers = () => [t.owner, t.admin, t.engineer, t.teammate, t.loner, t.l1, t.other.owner];

async function expectSameAsExact(now = NOW) {
  for (const user of viewers()) {
    for (const range of ANALYTICS_RANGES) {
      const params = analyticsParamsSchema.parse({ range });
      const [rolled, exact] = await Promise.all([getInsights(user, params, now), getInsightCountsExact(user, params, now)]);
      const { mostUsedSteps: _used, bestRatedSteps: _rated, ...counts } = rolled;
      expect(counts, `${user.role} ${user.id.slice(0, 8)}, ${range}`).toEqual(exact);
    }
  }
}

/**
 * Sessions over 400 days (some in another account, on this account's public flow), over every
 * flow (and none: assistant sessions), by every member (and nobody: prepared ones), of every
 * status and outcome.
 */
async function seedSessions(count: number, offset: number, now = NOW) {
  const owners = [t.engineer.id, t.teammate.id, t.loner.id, t.admin.id, departing.id, null];
  await db.$executeRaw`
    WITH fv AS (
      SELECT array_agg(f.id ORDER BY f.id) AS ids, array_agg(v.id ORDER BY f.id) AS versions, array_agg(f.type::text ORDER BY f.id) AS types, count(*)::int AS n
      FROM "Flow" f JOIN LATERAL (SELECT id FROM "FlowVersion" v WHERE v."flowId" = f.id ORDER BY version DESC LIMIT 1) v ON true
      WHERE f.id = ANY(${flows}::uuid[]))
    INSERT INTO "Session" (id, "accountId", kind, "flowId", "flowVersionId", "flowName", "flowType", "ownerId", status, "startedAt", "completedAt", outcome, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), CASE WHEN g % 10 = 3 THEN ${t.other.account.id}::uuid ELSE ${t.account.id}::uuid END,
           (CASE WHEN pick.i = 0 THEN 'assistant' ELSE 'flow' END)::"SessionKind",
           CASE WHEN pick.i > 0 THEN fv.ids[pick.i] END, CASE WHEN pick.i > 0 THEN fv.versions[pick.i] END, 'Insights rollup run',
           coalesce(fv.types[pick.i], 'troubleshooting')::"FlowType",
           CASE WHEN g % 10 = 3 THEN ${t.other.owner.id}::uuid WHEN st.status = 'prepared' THEN NULL ELSE (${owners}::uuid[])[1 + (g * 7) % cardinality(${owners}::uuid[])] END,
           st.status::"SessionStatus", CASE WHEN st.status <> 'prepared' THEN st.created END,
           CASE WHEN st.status = 'completed' THEN st.created + interval '20 minutes' END,
           (CASE WHEN st.status <> 'completed' THEN NULL
                 ELSE (ARRAY['resolved', 'escalated', 'unresolved', 'completed', 'partially_resolved', 'escalated', 'aborted'])[1 + (g * 3) % 7] END)::"SessionOutcome",
           st.created, st.created
    FROM generate_series(${offset}::int, ${offset + count - 1}::int) AS g, fv,
    LATERAL (SELECT (g * 5) % (fv.n + 1) AS i) AS pick,
    LATERAL (SELECT CASE WHEN g % 9 = 0 THEN 'active' WHEN g % 13 = 0 THEN 'prepared' ELSE 'completed' END AS status,
                    ${now}::timestamptz - (g * interval '211 minutes') AS created) AS st`;
}

beforeAll(async () => {
  t = await teamTenant();
  departing = await createUser({ accountId: t.account.id, role: "engineer" });
  const [tree, procedure, team, mine, shared] = await Promise.all([
    publishTree(t.engineer, { name: "Rollup printer" }),
    publishProcedure(t.teammate, 3, { name: "Rollup patching" }),
    publishAs(t.engineer, "troubleshooting", sampleTree(), { name: "Rollup team only", visibility: "team" }),
    publishAs(t.loner, "troubleshooting", sampleTree(), { name: "Rollup loner's own", visibility: "private" }),
    publishAs(t.admin, "troubleshooting", sampleTree(), { name: "Rollup public", visibility: "public" }),
  ]);
  flows = [tree.flowId, procedure.flowId, team.flowId, mine.flowId, shared.flowId];
  await seedSessions(2_400, 1);
});

describe("/insights roll-up equals the exact aggregate", () => {
  it("over the seeded sessions, for every viewer and range (every row went in through the insert trigger)", async () => {
    const all = await getInsights(t.owner, analyticsParamsSchema.parse({ range: "all" }), NOW);
    expect(all.totals.sessions).toBeGreaterThan(1_500);
    // Every flow but the loner's private one.
    expect(all.topByUse.length).toBe(4);
    expect(all.engineers.length).toBeGreaterThan(4);
    await expectSameAsExact();
    // The ranges are sliding windows over the same buckets: other days cut them elsewhere.
    for (const days of [1, 7, 23, 64, 200]) await expectSameAsExact(new Date(NOW.getTime() - days * 86_400_000));
  });

  it("after completing, reopening, editing, reassigning, deleting and inserting more", async () => {
    const ids = async (status: "active" | "completed" | "prepared", take: number) =>
      (await db.session.findMany({ where: { accountId: t.account.id, flowName: "Insights rollup run", status }, select: { id: true }, orderBy: { createdAt: "desc" }, take })).map((s) => s.id);
    const [active, completed, prepared] = await Promise.all([ids("active", 12), ids("completed", 30), ids("prepared", 6)]);
    await db.session.update({ where: { id: active[0] }, data: { status: "completed", outcome: "escalated", completedAt: NOW } });
    await db.session.updateMany({ where: { id: { in: active.slice(1, 6) } }, data: { status: "completed", outcome: "resolved", completedAt: NOW } });
    await db.session.updateMany({ where: { id: { in: completed.slice(0, 5) } }, data: { status: "active", outcome: null, completedAt: null } });
    await db.session.update({ where: { id: completed[5] }, data: { outcome: "escalated" } });
    await db.session.update({ where: { id: completed[6] }, data: { ownerId: t.loner.id } });
    await db.session.update({ where: { id: completed[7] }, data: { flowId: flows[2] } });
    await db.session.update({ where: { id: prepared[0] }, data: { status: "active", ownerId: t.teammate.id, startedAt: NOW } });
    await db.session.deleteMany({ where: { id: { in: [prepared[1], completed[8], active[8]] } } });
    // Notes only: nothing the roll-up counts.
    await db.session.update({ where: { id: completed[9] }, data: { notes: { a: "checked" } } });
    await seedSessions(100, 10_000, new Date(NOW.getTime() - 3_600_000));
    await expectSameAsExact();
  });

  it("a rolled-back transaction leaves the roll-up as it was", async () => {
    const before = await getInsights(t.owner, analyticsParamsSchema.parse({ range: "all" }), NOW);
    const active = await db.session.findFirstOrThrow({ where: { accountId: t.account.id, status: "active" }, select: { id: true } });
    await expect(db.$transaction(async (tx) => {
      await tx.session.update({ where: { id: active.id }, data: { status: "completed", outcome: "resolved", completedAt: NOW } });
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await getInsights(t.owner, analyticsParamsSchema.parse({ range: "all" }), NOW)).toEqual(before);
  });

  it("a deleted member's and a deleted flow's sessions still count where the exact query counts them", async () => {
    await db.user.delete({ where: { id: departing.id } });
    const doomed = flows[0];
    // Sessions keep their rows without the flow (flowId set null): still in the admins' totals.
    await db.flow.delete({ where: { id: doomed } });
    expect(await db.session.count({ where: { accountId: t.account.id, flowName: "Insights rollup run", flowId: null, kind: "flow" } })).toBeGreaterThan(0);
    await expectSameAsExact();
    const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "InsightStat" WHERE "flowId" = ${doomed}::uuid AND sessions <> 0`;
    expect(rows[0].n).toBe(0);
  });

  it("the migration's backfill rebuilds the same roll-up from the session rows", async () => {
    const migration = readFileSync(path.join(MIGRATIONS_DIR, "20261207161758_insights_rollup/migration.sql"), "utf8");
    const from = migration.indexOf("-- Backfill");
    const backfill = migration.slice(from, migration.indexOf("END $$;", from) + "END $$;".length);
    expect(backfill).toContain("DO $$");
    const snapshot = () => db.$queryRaw<unknown[]>`
      SELECT "accountId", grain, span, day, "flowId", "ownerId", sessions, completed, resolved, escalated FROM "InsightStat"
      WHERE "accountId" IN (${t.account.id}::uuid, ${t.other.account.id}::uuid) AND (sessions, completed, resolved, escalated) <> (0, 0, 0, 0)
      ORDER BY 1, 2, 3, 4, 5, 6`;
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(100);
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM "InsightStat"`);
      await tx.$executeRawUnsafe(backfill);
    });
    expect(await snapshot()).toEqual(before);
    await expectSameAsExact();
  });
});
