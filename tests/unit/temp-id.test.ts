import { describe, expect, it } from "vitest";
import { tempId } from "@/lib/flows/temp-id";

describe("tempId", () => {
  it("is marked temporary and unique", () => {
    const first = tempId();
    expect(first).toMatch(/^tmp-[0-9a-f-]{36}$/);
    expect(tempId()).not.toBe(first);
  });

  it("is a tmp- prefixed uuid, different each time", () => {
    const a = tempId();
    expect(a).toMatch(/^tmp-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(tempId()).not.toBe(a);
  });

  it("falls back to getRandomValues where randomUUID is missing (plain http)", () => {
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(globalThis.crypto.randomUUID).toBeUndefined();
      expect(tempId()).toMatch(/^tmp-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(globalThis.crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});
