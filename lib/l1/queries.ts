// Reads of the L1 workspace: the category list (picker and admin page) and recipient candidates.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { categoriesWhere, recipientCandidatesWhere } from "./access";

type Viewer = Pick<CurrentUser, "accountId">;

/** Categories per account stay few (a picker); the cap keeps a page bounded anyway. */
export const CATEGORY_LIST_CAP = 200;

export async function listCategories(user: Viewer) {
  return db.problemCategory.findMany({
    where: categoriesWhere(user),
    orderBy: { name: "asc" },
    take: CATEGORY_LIST_CAP,
    select: {
      id: true, name: true, description: true,
      recipients: { where: { user: recipientCandidatesWhere(user) }, select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
}
export type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number];

export function recipientCandidates(user: Viewer) {
  return db.user.findMany({ where: recipientCandidatesWhere(user), orderBy: { name: "asc" }, take: 500, select: { id: true, name: true, role: true } });
}
