import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/tests/helpers/factories";

describe("test database", () => {
  it("is migrated and writable", async () => {
    const { account } = await createTenant();
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(4);
  });
});
