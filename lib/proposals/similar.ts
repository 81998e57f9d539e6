// Which published troubleshooting flows of the account look like a problem text. The analysis
// takes this as an injected function with the signature of lib/ai/retrieve.ts's
// findSimilarFlows (db, viewer, text, { limit, types }), so it can use the assistant's
// retrieval once that is merged; this default ranks by pg_trgm word similarity of the problem
// against the flow's name and description (the trigram GIN indexes on both serve it).
import type { Tx } from "@/lib/db/client";
import type { FlowType } from "@/lib/flows/structure";

export type SimilarViewer = { id: string; accountId: string; teamId: string | null; role: "owner" | "admin" | "engineer" | "l1" };
export type SimilarFlow = { flowId: string; score: number };
export type FindSimilar = (db: Tx, viewer: SimilarViewer, text: string, options: { limit: number; types?: FlowType[] }) => Promise<SimilarFlow[]>;

export const findSimilarByTrigram: FindSimilar = async (db, viewer, text, { limit, types }) => {
  const query = text.trim().slice(0, 500);
  if (!query) return [];
  const wanted = types ?? ["troubleshooting"];
  return db.$queryRaw<SimilarFlow[]>`
    SELECT id AS "flowId",
           GREATEST(word_similarity(${query}, name), 0.6 * word_similarity(${query}, description))::float8 AS score
    FROM "Flow"
    WHERE "accountId" = ${viewer.accountId}::uuid AND status = 'published' AND "isActive"
      AND type::text = ANY(${wanted}::text[])
      AND (${query} <% name OR ${query} <% description)
    ORDER BY score DESC, id
    LIMIT ${limit}`;
};
