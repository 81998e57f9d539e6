import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newInviteCode, newToken, normaliseInviteCode, sha256 } from "@/lib/auth/tokens";

// No 0/O/1/I/L: codes are read aloud and typed by hand.
const CODE_FORMAT = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}(-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}){3}$/;

describe("newInviteCode", () => {
  it("is four dash-separated groups of four characters from the unambiguous alphabet", () => {
    for (let i = 0; i < 500; i++) expect(newInviteCode()).toMatch(CODE_FORMAT);
  });

  it("never uses look-alike characters and uses the whole alphabet", () => {
    const seen = new Set(Array.from({ length: 400 }, () => newInviteCode().replaceAll("-", "")).join(""));
    for (const ambiguous of ["0", "O", "1", "I", "L"]) expect(seen.has(ambiguous)).toBe(false);
    // 6400 draws from 31 symbols: every symbol shows up unless the generator is skewed.
    expect(seen.size).toBe(31);
  });

  it("does not repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, newInviteCode));
    expect(codes.size).toBe(2000);
  });

  it("survives normalisation unchanged", () => {
    const code = newInviteCode();
    expect(normaliseInviteCode(code)).toBe(code);
  });
});

describe("normaliseInviteCode", () => {
  it.each([
    ["k7qm-xr4p-9tzd-hw2n", "K7QM-XR4P-9TZD-HW2N"],
    ["K7QMXR4P9TZDHW2N", "K7QM-XR4P-9TZD-HW2N"],
    ["  k7qm xr4p 9tzd hw2n  ", "K7QM-XR4P-9TZD-HW2N"],
    ["K7QM--XR4P—9TZD_HW2N\n", "K7QM-XR4P-9TZD-HW2N"],
    ["k7q-mxr-4p9-tzd-hw2n", "K7QM-XR4P-9TZD-HW2N"],
    ["K7QM-XR4P", "K7QM-XR4P"],
    ["abc", "ABC"],
  ])("%j → %j", (typed, expected) => {
    expect(normaliseInviteCode(typed)).toBe(expected);
  });

  it("gives an empty string for input with no letters or digits", () => {
    expect(normaliseInviteCode("")).toBe("");
    expect(normaliseInviteCode(" - _ \t")).toBe("");
  });

  it("maps a messy and a clean spelling of one code to the same hash", () => {
    const code = newInviteCode();
    const messy = ` ${code.toLowerCase().replaceAll("-", " ")} `;
    expect(sha256(normaliseInviteCode(messy))).toBe(sha256(code));
  });
});

describe("sha256", () => {
  it("is the lower-case hex sha256 of the UTF-8 value", () => {
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256("héllo")).toBe(createHash("sha256").update(Buffer.from("héllo", "utf8")).digest("hex"));
  });

  it("fits the 64-character hash columns", () => {
    expect(sha256(newToken())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("newToken", () => {
  it("is URL-safe, 256 bits, and unique", () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
