// Retrieval for the assistant (and the L1 workspace's "a matching flow?"): which visible flows
// and library steps look like the described problem. One bounded SQL statement each:
// - full text: the problem as a websearch query whose words are OR-ed (a description is prose,
//   not a query: any of its words may match, more matches rank higher), against the stored
//   "searchVector" (title weight A, body weight B; kept by triggers, GIN-indexed — migration
//   assistant_retrieval), ranked with ts_rank;
// - trigrams: pg_trgm word similarity of the title to the problem, so typos and word forms the
//   stemmer misses ("printr") still match (the candidate test uses the existing trigram index).
// Visibility comes from the access helpers' SQL (visibleFlowsSql, visibleLibrarySql), inside
// the same statement; only published, active flows and active library steps; LIMIT bounds it
// (library steps: only the newest LIBRARY_RANK_POOL matches per branch are ranked).
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleFlowsSql } from "@/lib/flows/access";
import type { FlowType } from "@/lib/flows/structure";
import { visibleLibrarySql } from "@/lib/library/access";
import type { LibraryContent } from "@/lib/library/extract";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;
type Client = Db | Tx;

/** Longest problem text used for retrieval (the rest adds cost, not signal). */
export const RETRIEVAL_TEXT_LIMIT = 500;
export const MAX_RETRIEVAL_LIMIT = 50;
/**
 * A score at or above this is "a matching flow" (L1 intake's default threshold). Scores are
 * 0–1: 0.6 × full-text rank (r / (r + 0.1), r = ts_rank with A=1.0, B=0.4) + 0.4 × trigram word
 * similarity of the title. One title word matched scores ≈ 0.25–0.45; most of the title ≈ 0.6+.
 */
export const FLOW_MATCH_THRESHOLD = 0.35;

export type SimilarFlow = { flowId: string; name: string; type: FlowType; score: number };
export type SimilarLibraryStep = {
  stepId: string;
  title: string;
  type: "action" | "solution";
  content: LibraryContent;
  sourceFlowId: string | null;
  score: number;
};

/** The problem text as retrieval uses it: whitespace collapsed, bounded, lower-cased. */
export function retrievalText(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, RETRIEVAL_TEXT_LIMIT).toLowerCase();
}

const boundLimit = (limit: number) => Math.max(1, Math.min(MAX_RETRIEVAL_LIMIT, Math.floor(limit)));

// websearch_to_tsquery ANDs the words; OR them instead (phrases and negations keep their operators).
// An all-stopword text gives an empty query, which matches nothing (trigrams still can).
const orQuery = (text: string) =>
  Prisma.sql`replace(websearch_to_tsquery('english', ${text})::text, ' & ', ' | ')::tsquery`;

const score = (rank: Prisma.Sql, trigram: Prisma.Sql) =>
  Prisma.sql`round((0.6 * (${rank} / (${rank} + 0.1)) + 0.4 * ${trigram})::numeric, 4)::float8`;

/** Visible, published, active flows most like `text`, best first (score 0–1). */
export async function findSimilarFlows(
  client: Client,
  viewer: Viewer,
  text: string,
  options: { limit: number; types?: readonly FlowType[] },
): Promise<SimilarFlow[]> {
  const query = retrievalText(text);
  if (!query) return [];
  const types = options.types?.length
    ? Prisma.sql`AND f."type"::text IN (${Prisma.join(options.types.map((t) => Prisma.sql`${t}`))})`
    : Prisma.empty;
  const rank = Prisma.sql`ts_rank(f."searchVector", q.query)`;
  const trigram = Prisma.sql`word_similarity(lower(f."name"), ${query})`;
  return client.$queryRaw<SimilarFlow[]>`
    WITH q AS (SELECT ${orQuery(query)} AS query)
    SELECT f."id" AS "flowId", f."name", f."type"::text AS "type", ${score(rank, trigram)} AS "score"
      FROM "Flow" f, q
     WHERE (f."searchVector" @@ q.query OR f."name" % ${query})
       AND f."status" = 'published' AND f."isActive"
       AND ${visibleFlowsSql(viewer, "f")}
       ${types}
     ORDER BY "score" DESC, f."id"
     LIMIT ${boundLimit(options.limit)}`;
}

/**
 * How many full-text matches of each branch (this account; public steps elsewhere) are ranked.
 * A description's common word ("team", "user") can match most of the library; ranking every
 * match cost 300 ms over 50,000 steps. The newest matches of each branch are taken first, in
 * index order ("LibraryStep" (accountId, isActive, createdAt DESC) and (visibility, isActive,
 * createdAt DESC)), so the statement reads about POOL ÷ (share of steps matching) rows, or just
 * the matches when they are few (the planner then takes the GIN index).
 */
export const LIBRARY_RANK_POOL = 200;

/** Visible, active library steps most like `text`, best first (score 0–1), among the newest matches. */
export async function findSimilarLibrarySteps(
  client: Client,
  viewer: Viewer,
  text: string,
  options: { limit: number },
): Promise<SimilarLibraryStep[]> {
  const query = retrievalText(text);
  if (!query) return [];
  return client.$queryRaw<SimilarLibraryStep[]>(similarLibraryStepsSql(viewer, query, options.limit));
}

/** findSimilarLibrarySteps' statement (`query` already through retrievalText); exported for the query-shape test. */
export function similarLibraryStepsSql(viewer: Viewer, query: string, limit: number): Prisma.Sql {
  // The tsquery is written out in each branch (not read from a CTE) so the planner sees its
  // words and estimates their matches: few → the GIN index; many → the createdAt index walk.
  const tsquery = orQuery(query);
  const rank = Prisma.sql`ts_rank(s."searchVector", ${tsquery})`;
  const trigram = Prisma.sql`word_similarity(lower(s."title"), ${query})`;
  // Candidates: full-text matches only (GIN on the stored tsvector). A trigram candidate test
  // against searchText (problem <% searchText) cost 1.6 s p50 over 50,000 steps in the benchmark:
  // a long problem text has many trigrams, so the index matched almost every row. Trigrams still
  // rank the candidates (title similarity). Ties in createdAt (one sync's steps) break on id, so
  // the pool, and the answer, are the same for the same data.
  // The pool carries what ranking and the answer need, so nothing is read twice.
  const columns = Prisma.sql`s."id", s."title", s."type", s."content", s."sourceTreeId", s."searchVector"`;
  return Prisma.sql`
    WITH pool AS (
      (SELECT ${columns} FROM "LibraryStep" s
        WHERE s."accountId" = ${viewer.accountId}::uuid AND s."isActive" AND s."searchVector" @@ ${tsquery}
          AND ${visibleLibrarySql(viewer)}
        ORDER BY s."createdAt" DESC, s."id" DESC
        LIMIT ${LIBRARY_RANK_POOL})
      UNION ALL
      (SELECT ${columns} FROM "LibraryStep" s
        WHERE s."visibility" = 'public'::"Visibility" AND s."isActive" AND s."accountId" <> ${viewer.accountId}::uuid
          AND s."searchVector" @@ ${tsquery}
        ORDER BY s."createdAt" DESC, s."id" DESC
        LIMIT ${LIBRARY_RANK_POOL})
    )
    SELECT s."id" AS "stepId", s."title", s."type"::text AS "type", s."content", s."sourceTreeId" AS "sourceFlowId",
           ${score(rank, trigram)} AS "score"
      FROM pool s
     ORDER BY "score" DESC, s."id"
     LIMIT ${boundLimit(limit)}`;
}
