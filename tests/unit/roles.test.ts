import { describe, expect, it } from "vitest";
import { canAssignRole, hasRole, isAdmin, ROLES } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";

const RANK: Record<Role, number> = { l1: 0, engineer: 1, admin: 2, owner: 3 };

describe("hasRole", () => {
  it("orders owner > admin > engineer > l1 (full matrix)", () => {
    for (const role of ROLES) {
      for (const atLeast of ROLES) {
        expect(hasRole(role, atLeast), `${role} ≥ ${atLeast}`).toBe(RANK[role] >= RANK[atLeast]);
      }
    }
  });

  it("isAdmin is true for owners and admins only", () => {
    expect(ROLES.filter(isAdmin)).toEqual(["owner", "admin"]);
  });
});

describe("canAssignRole", () => {
  // The rule written out independently: owners may do anything; admins may move anyone who
  // is not an owner to any role but owner; engineers and l1s may not change roles.
  function expected(actor: Role, from: Role, to: Role): boolean {
    if (actor === "owner") return true;
    if (actor === "admin") return from !== "owner" && to !== "owner";
    return false;
  }

  const cases = ROLES.flatMap((actor) => ROLES.flatMap((from) => ROLES.map((to) => [actor, from, to] as const)));

  it("covers all 64 combinations", () => {
    expect(cases).toHaveLength(64);
  });

  it.each(cases)("%s changing %s → %s", (actor, from, to) => {
    expect(canAssignRole(actor, from, to)).toBe(expected(actor, from, to));
  });

  it("spot checks", () => {
    expect(canAssignRole("admin", "engineer", "admin")).toBe(true);
    expect(canAssignRole("admin", "owner", "admin")).toBe(false);
    expect(canAssignRole("admin", "admin", "owner")).toBe(false);
    expect(canAssignRole("owner", "owner", "l1")).toBe(true);
    expect(canAssignRole("engineer", "l1", "l1")).toBe(false);
    expect(canAssignRole("l1", "l1", "engineer")).toBe(false);
  });
});
