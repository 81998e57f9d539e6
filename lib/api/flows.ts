// /api/v1/flows: the library's filters with a keyset page on (updatedAt, id) (flowListSql: one
// statement, each visibility branch walked in index order), and one flow with its latest published version.
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { flowListSql, getFlowDetail, getFlowVersion, type FlowListRow } from "@/lib/flows/queries";
import type { ApiPrincipal } from "./keys";
import { decodeKeyset, page } from "./pagination";
import type { flowDetail, flowListQuery, flowSummary } from "./schemas";

type Viewer = ApiPrincipal["user"];
type Summary = z.input<typeof flowSummary>;

const summary = (card: Omit<Summary, "updatedAt"> & { updatedAt: string | Date }): Summary => ({
  id: card.id, name: card.name, description: card.description, type: card.type, category: card.category, status: card.status,
  visibility: card.visibility, isActive: card.isActive, version: card.version, tags: card.tags, authorName: card.authorName,
  updatedAt: typeof card.updatedAt === "string" ? card.updatedAt : card.updatedAt.toISOString(),
});

export async function listFlows(user: Viewer, query: z.output<typeof flowListQuery>) {
  const rows = await db.$queryRaw<FlowListRow[]>(flowListSql(user, query, {
    sort: "recent", type: query.type, offset: 0, limit: query.limit + 1, after: decodeKeyset(query.cursor),
    contains: query.q || undefined, wholeDescription: true,
  }));
  const result = page(rows, query.limit, (row) => ({ at: row.updatedAt, id: row.id }));
  return { data: result.data.map(summary), nextCursor: result.nextCursor };
}

export async function getFlow(user: Viewer, flowId: string): Promise<z.input<typeof flowDetail>> {
  const flow = await getFlowDetail(user, flowId);
  const latest = flow.versions[0];
  const published = latest ? await getFlowVersion(user, flowId, latest.version) : null;
  return {
    ...summary(flow),
    published: published && latest
      ? {
          version: published.version, name: published.name, description: published.description, publishedAt: published.publishedAt.toISOString(),
          structure: published.structure as unknown as Record<string, unknown>, variables: published.variables as unknown as Record<string, unknown>[],
        }
      : null,
  };
}
