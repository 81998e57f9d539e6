// Reads behind the flow library and flow pages. Every query is built on visibleFlowsWhere,
// so tenancy is decided inside the SQL.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { canEditFlow, visibleFlowsWhere } from "./access";
import type { LibrarySearch } from "./flow.validation";
import { FLOW_TYPES, readStructure, type FlowType, structureSize, type Visibility } from "./structure";
import { readVariables } from "./variables";

export const PAGE_SIZE = 24;

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/** The library's filters (search text, category, tag, status, owner) over the flows `user` sees; also the REST API's. */
export function flowSearchWhere(user: Viewer, search: Omit<LibrarySearch, "type" | "page" | "sort">): Prisma.FlowWhereInput {
  const and: Prisma.FlowWhereInput[] = [visibleFlowsWhere(user)];
  if (search.q) {
    const contains = { contains: search.q, mode: "insensitive" as const };
    and.push({ OR: [{ name: contains }, { description: contains }, { category: contains }, { tags: { some: { tag: { name: contains } } } }] });
  }
  if (search.category) and.push({ category: search.category });
  if (search.tag) and.push({ tags: { some: { tag: { name: search.tag } } } });
  if (search.status !== "all") and.push({ status: search.status });
  switch (search.owner) {
    case "mine":
      and.push({ authorId: user.id });
      break;
    case "team":
      and.push(user.teamId ? { accountId: user.accountId, teamId: user.teamId } : { id: { in: [] } });
      break;
    case "account":
      and.push({ accountId: user.accountId });
      break;
    case "public":
      and.push({ visibility: "public" });
      break;
  }
  // Deactivated flows stay out of the library, except for their own account's editors.
  and.push({ OR: [{ isActive: true }, { accountId: user.accountId }] });
  return { AND: and };
}

const ORDER: Record<LibrarySearch["sort"], Prisma.FlowOrderByWithRelationInput[]> = {
  recent: [{ updatedAt: "desc" }, { id: "desc" }],
  used: [{ usageCount: "desc" }, { updatedAt: "desc" }],
  name: [{ name: "asc" }, { id: "asc" }],
};

export const flowCardSelect = {
  id: true, name: true, description: true, type: true, category: true, status: true, visibility: true,
  isActive: true, isDefault: true, usageCount: true, version: true, updatedAt: true, accountId: true,
  authorId: true, teamId: true, forkedFromId: true,
  author: { select: { name: true } },
  forkedFrom: { select: { id: true, name: true } },
  tags: { select: { tag: { select: { name: true } } } },
} as const satisfies Prisma.FlowSelect;

export type FlowCard = {
  id: string; name: string; description: string; type: FlowType; category: string | null;
  status: "draft" | "published"; visibility: Visibility; isActive: boolean; isDefault: boolean;
  usageCount: number; version: number; updatedAt: string; authorName: string | null;
  forkedFrom: { id: string; name: string } | null; tags: string[]; mine: boolean; editable: boolean;
};

export function toCard(user: Viewer, flow: Prisma.FlowGetPayload<{ select: typeof flowCardSelect }>): FlowCard {
  return {
    id: flow.id, name: flow.name, description: flow.description, type: flow.type, category: flow.category,
    status: flow.status, visibility: flow.visibility, isActive: flow.isActive, isDefault: flow.isDefault,
    usageCount: flow.usageCount, version: flow.version, updatedAt: flow.updatedAt.toISOString(),
    authorName: flow.isDefault ? "ResolutionFlow" : (flow.author?.name ?? null),
    // Only show the origin when this user can see it.
    forkedFrom: flow.forkedFrom, tags: flow.tags.map((t) => t.tag.name),
    mine: flow.authorId === user.id, editable: canEditFlow(user, flow),
  };
}

export async function searchFlows(user: Viewer, search: LibrarySearch) {
  const base = flowSearchWhere(user, search);
  const where: Prisma.FlowWhereInput = search.type ? { AND: [base, { type: search.type }] } : base;
  const [items, counts] = await Promise.all([
    db.flow.findMany({ where, select: flowCardSelect, orderBy: ORDER[search.sort], skip: (search.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.flow.groupBy({ by: ["type"], where: base, _count: { _all: true } }),
  ]);
  // Origins this user may not see are shown as no origin; one lookup, only when a card is a fork.
  const originIds = items.map((f) => f.forkedFromId).filter((id): id is string => id !== null);
  const forkOrigins = new Set(
    originIds.length ? (await db.flow.findMany({ where: { AND: [{ id: { in: originIds } }, visibleFlowsWhere(user)] }, select: { id: true } })).map((f) => f.id) : [],
  );
  const typeCounts = Object.fromEntries(FLOW_TYPES.map((t) => [t, counts.find((c) => c.type === t)?._count._all ?? 0])) as Record<FlowType, number>;
  // The per-type counts already hold the total (the type filter is the only difference).
  const total = search.type ? typeCounts[search.type] : FLOW_TYPES.reduce((sum, t) => sum + typeCounts[t], 0);
  return {
    items: items.map((flow) => {
      const card = toCard(user, flow);
      return { ...card, forkedFrom: card.forkedFrom && forkOrigins.has(card.forkedFrom.id) ? card.forkedFrom : null };
    }),
    total,
    page: search.page,
    pageSize: PAGE_SIZE,
    typeCounts,
  };
}
export type FlowSearchResult = Awaited<ReturnType<typeof searchFlows>>;

/** Categories and tags in use among the flows this user can see (filter choices). */
export async function libraryFacets(user: Viewer) {
  const visible = visibleFlowsWhere(user);
  const [categories, tags] = await Promise.all([
    // GROUP BY … LIMIT in SQL: Prisma's `distinct` would fetch every row and de-duplicate in Node.
    db.flow.groupBy({ by: ["category"], where: { AND: [visible, { category: { not: null } }] }, orderBy: { category: "asc" }, take: 200 }),
    db.tag.groupBy({ by: ["name"], where: { usageCount: { gt: 0 }, flows: { some: { flow: visible } } }, orderBy: { name: "asc" }, take: 300 }),
  ]);
  return { categories: categories.map((c) => c.category!).filter(Boolean), tags: tags.map((t) => t.name) };
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export async function getFlowDetail(user: Viewer, flowId: string) {
  if (!isUuid(flowId)) throw notFound("Flow");
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: flowId }, visibleFlowsWhere(user)] },
    select: {
      ...flowCardSelect, structure: true, variables: true, forkReason: true, createdAt: true, publishedAt: true,
      versions: { select: { version: true, publishedAt: true, name: true, variables: true, publishedBy: { select: { name: true } } }, orderBy: { version: "desc" } },
      _count: { select: { forks: true } },
    },
  });
  if (!flow) throw notFound("Flow");
  const origin = flow.forkedFromId
    ? await db.flow.findFirst({ where: { AND: [{ id: flow.forkedFromId }, visibleFlowsWhere(user)] }, select: { id: true, name: true } })
    : null;
  const { structure } = readStructure(flow.type, flow.structure);
  return {
    ...toCard(user, flow),
    forkedFrom: origin,
    forkReason: flow.forkReason,
    structure,
    size: structureSize(structure),
    variables: readVariables(flow.variables),
    createdAt: flow.createdAt.toISOString(),
    publishedAt: flow.publishedAt?.toISOString() ?? null,
    forkCount: flow._count.forks,
    publishedVariables: readVariables(flow.versions[0]?.variables ?? []),
    versions: flow.versions.map((v) => ({ version: v.version, name: v.name, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy?.name ?? null })),
  };
}
export type FlowDetail = Awaited<ReturnType<typeof getFlowDetail>>;

export async function getFlowVersion(user: Viewer, flowId: string, version: number) {
  if (!isUuid(flowId) || !Number.isInteger(version) || version < 1) throw notFound("Version");
  const snapshot = await db.flowVersion.findFirst({
    where: { version, flow: { AND: [{ id: flowId }, visibleFlowsWhere(user)] } },
    select: { version: true, type: true, name: true, description: true, structure: true, variables: true, publishedAt: true },
  });
  if (!snapshot) throw notFound("Version");
  return { ...snapshot, structure: readStructure(snapshot.type, snapshot.structure).structure, variables: readVariables(snapshot.variables) };
}
