// Library search: trigram-indexed substring match over title, instructions and commands;
// filters and visibility inside the same SQL statement. Reads are bounded: the page is picked
// from two ordered branches (this account's entries, other accounts' public ones) that each stop
// at the page's end, only the 24 picked rows are joined to their flow and author, and the total
// is counted up to LIBRARY_COUNT_CAP. A page carries what a card shows (LibraryListItem: the
// start of the instructions, the first command, how many more); the whole step (LibraryCard) is
// read when one is opened, edited or inserted (getLibraryCard, GET /api/library/[id]).
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleFlowsSql } from "@/lib/flows/access";
import { canChangeLibraryStep, visibleLibraryBranchesSql, visibleLibrarySql } from "./access";
import type { LibraryContent } from "./extract";
import type { LibrarySearch } from "./library.validation";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
export const LIBRARY_PAGE_SIZE = 24;
/** Past this many matches the page says "1,000+": counting every match of a common word costs more than the page. */
export const LIBRARY_COUNT_CAP = 1_000;

/** A whole step, with what the viewer may do with it. */
export type LibraryCard = {
  id: string;
  title: string;
  type: "action" | "solution";
  content: LibraryContent;
  groupLabel: string | null;
  visibility: "private" | "team" | "account" | "public";
  usageCount: number;
  helpfulCount: number;
  unhelpfulCount: number;
  synced: boolean;
  sourceFlow: { id: string; name: string } | null;
  authorName: string | null;
  mine: boolean;
  editable: boolean;
  tags: string[];
};

/** What a card in a list shows of a step's content; the rest is read when the step is opened. */
export type LibraryPreview = {
  /** The start of the instructions (Markdown, cut at LIBRARY_EXCERPT_CHARS): the card shows two lines of it. */
  excerpt: string;
  /** Whole, since the card's Copy button copies it. */
  firstCommand: LibraryContent["commands"][number] | null;
  commandCount: number;
};
/** A step as a list shows it: everything but its content, which is a preview. */
export type LibraryListItem = Omit<LibraryCard, "content"> & { preview: LibraryPreview };
/** Characters of instructions a card gets: enough for its two-line preview once Markdown is stripped. */
export const LIBRARY_EXCERPT_CHARS = 280;

type Row = Omit<LibraryCard, "synced" | "sourceFlow" | "mine" | "editable" | "authorName" | "content"> & {
  accountId: string; authorId: string | null; sourceTreeId: string | null; sourceNodeId: string | null;
  flowName: string | null; flowVisible: boolean; authorName: string | null; total: number | null;
  content?: LibraryContent; excerpt?: string | null; firstCommand?: LibraryPreview["firstCommand"]; commandCount?: number;
};

/** The step's content columns: the whole of it, or only what a card shows (computed in SQL, so the rest never leaves the database). */
const contentColumns = (whole: boolean) =>
  whole
    ? Prisma.sql`s."content"`
    : Prisma.sql`left(s."content"->>'instructions', ${LIBRARY_EXCERPT_CHARS}) AS "excerpt", s."content"->'commands'->0 AS "firstCommand",
        (CASE WHEN jsonb_typeof(s."content"->'commands') = 'array' THEN jsonb_array_length(s."content"->'commands') ELSE 0 END)::int AS "commandCount"`;

type SortKey = { expr: Prisma.Sql; desc: boolean };

/**
 * The sort as a list of keys, for every sort but relevance with words (relevanceSql). Each has an
 * index per branch whose order it is, so a branch reads its page in index order (or, for a
 * rare word, its few matches through the trigram index) and stops at the page's end.
 */
function sortKeys(search: LibrarySearch): SortKey[] {
  switch (search.sort === "relevance" ? "newest" : search.sort) {
    case "used":
      return [{ expr: Prisma.sql`s."usageCount"`, desc: true }, { expr: Prisma.sql`s."updatedAt"`, desc: true }];
    case "rated":
      return [{ expr: Prisma.sql`(s."helpfulCount" + 1.0) / (s."helpfulCount" + s."unhelpfulCount" + 2.0)`, desc: true }, { expr: Prisma.sql`s."helpfulCount"`, desc: true }];
    default:
      return [{ expr: Prisma.sql`s."createdAt"`, desc: true }];
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE of a search (active, words, filters) and, unless a branch brings its own part of the
 * rule (`visibility: false`), the visibility rule; for the page and the count.
 */
function searchWhere(user: Viewer, search: LibrarySearch, words: string[], visibility = true): Prisma.Sql {
  const conditions: Prisma.Sql[] = [...(visibility ? [visibleLibrarySql(user)] : []), Prisma.sql`s."isActive"`];
  // Each word must appear; every LIKE is served by the trigram GIN index.
  for (const word of words) conditions.push(Prisma.sql`s."searchText" LIKE ${`%${escapeLike(word)}%`}`);
  if (search.type) conditions.push(Prisma.sql`s."type" = ${search.type}::"LibraryStepType"`);
  if (search.visibility) conditions.push(Prisma.sql`s."visibility" = ${search.visibility}::"Visibility"`);
  if (search.group) conditions.push(Prisma.sql`s."groupLabel" = ${search.group}`);
  if (search.flowId) conditions.push(Prisma.sql`s."sourceTreeId" = ${search.flowId}::uuid`);
  if (search.mine) conditions.push(Prisma.sql`s."authorId" = ${user.id}::uuid`);
  return Prisma.join(conditions, " AND ");
}

export function librarySearchWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/**
 * The two branches of every page: this account's entries, and other accounts' public ones, each
 * with its part of the visibility rule (visibleLibraryBranchesSql), which lets the (accountId, …)
 * and (visibility, …) indexes serve them and keeps the statement short to plan.
 */
function branches(user: Viewer): Prisma.Sql[] {
  const { own, elsewhere } = visibleLibraryBranchesSql(user);
  return [own, elsewhere];
}

/**
 * Relevance with words, as tiers: entries whose title holds the whole query, then those whose
 * title holds all its words, then fewer of them, down to none (the words only in the
 * instructions or commands). Inside a tier the order is use, then age: the order of
 * LibraryStep_(accountId|visibility)_isActive_usageCount_createdAt_id_idx. Each tier (one CTE,
 * both branches) reads at most the page's end in that order, or its few matches through the
 * title and text trigram indexes when they are rare; and a tier runs only while the tiers above
 * it hold fewer rows than the page's end (a one-time filter: otherwise it is never started). So
 * a word with 6,000 matches costs what a page costs, not what ranking every match would.
 */
function relevanceTiers(user: Viewer, search: LibrarySearch, words: string[], end: number): Prisma.Sql[] {
  // The title is the start of searchText (searchTextOf), so a title holding every word is a
  // match: those tiers name only the title, which keeps the planner's estimate of them right
  // (title and text conditions together look far rarer than they are).
  const filtersOnly = searchWhere(user, search, [], false);
  const where = searchWhere(user, search, words, false);
  const title = (text: string) => Prisma.sql`lower(s."title") LIKE ${`%${escapeLike(text)}%`}`;
  const whole = title(words.join(" "));
  const tiers: { k0: number; k1: number; condition: Prisma.Sql }[] = [{ k0: 1, k1: words.length, condition: Prisma.sql`${filtersOnly} AND ${whole}` }];
  if (words.length > 1) {
    // All words in the title, but not as the phrase: a conjunction, which the title's trigram index serves.
    tiers.push({ k0: 0, k1: words.length, condition: Prisma.sql`${filtersOnly} AND NOT (${whole}) AND ${Prisma.join(words.map(title), " AND ")}` });
    for (let k = words.length - 1; k >= 0; k--) {
      tiers.push({ k0: 0, k1: k, condition: Prisma.sql`${where} AND (${Prisma.join(words.map((w) => Prisma.sql`(${title(w)})::int`), " + ")}) = ${k}` });
    }
  } else tiers.push({ k0: 0, k1: 0, condition: Prisma.sql`${where} AND NOT (${whole})` });
  return tiers.map((t, i) => {
    const above = i === 0 ? Prisma.empty : Prisma.sql` AND (SELECT count(*) FROM (${Prisma.raw(Array.from({ length: i }, (_, j) => `SELECT 1 FROM t${j}`).join(" UNION ALL "))}) a) < ${end}`;
    const branch = (scope: Prisma.Sql) => Prisma.sql`(SELECT s."id", ${t.k0}::int AS k0, ${t.k1}::int AS k1, s."usageCount" AS k2, s."createdAt" AS k3 FROM "LibraryStep" s
        WHERE ${t.condition} AND ${scope}${above}
        ORDER BY s."usageCount" DESC, s."createdAt" DESC, s."id" LIMIT ${end})`;
    return Prisma.sql`${Prisma.raw(`t${i}`)} AS MATERIALIZED (${Prisma.join(branches(user).map(branch), " UNION ALL ")})`;
  });
}

/**
 * The page's SQL (exported for the query-shape tests, which EXPLAIN it). `withTotal: false` (the
 * REST API, whose cursor only needs to know that a next page exists) reads one row past the page
 * instead of counting the matches: for a common word the count's trigram scan was most of the
 * statement's time.
 */
export function librarySearchSql(user: Viewer, search: LibrarySearch, wholeContent = false, withTotal = true): Prisma.Sql {
  const words = librarySearchWords(search.q);
  const where = searchWhere(user, search, words);
  const offset = (search.page - 1) * LIBRARY_PAGE_SIZE;
  const take = withTotal ? LIBRARY_PAGE_SIZE : LIBRARY_PAGE_SIZE + 1;
  const end = offset + take;
  let parts: Prisma.Sql[];
  let keys: { desc: boolean }[];
  if (search.sort === "relevance" && words.length > 0) {
    parts = relevanceTiers(user, search, words, end);
    keys = [{ desc: true }, { desc: true }, { desc: true }, { desc: true }];
  } else {
    const sort = sortKeys(search);
    const keyColumns = Prisma.join(sort.map((k, i) => Prisma.sql`${k.expr} AS ${Prisma.raw(`k${i}`)}`), ", ");
    const order = Prisma.join(sort.map((k) => Prisma.sql`${k.expr} ${Prisma.raw(k.desc ? "DESC" : "ASC")}`), ", ");
    // Each branch stops at the page's end, in the order of its index.
    const filters = searchWhere(user, search, words, false);
    parts = branches(user).map((scope, i) => Prisma.sql`${Prisma.raw(`t${i}`)} AS (SELECT s."id", ${keyColumns} FROM "LibraryStep" s WHERE ${filters} AND ${scope} ORDER BY ${order}, s."id" LIMIT ${end})`);
    keys = sort;
  }
  const candidates = Prisma.raw(parts.map((_, i) => `SELECT * FROM t${i}`).join(" UNION ALL "));
  const pageOrder = Prisma.raw(keys.map((k, i) => `p.k${i} ${k.desc ? "DESC" : "ASC"}`).join(", "));
  // The total stops at the cap, search or not: a common word's matches are not all read to count
  // them. With words the matches are MATERIALIZED: the planner then plans them without the LIMIT
  // (a bitmap scan of the trigram index, read in block order; under a LIMIT it would pick a
  // sequential scan that tests every row's text), and the count pulls only the first cap + 1.
  const matches = () => words.length ? Prisma.sql`MATERIALIZED (SELECT 1 FROM "LibraryStep" s WHERE ${where})` : Prisma.sql`(SELECT 1 FROM "LibraryStep" s WHERE ${where} LIMIT ${LIBRARY_COUNT_CAP + 1})`;
  const count = withTotal
    ? { cte: Prisma.sql`matches AS ${matches()},`, column: Prisma.sql`, (SELECT count(*) FROM (SELECT 1 FROM matches LIMIT ${LIBRARY_COUNT_CAP + 1}) c)::int AS "total"` }
    : { cte: Prisma.empty, column: Prisma.empty };
  return Prisma.sql`
    WITH ${count.cte}
    ${Prisma.join(parts, ", ")}, page AS (
      SELECT * FROM (${candidates}) p ORDER BY ${pageOrder}, p."id" LIMIT ${take} OFFSET ${offset}
    )
    SELECT ${stepColumns(user, wholeContent)}${count.column}
    FROM page p
    JOIN "LibraryStep" s ON s."id" = p."id"
    LEFT JOIN "Flow" f ON f."id" = s."sourceTreeId"
    LEFT JOIN "User" u ON u."id" = s."authorId"
    ORDER BY ${pageOrder}, p."id"`;
}

function stepColumns(user: Viewer, wholeContent: boolean): Prisma.Sql {
  return Prisma.sql`s."id", s."title", s."type"::text AS "type", ${contentColumns(wholeContent)}, s."groupLabel", s."visibility"::text AS "visibility",
           s."usageCount", s."helpfulCount", s."unhelpfulCount", s."tags", s."accountId", s."authorId",
           s."sourceTreeId", s."sourceNodeId", f."name" AS "flowName",
           (f."id" IS NOT NULL AND ${visibleFlowsSql(user, "f")}) AS "flowVisible",
           u."name" AS "authorName"`;
}

/** The capped count's SQL (exported for the query-shape tests). */
export function libraryCountSql(user: Viewer, search: LibrarySearch): Prisma.Sql {
  const where = searchWhere(user, search, librarySearchWords(search.q));
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "LibraryStep" s WHERE ${where} LIMIT ${LIBRARY_COUNT_CAP + 1}) c`;
}

function toListFields(user: Viewer, r: Row): Omit<LibraryCard, "content"> {
  return {
    id: r.id, title: r.title, type: r.type, groupLabel: r.groupLabel, visibility: r.visibility,
    usageCount: r.usageCount, helpfulCount: r.helpfulCount, unhelpfulCount: r.unhelpfulCount, tags: r.tags,
    synced: r.sourceNodeId !== null,
    sourceFlow: r.sourceTreeId && r.flowName && r.flowVisible ? { id: r.sourceTreeId, name: r.flowName } : null,
    authorName: r.authorName,
    mine: r.authorId === user.id,
    editable: canChangeLibraryStep(user, r),
  };
}

/** Pages stop at the capped count: deeper offsets would read ever more rows for a page nobody reaches by paging. */
const beyondCap = (page: number) => (page - 1) * LIBRARY_PAGE_SIZE >= LIBRARY_COUNT_CAP;

async function runSearch(user: Viewer, search: LibrarySearch, wholeContent: boolean) {
  const rows = beyondCap(search.page) ? [] : await db.$queryRaw<Row[]>(librarySearchSql(user, search, wholeContent));
  // An empty page past the first still needs the total (to page back); page 1 empty means none.
  const counted = rows.length ? rows[0].total! : search.page > 1 ? (await db.$queryRaw<{ n: number }[]>(libraryCountSql(user, search)))[0].n : 0;
  return { rows, total: Math.min(counted, LIBRARY_COUNT_CAP), totalCapped: counted > LIBRARY_COUNT_CAP, page: search.page, pageSize: LIBRARY_PAGE_SIZE };
}

/** One page of the library as cards: the page, /api/library and the picker. */
export async function searchLibrary(user: Viewer, search: LibrarySearch) {
  const { rows, ...page } = await runSearch(user, search, false);
  const items: LibraryListItem[] = rows.map((r) => ({
    ...toListFields(user, r),
    preview: { excerpt: r.excerpt ?? "", firstCommand: r.firstCommand ?? null, commandCount: r.commandCount ?? 0 },
  }));
  return { items, ...page };
}

/**
 * One page with each step's whole content, for the REST API (/api/v1/library/steps), whose
 * clients get the steps themselves: no total, only whether a next page exists (one row past the
 * page), and like the page it stops at the capped count.
 */
export async function searchLibraryWithContent(user: Viewer, search: LibrarySearch) {
  if (beyondCap(search.page)) return { items: [] as LibraryCard[], more: false };
  const rows = await db.$queryRaw<Row[]>(librarySearchSql(user, search, true, false));
  const items: LibraryCard[] = rows.slice(0, LIBRARY_PAGE_SIZE).map((r) => ({ ...toListFields(user, r), content: r.content! }));
  return { items, more: rows.length > LIBRARY_PAGE_SIZE && !beyondCap(search.page + 1) };
}

/** The SQL of one whole step the viewer may see (exported for the query-shape tests). */
export function libraryCardSql(user: Viewer, stepId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ${stepColumns(user, true)}
    FROM "LibraryStep" s
    LEFT JOIN "Flow" f ON f."id" = s."sourceTreeId"
    LEFT JOIN "User" u ON u."id" = s."authorId"
    WHERE s."id" = ${stepId}::uuid AND ${visibleLibrarySql(user)} AND s."isActive"`;
}

/** One whole step, as the detail dialog, the edit form and "insert from the library" need it; null when it is not visible to the viewer. */
export async function getLibraryCard(user: Viewer, stepId: string): Promise<LibraryCard | null> {
  const [row] = await db.$queryRaw<Row[]>(libraryCardSql(user, stepId));
  return row ? { ...toListFields(user, row), content: row.content! } : null;
}
export type LibrarySearchResult = Awaited<ReturnType<typeof searchLibrary>>;

/**
 * Filter choices: group labels and source flows among visible entries. The groups are read as a
 * loose index scan (one index probe per distinct label, over LibraryStep_groupLabel_idx), so the
 * list costs the number of groups shown, not the number of steps.
 */
export function libraryGroupsSql(user: Viewer): Prisma.Sql {
  const visible = visibleLibrarySql(user);
  return Prisma.sql`
    WITH RECURSIVE g AS (
      (SELECT s."groupLabel" FROM "LibraryStep" s WHERE ${visible} AND s."isActive" AND s."groupLabel" IS NOT NULL ORDER BY s."groupLabel" LIMIT 1)
      UNION ALL
      SELECT n."groupLabel" FROM g, LATERAL (
        SELECT s."groupLabel" FROM "LibraryStep" s WHERE ${visible} AND s."isActive" AND s."groupLabel" > g."groupLabel" ORDER BY s."groupLabel" LIMIT 1
      ) n
    )
    SELECT "groupLabel" FROM g LIMIT 200`;
}

export async function libraryFilters(user: Viewer) {
  const visible = visibleLibrarySql(user);
  const [groups, flows] = await Promise.all([
    db.$queryRaw<{ groupLabel: string }[]>(libraryGroupsSql(user)),
    // From the flows' side: one probe of the (sourceTreeId, sourceNodeId) index per visible flow.
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT f."id", f."name" FROM "Flow" f
      WHERE ${visibleFlowsSql(user, "f")}
        AND EXISTS (SELECT 1 FROM "LibraryStep" s WHERE s."sourceTreeId" = f."id" AND ${visible} AND s."isActive")
      ORDER BY f."name" LIMIT 200`,
  ]);
  return { groups: groups.map((g) => g.groupLabel), flows };
}
