// Query shapes of the analytics pages: EXPLAIN (ANALYZE) of every statement a read sends, with
// the Session rows each touched. The flow tab counts from its roll-ups and reads of the sessions
// only the flow's own in its range (durations and active ones, through partial indexes; never the
// account's), and /insights reads the account's sessions in the range through the
// (accountId, createdAt, …) index, never the whole table.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { analyticsParamsSchema, rangeStart } from "@/lib/analytics/analytics.validation";
import { getFlowAnalytics } from "@/lib/analytics/flow-analytics";
import { getInsights } from "@/lib/analytics/insights";
import { loadVolume, type LoadedVolume } from "@/tests/bench/http/volumes";

type Statement = { sql: string; params: unknown[] };
let capturing: Statement[] | null = null;
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
client.$on("query", (event) => capturing?.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
(globalThis as { prisma?: PrismaClient }).prisma = client;

const direct = new pg.Client({ connectionString: process.env.DATABASE_URL });
const SESSIONS = 6_000;
let volume: LoadedVolume;
let owner: { id: string; accountId: string; teamId: string | null; role: "owner" };

beforeAll(async () => {
  await direct.connect();
  volume = await loadVolume(direct, { key: "analytics-shapes", flows: 40, sessions: SESSIONS, steps: 300, tags: 4, lists: 0, batches: 0, schedules: 0 });
  await direct.query(`VACUUM ANALYZE "Session"`);
  const { rows } = await direct.query<{ id: string; teamId: string | null }>(`SELECT id, "teamId" FROM "User" WHERE email = $1`, [volume.ownerEmail]);
  owner = { id: rows[0].id, accountId: volume.accountId, teamId: rows[0].teamId, role: "owner" };
}, 120_000);

afterAll(async () => {
  await direct.end();
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number; "Rows Removed by Filter"?: number; "Heap Fetches"?: number; Plans?: PlanNode[] };

async function sessionReads<T>(fn: () => Promise<T>) {
  capturing = [];
  let statements: Statement[];
  try {
    await fn();
    statements = capturing;
  } finally {
    capturing = null;
  }
  const reading = statements.filter((s) => s.sql.includes(`"Session"`));
  return Promise.all(reading.map(async (statement) => {
    const { rows } = await direct.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params);
    const plan = (rows[0]["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan;
    return { sql: statement.sql, read: rowsRead(plan, "Session"), scans: scansOf(plan, "Session") };
  }));
}

/** Rows of `table` a plan touched: returned by its scans plus those its filters threw away. */
function rowsRead(node: PlanNode, table: string): number {
  const own = node["Relation Name"] === table ? (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0)) * node["Actual Loops"] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, table), 0);
}
function scansOf(node: PlanNode, table: string): string[] {
  const own = node["Relation Name"] === table ? [node["Node Type"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => scansOf(child, table))];
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
    const reads = await sessionReads(() => getFlowAnalytics(owner, volume.flowId, params));
    // Counts come from the Flow*Stat roll-ups; only durations (bounded) and active sessions are live.
    expect(reads).toHaveLength(2);
    for (const r of reads) {
      expect(r.scans.every((s) => s !== "Seq Scan"), r.sql).toBe(true);
      expect(r.read, r.sql).toBeLessThanOrEqual(Math.max(inRange, accountInRange) + 5);
    }
    expect(accountInRange).toBeLessThan(SESSIONS / 2);
    expect(inRange).toBeLessThan(SESSIONS / 20);
  });

  it("/insights reads the account's sessions in the range through its index, not the table", async () => {
    // The last 30 days: a small share of the account's year of sessions, so the range index is the
    // plan whatever else the worker database holds.
    const params = analyticsParamsSchema.parse({ range: "30" });
    const since = rangeStart("30")!;
    const inRange = await count(`SELECT count(*)::int AS n FROM "Session" WHERE "accountId" = $1 AND "createdAt" >= $2`, [volume.accountId, since]);
    // On this small table most of the account is in range, where a sequential scan is as cheap as
    // the index; turned off for the EXPLAIN, a query that cannot use the index still scans the
    // table (and fails the bounds below), one that can shows it.
    await direct.query("SET enable_seqscan = off");
    const reads = await sessionReads(() => getInsights(owner, params)).finally(() => direct.query("RESET enable_seqscan"));
    expect(reads).toHaveLength(3);
    for (const r of reads) {
      // Through an index over the range: index-only while the visibility map is current; a bitmap
      // scan of the same range once other files' writes (the proposal sweep) dirty the pages.
      expect(r.scans.every((scan) => scan !== "Seq Scan"), r.sql).toBe(true);
      expect(r.read, r.sql).toBeLessThanOrEqual(inRange + 5);
    }
    expect(inRange).toBeLessThan(SESSIONS / 2);
  });
});
