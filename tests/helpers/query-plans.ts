// What the query-shape tests share: see every statement a read sends (through the app's own
// client, installed with query events before its first use), EXPLAIN (ANALYZE) each, and count
// the table rows a plan touched. Bounds are in rows read, never in time.
import { appendFileSync } from "node:fs";
import pg from "pg";
import { expect } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Statement = { sql: string; params: unknown[] };
export type PlanNode = {
  "Node Type": string; "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number;
  "Rows Removed by Filter"?: number; "Rows Removed by Index Recheck"?: number; "Heap Fetches"?: number; Plans?: PlanNode[];
};

/**
 * Installs the app's Prisma client (lib/db/client.ts creates it on first use, so this must run
 * before any app code touches the database) with query events on, and a plain pg client for EXPLAIN.
 */
export function queryPlans() {
  let capturing: Statement[] | null = null;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => capturing?.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
  (globalThis as { prisma?: PrismaClient }).prisma = client;
  const direct = new pg.Client({ connectionString: process.env.DATABASE_URL });

  /** The result of `fn` and every statement it sent. */
  async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    capturing = [];
    try {
      const result = await fn();
      return { result, statements: capturing };
    } finally {
      capturing = null;
    }
  }

  /**
   * The statement's plan, run for real. `indexesOnly` prices out sequential scans (small test
   * tables are cheaper to scan than to probe, so the plan shows whether an index *can* serve the
   * read at any size); `inIndexOrder` also prices out bitmap scans and sorts (whether an index can
   * hand the rows over in order and stop at the LIMIT).
   */
  async function explain(statement: Statement, options: { indexesOnly?: boolean; inIndexOrder?: boolean } = {}): Promise<PlanNode> {
    const settings = [
      ...(options.indexesOnly || options.inIndexOrder ? ["enable_seqscan"] : []),
      ...(options.inIndexOrder ? ["enable_bitmapscan", "enable_sort"] : []),
    ];
    await direct.query("BEGIN");
    try {
      for (const setting of settings) await direct.query(`SET LOCAL ${setting} = off`);
      const { rows } = await direct.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params);
      const plan = (rows[0]["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan;
      // QUERY_PLANS_DUMP=<file>: every plan explained, appended as a JSON line (to see why a bound failed).
      if (process.env.QUERY_PLANS_DUMP) appendFileSync(process.env.QUERY_PLANS_DUMP, `${JSON.stringify({ test: expect.getState().currentTestName, sql: statement.sql, settings, plan })}\n`);
      return plan;
    } finally {
      await direct.query("ROLLBACK");
    }
  }

  /**
   * Fresh planner statistics for the whole worker database. Other test files share it and leave
   * rows behind; whether autovacuum has analysed them yet is a matter of timing, and the plans
   * (so the rows they read) followed it. Call after loading data, and after a test adds rows.
   */
  const analyze = () => direct.query("ANALYZE");

  /** A loaded volume's owner, as the viewer the queries take. */
  async function ownerOf(volume: { ownerEmail: string; accountId: string }) {
    const { rows } = await direct.query<{ id: string; teamId: string | null }>(`SELECT id, "teamId" FROM "User" WHERE email = $1`, [volume.ownerEmail]);
    return { id: rows[0].id, accountId: volume.accountId, teamId: rows[0].teamId, role: "owner" as const };
  }

  return { client, direct, statementsOf, explain, analyze, ownerOf };
}

/** Table rows a plan touched (returned by its scans plus those its filters threw away), of one relation or all. */
export function rowsRead(node: PlanNode, relation?: string): number {
  const own = node["Relation Name"] && (!relation || node["Relation Name"] === relation)
    ? (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Index Recheck"] ?? 0)) * node["Actual Loops"]
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0);
}

/** The scan node types a plan used on a relation. */
export function scansOf(node: PlanNode, relation: string): string[] {
  const own = node["Relation Name"] === relation ? [node["Node Type"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => scansOf(child, relation))];
}
