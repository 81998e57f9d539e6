import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { publicAction, toActionError } from "@/lib/action";
import { AppError, conflict, forbidden, invalid, notFound } from "@/lib/errors";

const GENERIC = "Something went wrong on our side. Please try again.";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toActionError", () => {
  it("passes an AppError's code, message and field errors through", () => {
    expect(toActionError(new AppError("rate_limited"))).toEqual({
      ok: false,
      code: "rate_limited",
      error: "Too many attempts. Please wait a few minutes and try again.",
      fieldErrors: undefined,
    });
    expect(toActionError(invalid("Bad code.", { inviteCode: ["Nope."] }))).toEqual({
      ok: false, code: "invalid", error: "Bad code.", fieldErrors: { inviteCode: ["Nope."] },
    });
    expect(toActionError(notFound("Team"))).toMatchObject({ code: "not_found", error: "Team was not found." });
    expect(toActionError(forbidden())).toMatchObject({ code: "forbidden", error: "You don't have permission to do that." });
    expect(toActionError(conflict("Taken."))).toMatchObject({ code: "conflict", error: "Taken." });
  });

  it("gives every AppError code a default message", () => {
    for (const code of ["unauthenticated", "forbidden", "not_found", "conflict", "invalid", "rate_limited", "limit_reached"] as const) {
      const { error } = toActionError(new AppError(code));
      expect(error.length).toBeGreaterThan(5);
    }
  });

  it("turns a ZodError into field errors and a first message naming the field", () => {
    const schema = z.object({
      name: z.string().min(1, "Enter a name."),
      nested: z.object({ count: z.number({ message: "Enter a number." }) }),
    });
    const parsed = schema.safeParse({ name: "", nested: { count: "x" } });
    expect(parsed.success).toBe(false);
    const result = toActionError(parsed.error);
    expect(result).toEqual({
      ok: false,
      code: "invalid",
      error: "name: Enter a name.",
      fieldErrors: { name: ["Enter a name."], "nested.count": ["Enter a number."] },
    });
  });

  it("puts whole-input issues under `_`", () => {
    const parsed = z.object({ a: z.string() }).safeParse(null);
    const result = toActionError(parsed.error);
    expect(result.code).toBe("invalid");
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(["_"]);
    expect(result.error).not.toMatch(/^: /);
  });

  it("maps Prisma's unique violation (P2002) to a conflict without Prisma's text", () => {
    const prismaLike = Object.assign(new Error("Unique constraint failed on the fields: (`email`) in prisma.user.create()"), {
      code: "P2002",
      meta: { target: ["email"] },
    });
    const result = toActionError(prismaLike);
    expect(result).toEqual({ ok: false, code: "conflict", error: "That already exists." });
    expect(toActionError({ code: "P2002" }).code).toBe("conflict");
  });

  it("reports anything else as a generic message and logs the detail on the server", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const error of [
      new Error("secret internal detail"),
      Object.assign(new Error("relation \"User\" does not exist"), { code: "P2010" }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      "a thrown string with secret internal detail",
      null,
      undefined,
      { code: "P2025", message: "secret internal detail" },
    ]) {
      const result = toActionError(error);
      expect(result).toEqual({ ok: false, code: "internal", error: GENERIC });
      expect(JSON.stringify(result)).not.toMatch(/secret|relation|Cannot read|P20/);
    }
    expect(log).toHaveBeenCalledTimes(7);
    expect(String(log.mock.calls[0][1])).toContain("secret internal detail");
  });
});

describe("publicAction", () => {
  it("validates before running the handler and returns { ok, data }", async () => {
    const handler = vi.fn(async (input: { n: number }) => input.n * 2);
    const double = publicAction({ schema: z.object({ n: z.coerce.number().int() }) }, handler);
    expect(await double({ n: "21" as unknown as number })).toEqual({ ok: true, data: 42 });
    expect(await double({ n: "x" as unknown as number })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { n: expect.any(Array) } });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("maps a handler's thrown errors to safe results", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const explode = publicAction({ schema: z.object({}) }, async () => {
      throw new Error("secret internal detail");
    });
    expect(await explode({})).toEqual({ ok: false, code: "internal", error: GENERIC });
    const refuse = publicAction({ schema: z.object({}) }, async () => {
      throw notFound("Flow");
    });
    expect(await refuse({})).toMatchObject({ ok: false, code: "not_found", error: "Flow was not found." });
  });
});
