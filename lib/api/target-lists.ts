// /api/v1/target-lists: CRUD over the same access rules (visibleTargetListsWhere) and write
// cores (lib/maintenance/target-lists.ts) as the Target lists tab.
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { hasRole } from "@/lib/auth/roles";
import { MANAGE_ROLE, visibleTargetListsWhere } from "@/lib/maintenance/access";
import { getTargetList } from "@/lib/maintenance/queries";
import { createTargetListFor, deleteTargetListFor, updateTargetListFor } from "@/lib/maintenance/target-lists";
import type { ApiPrincipal } from "./keys";
import { afterDesc, decodeKeyset, page } from "./pagination";
import type { targetListBody, targetListDetail, targetListListQuery, targetListSummary } from "./schemas";

type Viewer = ApiPrincipal["user"];

/** As the actions' role: MANAGE_ROLE (a key's creator is an admin, so this holds while the key works). */
function requireManager(user: Viewer) {
  if (!hasRole(user.role, MANAGE_ROLE)) throw forbidden();
}

export async function listTargetListsPage(user: Viewer, query: z.output<typeof targetListListQuery>) {
  const rows = await db.targetList.findMany({
    where: { AND: [visibleTargetListsWhere(user), afterDesc("createdAt", decodeKeyset(query.cursor))] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: { id: true, name: true, description: true, visibility: true, createdAt: true, updatedAt: true, _count: { select: { targets: true } } },
  });
  const result = page(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return {
    data: result.data.map((l): z.input<typeof targetListSummary> => ({
      id: l.id, name: l.name, description: l.description, visibility: l.visibility as "team" | "account", targetCount: l._count.targets,
      createdAt: l.createdAt.toISOString(), updatedAt: l.updatedAt.toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}

export const getTargetListDetail = (user: Viewer, listId: string): Promise<z.input<typeof targetListDetail>> => getTargetList(user, listId);

export async function createTargetListApi(user: Viewer, body: z.output<typeof targetListBody>) {
  requireManager(user);
  const { id } = await createTargetListFor(user, body);
  return getTargetList(user, id);
}

export async function updateTargetListApi(user: Viewer, listId: string, body: z.output<typeof targetListBody>) {
  requireManager(user);
  await updateTargetListFor(user, listId, body);
  return getTargetList(user, listId);
}

export async function deleteTargetListApi(user: Viewer, listId: string) {
  requireManager(user);
  await deleteTargetListFor(user, listId);
  return { id: listId, deleted: true as const };
}
