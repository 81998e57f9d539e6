// Who sees which library steps: the same visibility rules as flows. Another account's entry
// is visible only when public and active. Only manual entries can be changed, by their author
// (or an account admin); synced entries are managed by their flow.
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export function visibleLibraryWhere(user: Viewer): Prisma.LibraryStepWhereInput {
  const own: Prisma.LibraryStepWhereInput[] = [{ visibility: { in: ["account", "public"] } }, { authorId: user.id }];
  if (isAdmin(user.role)) own.push({ visibility: "team" });
  else if (user.teamId) own.push({ visibility: "team", teamId: user.teamId });
  return {
    OR: [
      { accountId: user.accountId, OR: own },
      { visibility: "public", isActive: true },
    ],
  };
}

export const SYNCED_READ_ONLY = "Managed by its flow — fork to customise. Edit the flow and publish it to change this step.";

/** The same rule as visibleLibraryWhere, for the raw SQL of the library search. */
export function visibleLibrarySql(user: Viewer): Prisma.Sql {
  const teamClause = isAdmin(user.role)
    ? Prisma.sql`OR s."visibility" = 'team'`
    : user.teamId
      ? Prisma.sql`OR (s."visibility" = 'team' AND s."teamId" = ${user.teamId}::uuid)`
      : Prisma.empty;
  return Prisma.sql`(
    (s."accountId" = ${user.accountId}::uuid AND (s."visibility" IN ('account', 'public') OR s."authorId" = ${user.id}::uuid ${teamClause}))
    OR (s."visibility" = 'public' AND s."isActive")
  )`;
}
