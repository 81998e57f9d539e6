// Query shapes of the maintenance pages and the escalations inbox (issue 10, "scale"): each read
// runs through the app's own function on a seeded account, then every statement it sent is
// EXPLAINed (ANALYZE) and the table rows it touched are counted. A change that reads a batch's
// sessions for its progress, every target of every list, or pages the inbox with OFFSET fails
// here, not only in `npm run bench:http`. Bounds are in rows read, never in time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxCursorOf, type InboxCursor } from "@/lib/escalations/escalations.validation";
import { INBOX_PAGE_SIZE, inboxList } from "@/lib/escalations/queries";
import { flowBatches, listTargetLists, maintenanceOverview, MAINTENANCE_PAGE_SIZE, TARGET_PREVIEW } from "@/lib/maintenance/queries";
import { loadVolume, type LoadedVolume } from "@/tests/bench/http/volumes";
import { queryPlans, rowsRead, type Statement } from "@/tests/helpers/query-plans";

const { direct, statementsOf, explain: explainAnalyze, analyze, ownerOf } = queryPlans();
// These tables are small enough here that the planner would scan them: plans with sequential scans priced out.
const explain = (statement: Statement) => explainAnalyze(statement, { indexesOnly: true });
let volume: LoadedVolume;
let owner: { id: string; accountId: string; teamId: string | null; role: "owner" };

beforeAll(async () => {
  await direct.connect();
  // 60 target lists of 20 targets, 60 batches of 10 sessions plus one of 500 (the hub batch), ~230 escalations.
  volume = await loadVolume(direct, { key: "maint-shapes", flows: 90, sessions: 3_000, steps: 40, tags: 3, lists: 60, batches: 60, schedules: 12 });
  for (const table of ["Escalation", "Batch", "Target", "TargetList", "Schedule"]) await direct.query(`VACUUM ANALYZE "${table}"`);
  await analyze();
  owner = await ownerOf(volume);
}, 120_000);

afterAll(async () => {
  await direct.end();
});

const count = async (sql: string, params: unknown[]) => (await direct.query<{ n: number }>(sql, params)).rows[0].n;

describe("maintenance overview", () => {
  it("is one statement over the page's flows, their schedules and newest batches, reading no session", async () => {
    const { result, statements } = await statementsOf(() => maintenanceOverview(owner));
    expect(result.rows.length).toBe(MAINTENANCE_PAGE_SIZE);
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).not.toContain(`"Session"`);
    const plan = await explain(statements[0]);
    const schedules = result.rows.reduce((n, r) => n + r.schedules.length, 0);
    // The page (+1) from each of the two branches, each flow's schedules, 3 batches and their
    // launchers, and the probes for other accounts' public maintenance flows (other files leave some).
    expect(rowsRead(plan)).toBeLessThanOrEqual(3 * (MAINTENANCE_PAGE_SIZE + 1) + schedules + result.rows.length * 3 * 2 + 5);
    // What is there to read: far more than that.
    expect(await count(`SELECT count(*)::int AS n FROM "Flow" WHERE "accountId" = $1`, [volume.accountId])).toBeGreaterThan(40);
    expect(await count(`SELECT count(*)::int AS n FROM "Batch" WHERE "accountId" = $1`, [volume.accountId])).toBe(61);
  });

  it("a flow's run history reads its 10 newest batches with their roll-up, not the 500-target batch's sessions", async () => {
    const { result, statements } = await statementsOf(() => flowBatches(owner, volume.maintenanceFlowId));
    const hub = result.find((b) => b.id === volume.hubBatchId);
    expect(hub?.score.total).toBe(500);
    expect(statements.every((s) => !s.sql.includes(`"Session"`))).toBe(true);
    let read = 0;
    for (const statement of statements) read += rowsRead(await explain(statement));
    expect(read).toBeLessThanOrEqual(result.length * 2 + 2);
  });
});

describe("target lists tab", () => {
  it("reads the page's lists, their counts and first labels: not every target of the account", async () => {
    const { result, statements } = await statementsOf(() => listTargetLists(owner));
    expect(result.rows).toHaveLength(MAINTENANCE_PAGE_SIZE);
    expect(result.rows[0]).toMatchObject({ count: 20, preview: expect.any(Array) });
    expect(result.rows[0].preview).toHaveLength(TARGET_PREVIEW);
    expect(statements).toHaveLength(1);
    const plan = await explain(statements[0]);
    // The page (+1, and one more the name sort's last group may hold).
    const shown = MAINTENANCE_PAGE_SIZE + 2;
    // Each shown list's targets at most twice (its count, its preview; a small table may be read
    // through a bitmap scan and sorted rather than walked in position order): 22 × 20 × 2, not 60 × 20.
    expect(rowsRead(plan, "Target")).toBeLessThanOrEqual(shown * 20 * 2);
    expect(rowsRead(plan, "TargetList")).toBeLessThanOrEqual(shown + 1);
    expect(await count(`SELECT count(*)::int AS n FROM "Target" t JOIN "TargetList" l ON l.id = t."listId" WHERE l."accountId" = $1`, [volume.accountId])).toBe(1_200);
  });
});

describe("escalations inbox", () => {
  it("a page is two statements: the page after its cursor, and the three capped counts", async () => {
    const open = await count(`SELECT count(*)::int AS n FROM "Escalation" WHERE "accountId" = $1 AND status = 'open'`, [volume.accountId]);
    expect(open).toBeGreaterThan(INBOX_PAGE_SIZE * 3);
    const { result, statements } = await statementsOf(() => inboxList(owner, "open"));
    expect(result.rows).toHaveLength(INBOX_PAGE_SIZE);
    expect(result.counts.open).toBe(open);
    expect(statements).toHaveLength(2);
    const [page, counts] = statements[0].sql.includes("count(*)") ? [statements[1], statements[0]] : [statements[0], statements[1]];
    // The page (+1), then each row's session, people and category by key.
    expect(rowsRead(await explain(page))).toBeLessThanOrEqual((INBOX_PAGE_SIZE + 1) * 5);
    // Each count from the index, at most the cap: here, the tabs' rows and no others.
    expect(rowsRead(await explain(counts), "Escalation")).toBeLessThanOrEqual(result.counts.open + result.counts.claimed + result.counts.resolved + 3);
  });

  it("keyset pages walk the tab newest first without gaps or repeats, and a deep page reads what a first page does", async () => {
    const expected = (await direct.query<{ id: string }>(`SELECT id FROM "Escalation" WHERE "accountId" = $1 AND status = 'resolved' ORDER BY "createdAt" DESC, id DESC`, [volume.accountId])).rows.map((r) => r.id);
    const seen: string[] = [];
    const pages: string[][] = [];
    let before: InboxCursor | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const page = await inboxList(owner, "resolved", { before });
      expect(page.newer).toBe(before !== undefined);
      pages.push(page.rows.map((r) => r.id));
      seen.push(...page.rows.map((r) => r.id));
      if (!page.older) break;
      const last = page.rows[page.rows.length - 1];
      before = { at: new Date(last.createdAt), id: last.id };
      expect(inboxCursorOf(last)).toBe(`${last.createdAt}_${last.id}`);
    }
    expect(seen).toEqual(expected);
    expect(pages.length).toBeGreaterThan(2);

    // Back from the last page (Newer): the page before it, in the same order.
    const lastPage = pages[pages.length - 1];
    const first = await inboxList(owner, "resolved", { before });
    const firstRow = first.rows[0];
    const back = await inboxList(owner, "resolved", { after: { at: new Date(firstRow.createdAt), id: firstRow.id } });
    expect(first.rows.map((r) => r.id)).toEqual(lastPage);
    expect(back.rows.map((r) => r.id)).toEqual(pages[pages.length - 2]);
    expect(back).toMatchObject({ older: true, newer: pages.length > 2 });

    // The deep page's statement starts at its cursor in the index: it reads no more than the first page's.
    const { statements } = await statementsOf(() => inboxList(owner, "resolved", { before }));
    const page = statements.find((s) => !s.sql.includes("count(*)"))!;
    expect(rowsRead(await explain(page), "Escalation")).toBeLessThanOrEqual(INBOX_PAGE_SIZE + 1);
  });
});
