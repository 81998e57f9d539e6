// /api/v1/flows: the library's filters (flowSearchWhere) with a keyset page on (updatedAt, id),
// and one flow with its latest published version.
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { flowCardSelect, flowSearchWhere, getFlowDetail, getFlowVersion, toCard } from "@/lib/flows/queries";
import type { ApiPrincipal } from "./keys";
import { afterDesc, decodeKeyset, page } from "./pagination";
import type { flowDetail, flowListQuery, flowSummary } from "./schemas";

type Viewer = ApiPrincipal["user"];
type Summary = z.input<typeof flowSummary>;

const summary = (card: ReturnType<typeof toCard>): Summary => ({
  id: card.id, name: card.name, description: card.description, type: card.type, category: card.category, status: card.status,
  visibility: card.visibility, isActive: card.isActive, version: card.version, tags: card.tags, authorName: card.authorName, updatedAt: card.updatedAt,
});

export async function listFlows(user: Viewer, query: z.output<typeof flowListQuery>) {
  const where: Prisma.FlowWhereInput = {
    AND: [
      flowSearchWhere(user, query),
      ...(query.type ? [{ type: query.type }] : []),
      afterDesc("updatedAt", decodeKeyset(query.cursor)),
    ],
  };
  const rows = await db.flow.findMany({ where, select: flowCardSelect, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const result = page(rows, query.limit, (row) => ({ at: row.updatedAt, id: row.id }));
  return { data: result.data.map((row) => summary(toCard(user, row))), nextCursor: result.nextCursor };
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
