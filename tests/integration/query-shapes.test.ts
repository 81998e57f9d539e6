// Query shapes that keep pages as fast with 100,000 sessions as with 100. Each test seeds a
// table, runs a read through the app's own functions, then EXPLAINs (ANALYZE) every statement
// it sent and counts the rows those statements touched (scanned + filtered out). A change that
// brings back a full scan, or a facet that de-duplicates in Node, fails here, not only in
// `npm run bench:http`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { librarySearchSchema as flowSearchSchema } from "@/lib/flows/flow.validation";
import { FLOW_MATCH_CAP, getFlowDetail, libraryFacets, PAGE_SIZE as FLOW_PAGE_SIZE, searchFlows } from "@/lib/flows/queries";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { LIBRARY_COUNT_CAP, LIBRARY_PAGE_SIZE, libraryFilters, searchLibrary, searchLibraryWithContent } from "@/lib/library/queries";
import { listFlows } from "@/lib/api/flows";
import { flowListQuery } from "@/lib/api/schemas";
import { dashboardSessions, HISTORY_COUNT_CAP, HISTORY_PAGE_SIZE, historyFacets, historySearchSchema, searchSessions } from "@/lib/sessions/queries";
import { findSimilarLibrarySteps, LIBRARY_RANK_POOL } from "@/lib/ai/retrieve";
import { loadVolume, type LoadedVolume } from "@/tests/bench/http/volumes";
import { queryPlans, rowsRead, type PlanNode, type Statement } from "@/tests/helpers/query-plans";

const { client, direct, statementsOf, explain, analyze, ownerOf } = queryPlans();
let volume: LoadedVolume;
let owner: { id: string; accountId: string; teamId: string | null; role: "owner" };

const SESSIONS = 6_000;
const STEPS = 4_000;
// Other test files share this worker's database (and may leave public steps behind): a word of
// this run's own, and expectations counted from what this owner can see.
const RARE = `zorblax${Date.now().toString(36)}`;
const COMMON = `quuxal${Date.now().toString(36)}`;
const VISIBLE_STEPS = `"isActive" AND ("accountId" = $1 OR "visibility" = 'public')`;

beforeAll(async () => {
  await direct.connect();
  volume = await loadVolume(direct, { key: "shapes", flows: 60, sessions: SESSIONS, steps: STEPS, tags: 8, lists: 2, batches: 3, schedules: 2 });
  // A word in exactly 8 entries, for a search whose reads must follow its matches, not the table.
  await direct.query(`UPDATE "LibraryStep" SET "searchText" = "searchText" || ' ' || $2 WHERE id IN (SELECT id FROM "LibraryStep" WHERE "accountId" = $1 ORDER BY id LIMIT 8)`, [volume.accountId, RARE]);
  // And a word in half of them, in the title (which starts searchText) of a quarter: more matches than the count's cap.
  await direct.query(`UPDATE "LibraryStep" SET "searchText" = "searchText" || ' ' || $2 WHERE id IN (SELECT id FROM "LibraryStep" WHERE "accountId" = $1 ORDER BY id DESC LIMIT ${STEPS / 2})`, [volume.accountId, COMMON]);
  await direct.query(`UPDATE "LibraryStep" SET "title" = "title" || ' ' || $2, "searchText" = $2 || ' ' || "searchText" WHERE id IN (SELECT id FROM "LibraryStep" WHERE "accountId" = $1 ORDER BY id LIMIT ${STEPS / 4})`, [volume.accountId, COMMON]);
  await direct.query(`VACUUM ANALYZE "LibraryStep"`);
  // And 3 flows named with it (the trigger keeps their searchVector), for the ranked flow search.
  await direct.query(`UPDATE "Flow" SET "name" = "name" || ' ' || $2 WHERE id IN (SELECT id FROM "Flow" WHERE "accountId" = $1 AND "isActive" ORDER BY id LIMIT 3)`, [volume.accountId, RARE]);
  await direct.query(`VACUUM ANALYZE "Flow"`);
  await direct.query(`VACUUM ANALYZE "Session"`);
  await analyze();
  owner = await ownerOf(volume);
}, 120_000);

afterAll(async () => {
  await direct.end();
});

/** The statements that read `table`, each with its plan. */
async function plansOn(statements: Statement[], table: string, options: { indexesOnly?: boolean } = {}) {
  const reading = statements.filter((s) => s.sql.includes(`"${table}"`));
  const plans: { statement: Statement; plan: PlanNode }[] = [];
  for (const statement of reading) plans.push({ statement, plan: await explain(statement, options) });
  return plans;
}

describe("flow page", () => {
  it("is one statement that reads the flow, its author, tags, versions and fork count by index, whatever the account holds", async () => {
    const { result, statements } = await statementsOf(() => getFlowDetail(owner, volume.flowId));
    expect(result.id).toBe(volume.flowId);
    expect(result.versions.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(1);
    // 60 flows and a handful of users are cheaper to scan than to probe, so the planner would scan
    // them here; with scans priced out, the plan shows an index serves every part at any size.
    const [detail] = await plansOn(statements, "Flow", { indexesOnly: true });
    // The flow, its author, its tags and versions (with publishers), the forks pointing at it: not the account's 60 flows or 6,000 sessions.
    expect(rowsRead(detail.plan)).toBeLessThanOrEqual(10 + result.tags.length * 2 + result.versions.length * 3);
  });
});

describe("flow search", () => {
  it("a rare word reads its matches through the tsvector index, ranked, in one bounded statement plus the page's cards", async () => {
    const { result, statements } = await statementsOf(() => searchFlows(owner, flowSearchSchema.parse({ q: RARE })));
    expect(result.items).toHaveLength(3);
    expect(result.total).toBe(3);
    expect(result.typeCounts.troubleshooting + result.typeCounts.procedural + result.typeCounts.maintenance).toBe(3);
    const [ranked] = await plansOn(statements.slice(0, 1), "Flow", { indexesOnly: true });
    expect(ranked.statement.sql).toMatch(/to_tsquery/);
    expect(ranked.statement.sql).toMatch(new RegExp(`LIMIT \\$\\d+`));
    expect(ranked.statement.params).toContain(FLOW_MATCH_CAP + 1);
    // The 3 matches from the GIN index, each read again by its key to filter and rank, the account's tags named by the word: not its 60 flows.
    expect(rowsRead(ranked.plan)).toBeLessThanOrEqual(3 * 2 + 4);
    // Then the 3 cards, and nothing else (no origin lookup: none is a fork).
    expect(statements.length).toBe(2);
  });

  it("ranks a name match over a description match, and a word prefix finds the word", async () => {
    const [named] = (await direct.query<{ id: string; name: string }>(`SELECT id, name FROM "Flow" WHERE "accountId" = $1 AND "isActive" AND status = 'published' ORDER BY id DESC LIMIT 1`, [volume.accountId])).rows;
    const word = `qwxv${Date.now().toString(36)}`;
    await direct.query(`UPDATE "Flow" SET "name" = "name" || ' ' || $2 WHERE id = $1`, [named.id, word]);
    await direct.query(`UPDATE "Flow" SET "description" = "description" || ' ' || $2 WHERE "accountId" = $1 AND id <> $3 AND id IN (SELECT id FROM "Flow" WHERE "accountId" = $1 ORDER BY id LIMIT 4)`, [volume.accountId, word, named.id]);
    const found = await searchFlows(owner, flowSearchSchema.parse({ q: word.slice(0, -2) }));
    expect(found.total).toBe(5);
    expect(found.items[0].id).toBe(named.id);
    expect(found.totalCapped).toBe(false);
  });
});

describe("session history", () => {
  it("the flow filter list carries a LIMIT and reads one index entry per flow it shows", async () => {
    const { result, statements } = await statementsOf(() => historyFacets(owner));
    const [facet] = await plansOn(statements, "Session");
    expect(facet.statement.sql).toMatch(/\bLIMIT\b/);
    expect(result.flows.length).toBeGreaterThan(10);
    // Exactly the rows shown come back from the database: nothing de-duplicated in Node.
    expect(facet.plan["Actual Rows"]).toBe(result.flows.length);
    // A loose index scan: about one probe per distinct flow, never the account's 6,000 sessions.
    expect(rowsRead(facet.plan)).toBeLessThanOrEqual(result.flows.length * 3 + 5);
  });

  it("a date range reads the page and a capped count through the updatedAt index, not every session", async () => {
    const search = historySearchSchema.parse({ tab: "all", from: "2000-01-01", to: "2999-12-31" });
    const { result, statements } = await statementsOf(() => searchSessions(owner, search));
    expect(result.items).toHaveLength(HISTORY_PAGE_SIZE);
    expect(result.totalCapped).toBe(SESSIONS > HISTORY_COUNT_CAP);
    const plans = await plansOn(statements, "Session");
    const read = plans.reduce((sum, p) => sum + rowsRead(p.plan), 0);
    // The page (25 sessions, and their owner, assignee and preparer) plus the count up to the cap.
    expect(read).toBeLessThanOrEqual(HISTORY_PAGE_SIZE * 8 + HISTORY_COUNT_CAP + 1);
    expect(read).toBeLessThan(SESSIONS / 2);
  });
});

describe("dashboard", () => {
  it("'Prepared for you' reads at most a page per way of waiting (assigned, or unassigned in the team), not the account's prepared sessions", async () => {
    // Prepared sessions of the owner's team that wait for nobody in particular and some for the owner, among many others'.
    const { rows: others } = await direct.query<{ id: string }>(`SELECT id FROM "User" WHERE "accountId" = $1 AND id <> $2 LIMIT 1`, [volume.accountId, owner.id]);
    await direct.query(
      `INSERT INTO "Session" (id, "accountId", "teamId", kind, "flowName", "flowType", status, "assigneeId", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1, CASE WHEN g % 4 = 0 THEN $3::uuid END, 'assistant', 'Waiting ' || g, 'troubleshooting', 'prepared',
              CASE WHEN g % 7 = 0 THEN $2::uuid WHEN g % 4 = 0 THEN NULL ELSE $4::uuid END, now() - g * interval '1 minute', now()
       FROM generate_series(1, 3000) AS g`,
      [volume.accountId, owner.id, owner.teamId, others[0].id],
    );
    await analyze();
    const { result, statements } = await statementsOf(() => dashboardSessions(owner));
    expect(result.prepared).toHaveLength(10);
    const newestFirst = result.prepared.map((p) => p.createdAt.getTime());
    expect(newestFirst).toEqual([...newestFirst].sort((x, y) => y - x));
    // With scans priced out (other files share this database, and a small User table is cheaper to scan than to probe).
    const [prepared] = await plansOn(statements.filter((s) => s.sql.includes("UNION ALL")), "Session", { indexesOnly: true });
    // Ten from each branch's partial index, and their preparers: not the 3,000 prepared sessions.
    expect(rowsRead(prepared.plan)).toBeLessThanOrEqual(2 * 10 + 10 + 5);
  });
});

describe("flow library filters", () => {
  it("categories and tags are grouped in SQL, with a LIMIT, and return only what is shown", async () => {
    const { result, statements } = await statementsOf(() => libraryFacets(owner));
    const plans = await plansOn(statements, "Flow");
    const categories = plans.find((p) => /"category"/.test(p.statement.sql) && /GROUP BY/.test(p.statement.sql));
    expect(categories).toBeDefined();
    expect(categories!.statement.sql).toMatch(/\bLIMIT\b/);
    expect(categories!.plan["Actual Rows"]).toBe(result.categories.length);
    const tags = plans.find((p) => p.statement.sql.includes(`"Tag"`));
    expect(tags!.statement.sql).toMatch(/GROUP BY[\s\S]*\bLIMIT\b/);
    expect(tags!.plan["Actual Rows"]).toBe(result.tags.length);
  });
});


/**
 * Steps other test files left in this worker's database (other accounts'). An index probe may
 * touch them and filter them out, so the bounds allow them on top; they stay far below a scan of
 * this account's own STEPS, which is what the bounds are there to catch.
 */
async function foreignSteps(): Promise<number> {
  const { rows } = await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LibraryStep" WHERE "accountId" <> $1`, [volume.accountId]);
  return rows[0].n;
}

describe("step library", () => {
  const search = (params: Record<string, string>) => statementsOf(() => searchLibrary(owner, librarySearchSchema.parse(params)));

  it("the group filter list reads about one index entry per group, not every step", async () => {
    const { result, statements } = await statementsOf(() => libraryFilters(owner));
    const plans = await plansOn(statements, "LibraryStep");
    const groups = plans.find((p) => p.statement.sql.includes(`"groupLabel" >`))!;
    expect(groups.statement.sql).toMatch(/\bLIMIT\b/);
    const { rows } = await direct.query<{ n: number }>(`SELECT count(DISTINCT "groupLabel")::int AS n FROM "LibraryStep" WHERE ${VISIBLE_STEPS}`, [volume.accountId]);
    expect(result.groups.length).toBe(Math.min(rows[0].n, 200));
    expect(result.groups.length).toBeGreaterThanOrEqual(50);
    expect(groups.plan["Actual Rows"]).toBe(result.groups.length);
    expect(rowsRead(groups.plan)).toBeLessThanOrEqual(result.groups.length * 3 + 5 + (await foreignSteps()));
    expect(rowsRead(groups.plan)).toBeLessThan(STEPS / 4);
  });

  it("a rare word reads its matches only", async () => {
    const { result, statements } = await search({ q: RARE });
    expect(result.total).toBe(8);
    expect(statements).toHaveLength(1);
    const [only] = await plansOn(statements, "LibraryStep");
    // Its 8 matches for the page and again for the count, the page's flows and authors.
    expect(rowsRead(only.plan)).toBeLessThanOrEqual(60);
  });

  it("browsing reads the page and a capped count, not the table", async () => {
    const { result, statements } = await search({});
    expect(result.items).toHaveLength(LIBRARY_PAGE_SIZE);
    expect(result).toMatchObject({ total: LIBRARY_COUNT_CAP, totalCapped: true });
    const [only] = await plansOn(statements, "LibraryStep");
    // Up to a page from each branch (this account, public elsewhere), the page's lookups, the count.
    expect(rowsRead(only.plan)).toBeLessThanOrEqual(LIBRARY_PAGE_SIZE * 8 + LIBRARY_COUNT_CAP + 1 + (await foreignSteps()));
    expect(rowsRead(only.plan)).toBeLessThan(STEPS / 2 + (await foreignSteps()));
  });

  // Each sort order has its index pair (own branch, public branch): without one, a branch reads
  // and sorts every visible step of the account to return its first 24.
  it.each([
    ["used", (c: { usageCount: number }) => c.usageCount],
    ["rated", (c: { helpfulCount: number; unhelpfulCount: number }) => (c.helpfulCount + 1) / (c.helpfulCount + c.unhelpfulCount + 2)],
  ] as const)("browsing by %s reads the page in index order and a capped count, not the table", async (sort, key) => {
    const { result, statements } = await search({ sort });
    expect(result.items).toHaveLength(LIBRARY_PAGE_SIZE);
    const keys = result.items.map((card) => key(card));
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    const [only] = await plansOn(statements, "LibraryStep");
    expect(rowsRead(only.plan)).toBeLessThanOrEqual(LIBRARY_PAGE_SIZE * 8 + LIBRARY_COUNT_CAP + 1 + (await foreignSteps()));
    expect(rowsRead(only.plan)).toBeLessThan(STEPS / 2 + (await foreignSteps()));
  });

  it("a common word reads its matches (ranked) and a capped count, not the whole table", async () => {
    const { rows } = await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LibraryStep" WHERE ${VISIBLE_STEPS} AND "searchText" LIKE '%spooler%'`, [volume.accountId]);
    const matches = rows[0].n;
    expect(matches).toBeGreaterThan(300);
    const { result, statements } = await search({ q: "spooler" });
    expect(result.total).toBe(Math.min(matches, LIBRARY_COUNT_CAP));
    const [only] = await plansOn(statements, "LibraryStep");
    if (process.env.SHOW_PLANS) console.log(JSON.stringify(only.plan, (k, v) => (["Plans", "Node Type", "Relation Name", "Actual Rows", "Actual Loops", "Rows Removed by Filter", "Index Name", "Subplan Name", "Parent Relationship"].includes(k) || /^\d+$/.test(k) || k === "" ? v : undefined), 1));
    expect(rowsRead(only.plan)).toBeLessThanOrEqual(matches * 2 + LIBRARY_PAGE_SIZE * 3 + (await foreignSteps()));
    expect(rowsRead(only.plan)).toBeLessThan(STEPS / 2 + (await foreignSteps()));
  });

  // Relevance ranks by title tiers, each read in (use, age) order up to the page's end, and a tier
  // runs only while those above hold less than a page: a word with more matches than the count's
  // cap reads the cap (to count) and about a page per tier (to rank), not every match.
  it("a word with more matches than the cap: ranked by title, then use, then age, reading the capped count and a page per tier", async () => {
    const { rows } = await direct.query<{ n: number; titled: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE lower(title) LIKE $2)::int AS titled FROM "LibraryStep" WHERE ${VISIBLE_STEPS} AND "searchText" LIKE $2`, [volume.accountId, `%${COMMON}%`]);
    const { n: matches, titled } = rows[0];
    expect(matches).toBeGreaterThan(LIBRARY_COUNT_CAP + 500);
    expect(titled).toBeGreaterThan(LIBRARY_PAGE_SIZE * 2);
    for (const page of [1, 2]) {
      const { result, statements } = await search({ q: COMMON, page: String(page) });
      expect(result).toMatchObject({ total: LIBRARY_COUNT_CAP, totalCapped: true });
      expect(result.items).toHaveLength(LIBRARY_PAGE_SIZE);
      // Title matches first, by use then age (the page is inside the titled tier).
      expect(result.items.every((card) => card.title.toLowerCase().includes(COMMON))).toBe(true);
      const uses = result.items.map((card) => card.usageCount);
      expect(uses).toEqual([...uses].sort((x, y) => y - x));
      expect(statements).toHaveLength(1);
      const [only] = await plansOn(statements, "LibraryStep");
      if (process.env.SHOW_PLANS) console.log(JSON.stringify(only.plan, (k, v) => (["Plans", "Node Type", "Relation Name", "Actual Rows", "Actual Loops", "Rows Removed by Filter", "Index Name", "Subplan Name", "Parent Relationship"].includes(k) || /^\d+$/.test(k) || k === "" ? v : undefined), 1));
      // The count's cap + 1 (read by a scan that may test up to as many rows again that do not
      // match), the tiers' walks (a title holds the word in one step of four, so a walk reads
      // about four rows per row it keeps), the page's lookups: fewer than the matches, which the
      // old ranking read all of, and then again to count. Like every bound here, both allow the
      // other files' steps in this database (the trigram bitmap is not per account: a fresh clone
      // under load read 3,001 rows for 3,000 matches).
      expect(rowsRead(only.plan)).toBeLessThanOrEqual((LIBRARY_COUNT_CAP + 1) * 2 + LIBRARY_PAGE_SIZE * page * 12 + (await foreignSteps()));
      expect(rowsRead(only.plan)).toBeLessThan(matches + (await foreignSteps()));
    }
  });

  // The REST API's cursor only needs "is there a next page": it reads one row past the page and
  // no count, so a common word costs the tiers' walks and the page, not the count's cap.
  it("the REST API's page of a common word: the same steps in the same order, one row past the page and no count", async () => {
    for (const page of [1, 2]) {
      const params = librarySearchSchema.parse({ q: COMMON, page: String(page) });
      const cards = (await searchLibrary(owner, params)).items.map((card) => card.id);
      const { result, statements } = await statementsOf(() => searchLibraryWithContent(owner, params));
      expect(result.items.map((step) => step.id)).toEqual(cards);
      expect(result.more).toBe(true);
      expect(statements).toHaveLength(1);
      const [only] = await plansOn(statements, "LibraryStep");
      expect(rowsRead(only.plan)).toBeLessThanOrEqual((LIBRARY_PAGE_SIZE + 1) * page * 12 + (await foreignSteps()));
    }
    // Like the page, it stops at the capped count: the last page before the cap has no next one.
    const last = Math.ceil(LIBRARY_COUNT_CAP / LIBRARY_PAGE_SIZE);
    const atCap = await searchLibraryWithContent(owner, librarySearchSchema.parse({ q: COMMON, page: String(last) }));
    expect(atCap.items).toHaveLength(LIBRARY_PAGE_SIZE);
    expect(atCap.more).toBe(false);
    expect((await searchLibraryWithContent(owner, librarySearchSchema.parse({ q: COMMON, page: String(last + 1) })))).toEqual({ items: [], more: false });
  });
});

describe("assistant retrieval (offline provider)", () => {
  it("library steps for a description full of common words: ranks a bounded pool of the newest matches, not every match", async () => {
    const problem = "restart the spooler and flush the dns cache";
    const { rows } = await direct.query<{ matches: number; visible: number }>(
      `SELECT count(*) FILTER (WHERE "searchVector" @@ replace(websearch_to_tsquery('english', $2)::text, ' & ', ' | ')::tsquery)::int AS matches,
              count(*)::int AS visible
         FROM "LibraryStep" WHERE ${VISIBLE_STEPS}`, [volume.accountId, problem]);
    const { matches, visible } = rows[0];
    // The case the bound is for: many more matches than the pool.
    expect(matches).toBeGreaterThan(LIBRARY_RANK_POOL * 4);
    const { result, statements } = await statementsOf(() => findSimilarLibrarySteps(client, owner, problem, { limit: 10 }));
    expect(result).toHaveLength(10);
    expect(statements).toHaveLength(1);
    const [only] = await plansOn(statements, "LibraryStep");
    // Walking newest first, a branch reads about POOL ÷ (share of steps matching) rows to fill its
    // pool, and ranks that. Every match would be `matches` rows.
    const walk = Math.ceil(LIBRARY_RANK_POOL / (matches / visible));
    if (process.env.SHOW_PLANS) console.log(matches, visible, JSON.stringify(only.plan, (k, v) => (["Plans", "Node Type", "Relation Name", "Actual Rows", "Actual Loops", "Rows Removed by Filter", "Index Name", "Plan Rows"].includes(k) || /^\d+$/.test(k) || k === "" ? v : undefined)));
    expect(rowsRead(only.plan)).toBeLessThanOrEqual(Math.ceil(walk * 1.5) + (await foreignSteps()));
    expect(rowsRead(only.plan)).toBeLessThan(matches);
    // The same data gives the same answer.
    expect(await findSimilarLibrarySteps(client, owner, problem, { limit: 10 })).toEqual(result);
  });
});

describe("flow list", () => {
  // 400 more flows of this account (copies of its others, added last so the tests above keep
  // their counts): a page must cost a page, not the account's flows.
  const EXTRA = 400;
  beforeAll(async () => {
    await direct.query(
      `INSERT INTO "Flow" (id, "accountId", "teamId", "authorId", name, description, type, category, status, visibility, "usageCount", version, structure, "createdAt", "updatedAt", "publishedAt")
       SELECT gen_random_uuid(), f."accountId", f."teamId", f."authorId", 'copy ' || g || ' of ' || f.name, f.description, f.type, f.category, f.status, f.visibility,
              f."usageCount", f.version, f.structure, f."createdAt", f."updatedAt" - g * interval '1 second', f."publishedAt"
       FROM (SELECT * FROM "Flow" WHERE "accountId" = $1 AND name NOT LIKE $2 ORDER BY id LIMIT 1) f, generate_series(1, ${EXTRA}) g`,
      [volume.accountId, `%${RARE}%`]);
    await analyze();
  });

  const flowRows = async () => (await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Flow"`)).rows[0].n;

  it.each([["recent"], ["used"], ["name"]] as const)("browsing by %s reads its page in index order and joins only the page's rows", async (sort) => {
    const { result, statements } = await statementsOf(() => searchFlows(owner, flowSearchSchema.parse({ sort, page: "2" })));
    expect(result.items).toHaveLength(FLOW_PAGE_SIZE);
    expect(result.total).toBeGreaterThan(EXTRA);
    const list = statements.find((s) => s.sql.includes(`"FlowTag"`))!;
    const [plan] = await plansOn([list], "Flow", { indexesOnly: true });
    // Two pages from each branch (this account; other accounts' public flows, which other test
    // files may have left), the page's flows with their tags, authors and origins.
    const { rows } = await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Flow" WHERE "accountId" <> $1 AND visibility = 'public'`, [volume.accountId]);
    expect(rowsRead(plan.plan)).toBeLessThanOrEqual(FLOW_PAGE_SIZE * 2 * 2 + FLOW_PAGE_SIZE * 8 + rows[0].n);
    expect(rowsRead(plan.plan)).toBeLessThan(EXTRA);
    expect(await flowRows()).toBeGreaterThan(EXTRA);
  });

  it("/api/v1/flows pages by keyset: a page deep in reads what page 1 does", async () => {
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { result, statements } = await statementsOf(() => listFlows(owner, flowListQuery.parse({ limit: 100, cursor })));
      for (const flow of result.data) seen.add(flow.id);
      expect(statements).toHaveLength(1);
      const [plan] = await plansOn(statements, "Flow", { indexesOnly: true });
      expect(rowsRead(plan.plan)).toBeLessThanOrEqual(101 * 2 + 101 * 6);
      cursor = result.nextCursor ?? undefined;
    }
    const { rows } = await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Flow" WHERE "accountId" = $1`, [volume.accountId]);
    expect(seen.size).toBe(Math.min(rows[0].n, 500));
  });
});
