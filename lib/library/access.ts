// Who sees which library steps: the same visibility rules as flows. Another account's entry
// is visible only when public and active. Only manual entries can be changed, by their author
// (or an account admin); synced entries are managed by their flow.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/**
 * The library visibility rule, written once; visibleLibraryWhere (Prisma) and visibleLibrarySql
 * (the search's raw SQL) are rendered from it, and a test checks they agree.
 */
function libraryVisibilityRule(user: Viewer) {
  return {
    accountId: user.accountId,
    accountWide: ["account", "public"] as const,
    authorId: user.id,
    /** "every": all team entries of the account (admins); a team id: that team's; null: none. */
    team: isAdmin(user.role) ? ("every" as const) : user.teamId,
    elsewhere: { visibility: "public", isActive: true } as const,
  };
}

export function visibleLibraryWhere(user: Viewer): Prisma.LibraryStepWhereInput {
  const rule = libraryVisibilityRule(user);
  const own: Prisma.LibraryStepWhereInput[] = [{ visibility: { in: [...rule.accountWide] } }, { authorId: rule.authorId }];
  if (rule.team === "every") own.push({ visibility: "team" });
  else if (rule.team) own.push({ visibility: "team", teamId: rule.team });
  return { OR: [{ accountId: rule.accountId, OR: own }, rule.elsewhere] };
}

/** The same rule as visibleLibraryWhere, for the raw SQL of the library search (steps aliased `s`). */
export function visibleLibrarySql(user: Viewer): Prisma.Sql {
  const { own, elsewhere } = libraryBranchConditions(user);
  return Prisma.sql`(
    ${own}
    OR ${elsewhere}
  )`;
}

/**
 * The same rule split by where an entry lives, for reads that walk the two apart (each in the
 * order of an index of its own): `own` is the viewer's account's entries the rule lets through,
 * `elsewhere` every other account's. Their union is exactly visibleLibrarySql (a test checks).
 */
export function visibleLibraryBranchesSql(user: Viewer): { own: Prisma.Sql; elsewhere: Prisma.Sql } {
  const { own, elsewhere } = libraryBranchConditions(user);
  return { own, elsewhere: Prisma.sql`(s."accountId" <> ${user.accountId}::uuid AND ${elsewhere})` };
}

function libraryBranchConditions(user: Viewer): { own: Prisma.Sql; elsewhere: Prisma.Sql } {
  const rule = libraryVisibilityRule(user);
  const team =
    rule.team === "every" ? Prisma.sql` OR s."visibility" = 'team'`
    : rule.team ? Prisma.sql` OR (s."visibility" = 'team' AND s."teamId" = ${rule.team}::uuid)`
    : Prisma.empty;
  const accountWide = Prisma.join(rule.accountWide.map((v) => Prisma.sql`${v}::"Visibility"`));
  return {
    own: Prisma.sql`(s."accountId" = ${rule.accountId}::uuid AND (s."visibility" IN (${accountWide}) OR s."authorId" = ${rule.authorId}::uuid${team}))`,
    elsewhere: Prisma.sql`(s."visibility" = ${rule.elsewhere.visibility}::"Visibility" AND s."isActive" = ${rule.elsewhere.isActive})`,
  };
}

/** Whether the user may edit or delete this (visible) entry: a manual entry of their account, theirs or they are an admin. */
export function canChangeLibraryStep(user: Viewer, step: { accountId: string; authorId: string | null; sourceNodeId: string | null }): boolean {
  return step.sourceNodeId === null && step.accountId === user.accountId && (step.authorId === user.id || isAdmin(user.role));
}

export const SYNCED_READ_ONLY = "Managed by its flow — fork to customise. Edit the flow and publish it to change this step.";
