// Library search: trigram-indexed substring match over title, instructions and commands,
// ranked by word similarity; filters and visibility inside the same SQL statement.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleFlowsSql } from "@/lib/flows/access";
import { canChangeLibraryStep, visibleLibrarySql } from "./access";
import type { LibraryContent } from "./extract";
import type { LibrarySearch } from "./library.validation";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
export const LIBRARY_PAGE_SIZE = 24;

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

type Row = Omit<LibraryCard, "synced" | "sourceFlow" | "mine" | "editable" | "authorName"> & {
  accountId: string; authorId: string | null; sourceTreeId: string | null; sourceNodeId: string | null;
  flowName: string | null; flowVisible: boolean; authorName: string | null; total: bigint;
};

export async function searchLibrary(user: Viewer, search: LibrarySearch) {
  const words = search.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const conditions: Prisma.Sql[] = [visibleLibrarySql(user), Prisma.sql`s."isActive"`];
  // Each word must appear; every ILIKE is served by the trigram GIN index.
  for (const word of words) conditions.push(Prisma.sql`s."searchText" LIKE ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (search.type) conditions.push(Prisma.sql`s."type" = ${search.type}::"LibraryStepType"`);
  if (search.visibility) conditions.push(Prisma.sql`s."visibility" = ${search.visibility}::"Visibility"`);
  if (search.group) conditions.push(Prisma.sql`s."groupLabel" = ${search.group}`);
  if (search.flowId) conditions.push(Prisma.sql`s."sourceTreeId" = ${search.flowId}::uuid`);
  if (search.mine) conditions.push(Prisma.sql`s."authorId" = ${user.id}::uuid`);
  const where = Prisma.join(conditions, " AND ");
  const query = words.join(" ");
  const order =
    search.sort === "used" ? Prisma.sql`s."usageCount" DESC, s."updatedAt" DESC`
    : search.sort === "rated" ? Prisma.sql`(s."helpfulCount" + 1.0) / (s."helpfulCount" + s."unhelpfulCount" + 2.0) DESC, s."helpfulCount" DESC`
    : search.sort === "newest" || !query ? Prisma.sql`s."createdAt" DESC`
    : Prisma.sql`(lower(s."title") LIKE ${`%${query}%`})::int DESC, word_similarity(${query}, s."searchText") DESC, s."usageCount" DESC`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT s."id", s."title", s."type"::text AS "type", s."content", s."groupLabel", s."visibility"::text AS "visibility",
           s."usageCount", s."helpfulCount", s."unhelpfulCount", s."tags", s."accountId", s."authorId",
           s."sourceTreeId", s."sourceNodeId", f."name" AS "flowName",
           (f."id" IS NOT NULL AND ${visibleFlowsSql(user, "f")}) AS "flowVisible",
           u."name" AS "authorName", count(*) OVER () AS "total"
    FROM "LibraryStep" s
    LEFT JOIN "Flow" f ON f."id" = s."sourceTreeId"
    LEFT JOIN "User" u ON u."id" = s."authorId"
    WHERE ${where}
    ORDER BY ${order}, s."id"
    LIMIT ${LIBRARY_PAGE_SIZE} OFFSET ${(search.page - 1) * LIBRARY_PAGE_SIZE}`;
  const items: LibraryCard[] = rows.map((r) => ({
    id: r.id, title: r.title, type: r.type, content: r.content, groupLabel: r.groupLabel, visibility: r.visibility,
    usageCount: r.usageCount, helpfulCount: r.helpfulCount, unhelpfulCount: r.unhelpfulCount, tags: r.tags,
    synced: r.sourceNodeId !== null,
    sourceFlow: r.sourceTreeId && r.flowName && r.flowVisible ? { id: r.sourceTreeId, name: r.flowName } : null,
    authorName: r.authorName,
    mine: r.authorId === user.id,
    editable: canChangeLibraryStep(user, r),
  }));
  const total = rows.length ? Number(rows[0].total) : search.page > 1 ? await countLibrary(where) : 0;
  return { items, total, page: search.page, pageSize: LIBRARY_PAGE_SIZE };
}
export type LibrarySearchResult = Awaited<ReturnType<typeof searchLibrary>>;

async function countLibrary(where: Prisma.Sql) {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "LibraryStep" s WHERE ${where}`;
  return Number(row.n);
}

/** Filter choices: group labels and source flows among visible entries. */
export async function libraryFilters(user: Viewer) {
  const visible = visibleLibrarySql(user);
  const [groups, flows] = await Promise.all([
    db.$queryRaw<{ groupLabel: string }[]>`SELECT DISTINCT s."groupLabel" FROM "LibraryStep" s WHERE ${visible} AND s."isActive" AND s."groupLabel" IS NOT NULL ORDER BY 1 LIMIT 200`,
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT DISTINCT f."id", f."name" FROM "LibraryStep" s JOIN "Flow" f ON f."id" = s."sourceTreeId"
      WHERE ${visible} AND s."isActive" AND ${visibleFlowsSql(user, "f")}
      ORDER BY f."name" LIMIT 200`,
  ]);
  return { groups: groups.map((g) => g.groupLabel), flows };
}
