// The shared text schema, the page search-parameter reader and the JSON depth bound.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { boundedJson, nestsDeeperThan } from "@/lib/validation/json";
import { parsePageSearchParams } from "@/lib/validation/search-params";
import { CONTROL_CHARACTER_MESSAGE, searchText, text } from "@/lib/validation/text";

describe("text()", () => {
  const name = text("Enter a name.").trim().min(1, "Enter a name.").max(10, "Too long.");

  it.each([
    ["NUL", "a\u0000b"], ["bell", "\u0007"], ["escape", "\u001b[31m"], ["DEL", "\u007f"], ["C1 control", "\u0085"],
    ["lone high surrogate", "a\ud800"], ["lone low surrogate", "\udc00b"], ["vertical tab", "a\u000bb"], ["form feed", "\f"],
  ])("refuses %s with the field message", (_what, value) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(CONTROL_CHARACTER_MESSAGE);
  });

  it.each([["tab", "a\tb"], ["newline", "a\nb"], ["carriage return", "a\r\nb"], ["emoji (a surrogate pair)", "ok 😀"], ["accents", "Zoë"]])("keeps %s", (_what, value) => {
    expect(z.string().max(20).and(text()).safeParse(value).success).toBe(true);
  });

  it("still trims, bounds and names wrong types", () => {
    expect(name.parse("  Ada  ")).toBe("Ada");
    expect(name.safeParse("x".repeat(11)).error?.issues[0].message).toBe("Too long.");
    expect(name.safeParse(5).error?.issues[0].message).toBe("Enter a name.");
  });

  it("bounds search text with its own message", () => {
    expect(searchText(5).safeParse("toolong").error?.issues[0].message).toBe("Search text has at most 5 characters.");
  });
});

describe("parsePageSearchParams", () => {
  const schema = z.object({ q: searchText(20).default(""), sort: z.enum(["a", "b"]).catch("a") });

  it("drops a refused parameter and keeps the rest", () => {
    expect(parsePageSearchParams(schema, { q: "a\u0000", sort: "b" })).toEqual({ q: "", sort: "b" });
    expect(parsePageSearchParams(schema, { q: ["x", "y"] })).toEqual({ q: "", sort: "a" });
    expect(parsePageSearchParams(schema, { q: " printer " })).toEqual({ q: "printer", sort: "a" });
  });
});

describe("boundedJson", () => {
  const deep = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it("measures depth without recursion, cycles included", () => {
    expect(nestsDeeperThan(deep(32), 32)).toBe(false);
    expect(nestsDeeperThan(deep(33), 32)).toBe(true);
    expect(nestsDeeperThan(deep(200_000), 32)).toBe(true);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(nestsDeeperThan(cycle, 32)).toBe(true);
    expect(nestsDeeperThan("text", 0)).toBe(false);
  });

  it("refuses deep values with a message", () => {
    expect(boundedJson("The structure").safeParse(deep(100)).error?.issues[0].message).toBe("The structure is nested too deeply (at most 32 levels).");
    expect(boundedJson("The structure").safeParse({ steps: [{ commands: [{ code: "x" }] }] }).success).toBe(true);
  });
});
