// Role rules in one place. Roles are ordered: owner > admin > engineer > l1.
import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["owner", "admin", "engineer", "l1"] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { owner: 4, admin: 3, engineer: 2, l1: 1 };

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  engineer: "Engineer",
  l1: "L1 technician",
};

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

export const isAdmin = (role: Role) => hasRole(role, "admin");

/** Whether `actor` may give `target` (currently `from`) the role `to`. Admins never touch owners. */
export function canAssignRole(actor: Role, from: Role, to: Role): boolean {
  if (actor === "owner") return true;
  if (actor === "admin") return from !== "owner" && to !== "owner";
  return false;
}
