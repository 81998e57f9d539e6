// Who may see maintenance rows: the one place that knows their tenancy rules.
// - Everything is scoped to the viewer's account inside the query; another account's row is
//   "not found".
// - Target lists: "account" lists are seen by the whole account, "team" lists by their team,
//   their creator and admins. Batches and schedules follow their team the same way (a row
//   without a team belongs to the whole account).
// - Managing lists, schedules and batches takes an engineer or above (the actions pass
//   role: MANAGE_ROLE); l1 technicians open the hub and run sessions assigned to them or their team.
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export const MANAGE_ROLE: Role = "engineer";

function teamScope(user: Viewer) {
  return isAdmin(user.role) ? null : [{ teamId: null }, ...(user.teamId ? [{ teamId: user.teamId }] : [])];
}

export function visibleTargetListsWhere(user: Viewer): Prisma.TargetListWhereInput {
  if (isAdmin(user.role)) return { accountId: user.accountId };
  const who: Prisma.TargetListWhereInput[] = [{ visibility: "account" }, { createdById: user.id }];
  if (user.teamId) who.push({ teamId: user.teamId });
  return { accountId: user.accountId, OR: who };
}

/**
 * Who may change a target list, as with flows: its creator, engineers of its team, and admins.
 * A list shared with the account is seen (and run) by everyone, changed by those.
 */
export function editableTargetListsWhere(user: Viewer): Prisma.TargetListWhereInput {
  if (isAdmin(user.role)) return { accountId: user.accountId };
  const who: Prisma.TargetListWhereInput[] = [{ createdById: user.id }];
  if (user.teamId) who.push({ teamId: user.teamId });
  return { accountId: user.accountId, OR: who };
}

export function canEditTargetList(user: Viewer, list: { accountId: string; createdById: string | null; teamId: string | null }): boolean {
  if (user.role === "l1" || list.accountId !== user.accountId) return false;
  return isAdmin(user.role) || list.createdById === user.id || (user.teamId !== null && list.teamId === user.teamId);
}

export function visibleBatchesWhere(user: Viewer): Prisma.BatchWhereInput {
  const teams = teamScope(user);
  return teams ? { accountId: user.accountId, OR: [...teams, { launchedById: user.id }] } : { accountId: user.accountId };
}

export function visibleSchedulesWhere(user: Viewer): Prisma.ScheduleWhereInput {
  const teams = teamScope(user);
  return teams ? { accountId: user.accountId, OR: [...teams, { createdById: user.id }] } : { accountId: user.accountId };
}

/** visibleBatchesWhere as a SQL condition on the batch row aliased `alias` (hand-written reads). */
export function visibleBatchesSql(user: Viewer, alias: string): Prisma.Sql {
  return scopedSql(user, alias, "launchedById");
}

/** visibleSchedulesWhere as a SQL condition on the schedule row aliased `alias`. */
export function visibleSchedulesSql(user: Viewer, alias: string): Prisma.Sql {
  return scopedSql(user, alias, "createdById");
}

function scopedSql(user: Viewer, alias: string, owner: "launchedById" | "createdById"): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  const col = (name: string) => Prisma.raw(`"${alias}"."${name}"`);
  const account = Prisma.sql`${col("accountId")} = ${user.accountId}::uuid`;
  if (!teamScope(user)) return account;
  const team = user.teamId ? Prisma.sql` OR ${col("teamId")} = ${user.teamId}::uuid` : Prisma.empty;
  return Prisma.sql`(${account} AND (${col("teamId")} IS NULL${team} OR ${col(owner)} = ${user.id}::uuid))`;
}
