// Query shapes of the analytics pages: EXPLAIN (ANALYZE) of every statement a read sends, with
// the rows each touched. The flow tab is three statements that count from its roll-ups and read of
// the sessions only the flow's own in its range (durations and active ones, through partial
// indexes; never the account's). /insights reads no session at all: its counts are a few
// "InsightStat" buckets per flow and owner, whatever the range, and its library rankings stop at
// their LIMIT in index order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsParamsSchema, rangeStart } from "@/lib/analytics/analytics.validation";
import { getFlowAnalytics } from "@/lib/analytics/flow-analytics";
import { getInsights, INSIGHTS_TOP } from "@/lib/analytics/insights";
import { loadVolume, type LoadedVolume } from "@/tests/bench/http/volumes";
import { queryPlans, rowsRead, scansOf } from "@/tests/helpers/query-plans";

const { direct, statementsOf: captured, explain, analyze, ownerOf } = queryPlans();
const statementsOf = async <T>(fn: () => Promise<T>) => (await captured(fn)).statements;
const SESSIONS = 6_000;
let volume: LoadedVolume;
let owner: { id: string; accountId: string; teamId: string | null; role: "owner" };

beforeAll(async () => {
  await direct.connect();
  volume = await loadVolume(direct, { key: "analytics-shapes", flows: 40, sessions: SESSIONS, steps: 300, tags: 4, lists: 0, batches: 0, schedules: 0 });
  await direct.query(`VACUUM ANALYZE "Session"`);
  await analyze();
  owner = await ownerOf(volume);
}, 120_000);

afterAll(async () => {
  await direct.end();
});

async function sessionReads<T>(fn: () => Promise<T>) {
  const reading = (await statementsOf(fn)).filter((s) => s.sql.includes(`"Session"`));
  return Promise.all(reading.map(async (statement) => {
    const plan = await explain(statement);
    return { sql: statement.sql, read: rowsRead(plan, "Session"), scans: scansOf(plan, "Session") };
  }));
}

const count = async (sql: string, params: unknown[]) => (await direct.query<{ n: number }>(sql, params)).rows[0].n;

describe("analytics query shapes", () => {
  it("the flow tab reads roll-ups, and of the sessions only the flow's completed (durations) and active ones in the range", async () => {
    const params = analyticsParamsSchema.parse({ range: "90" });
    const since = rangeStart("90")!;
    const inRange = await count(`SELECT count(*)::int AS n FROM "Session" WHERE "flowId" = $1 AND "createdAt" >= $2`, [volume.flowId, since]);
    expect(inRange).toBeGreaterThan(5);
    // The planner may take the flow's index or the account's range index (statistics differ with
    // what other files left in the worker database); either way it reads a range, never the table.
    const accountInRange = await count(`SELECT count(*)::int AS n FROM "Session" WHERE "accountId" = $1 AND "createdAt" >= $2`, [volume.accountId, since]);
    // Three statements (each with the flow's access check, every number a subquery), not one per number.
    expect(await statementsOf(() => getFlowAnalytics(owner, volume.flowId, params))).toHaveLength(3);
    const reads = await sessionReads(() => getFlowAnalytics(owner, volume.flowId, params));
    // Counts come from the Flow*Stat roll-ups; only durations (bounded) and active sessions are live.
    expect(reads).toHaveLength(1);
    for (const r of reads) {
      expect(r.scans.every((s) => s !== "Seq Scan"), r.sql).toBe(true);
      expect(r.read, r.sql).toBeLessThanOrEqual(Math.max(inRange, accountInRange) + 5);
    }
    expect(accountInRange).toBeLessThan(SESSIONS / 2);
    expect(inRange).toBeLessThan(SESSIONS / 20);
  });

  it("/insights reads no session: a few roll-up buckets per flow and member, and the library's pages in index order", async () => {
    const { rows } = await direct.query<{ flows: number; members: number; steps: number }>(
      `SELECT (SELECT count(*)::int FROM "Flow" WHERE "accountId" = $1) AS flows, (SELECT count(*)::int FROM "User" WHERE "accountId" = $1) AS members,
              (SELECT count(*)::int FROM "LibraryStep" WHERE "accountId" = $1) AS steps`, [volume.accountId]);
    const { flows, members, steps } = rows[0];
    expect(steps).toBeGreaterThan(10 * INSIGHTS_TOP);
    for (const range of ["30", "90", "all"] as const) {
      const params = analyticsParamsSchema.parse({ range });
      const since = rangeStart(range);
      const inRange = await count(`SELECT count(*)::int AS n FROM "Session" WHERE "accountId" = $1 AND "createdAt" >= coalesce($2::timestamptz, '-infinity')`, [volume.accountId, since]);
      const statements = await statementsOf(() => getInsights(owner, params));
      expect(statements).toHaveLength(4);
      for (const statement of statements) {
        expect(statement.sql, "no statement reads the sessions").not.toContain(`"Session"`);
        const plan = await explain(statement);
        expect(scansOf(plan, "InsightStat").every((s) => s !== "Seq Scan"), statement.sql).toBe(true);
        // At most 10 buckets of a range can hold sessions (tests/unit/analytics-insight-buckets),
        // one row each per flow (the flow rankings) or per member (totals and engineers); all time
        // is one bucket. Never a row per session.
        const rollupRows = rowsRead(plan, "InsightStat");
        expect(rollupRows, statement.sql).toBeLessThanOrEqual((range === "all" ? 1 : 10) * (flows + members + 1));
        expect(rollupRows, statement.sql).toBeLessThan(inRange / 4);
        // "Most used" and "Best rated": each branch stops at its LIMIT (a few rows thrown away by
        // the vote minimum), not a scan of the account's library.
        if (statement.sql.includes(`"LibraryStep"`)) {
          expect(rowsRead(await explain(statement, { inIndexOrder: true }), "LibraryStep"), statement.sql).toBeLessThanOrEqual(3 * INSIGHTS_TOP);
        }
      }
    }
  });
});
