import { describe, expect, it } from "vitest";
import { forgotPasswordSchema, resetPasswordSchema, signUpSchema, verifyEmailSchema } from "@/lib/auth/auth.validation";

const valid = { name: "Ada Lovelace", email: "ada@example.com", password: "0123456789" };

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

describe("signUpSchema", () => {
  it("accepts a company name or an invite code", () => {
    expect(signUpSchema.safeParse({ ...valid, companyName: "Acme IT" }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...valid, inviteCode: "K7QM-XR4P-9TZD-HW2N" }).success).toBe(true);
  });

  it("requires a company name or an invite code, and says so on the company field", () => {
    for (const extra of [{}, { companyName: "" }, { companyName: "   ", inviteCode: " \t" }]) {
      const result = signUpSchema.safeParse({ ...valid, ...extra });
      expect(result.success).toBe(false);
      expect(fieldErrors(result).companyName).toEqual(["Enter your company name, or an invite code to join a team."]);
    }
  });

  it("normalises the email to trimmed lower case", () => {
    const result = signUpSchema.parse({ ...valid, email: "  Ada.Lovelace@Example.COM ", companyName: "Acme" });
    expect(result.email).toBe("ada.lovelace@example.com");
  });

  it("trims name, company and invite code", () => {
    const result = signUpSchema.parse({ ...valid, name: "  Ada  ", companyName: " Acme ", inviteCode: " abcd " });
    expect(result).toMatchObject({ name: "Ada", companyName: "Acme", inviteCode: "abcd" });
  });

  it("requires a password of 10 to 200 characters, not trimmed", () => {
    const withPassword = (password: string) => signUpSchema.safeParse({ ...valid, companyName: "Acme", password });
    expect(fieldErrors(withPassword("123456789")).password).toEqual(["Use at least 10 characters."]);
    expect(withPassword("1234567890").success).toBe(true);
    expect(withPassword("x".repeat(200)).success).toBe(true);
    expect(fieldErrors(withPassword("x".repeat(201))).password).toEqual(["Use at most 200 characters."]);
    // Spaces count: a password is used exactly as typed.
    expect(withPassword("          ").success).toBe(true);
    expect(signUpSchema.parse({ ...valid, companyName: "Acme", password: " pass word " }).password).toBe(" pass word ");
  });

  it.each([
    ["email", "", "Enter your email address."],
    ["email", "not-an-email", "Enter a valid email address."],
    ["email", `${"a".repeat(250)}@example.com`, "That email address is too long."],
    ["name", "   ", "Enter your name."],
    ["name", "x".repeat(121), "Use at most 120 characters."],
    ["companyName", "x".repeat(121), "Use at most 120 characters."],
    ["inviteCode", "x".repeat(41), "That invite code is too long."],
  ])("%s = %j → %j", (field, value, message) => {
    const result = signUpSchema.safeParse({ ...valid, companyName: "Acme", [field]: value });
    expect(result.success).toBe(false);
    expect(fieldErrors(result)[field]).toContain(message);
  });

  it("rejects wrong types with a message per field", () => {
    const result = signUpSchema.safeParse({ name: 5, email: null, password: ["x"], companyName: 7 });
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrors(result)).sort()).toEqual(["companyName", "email", "name", "password"]);
    expect(fieldErrors(result).name).toEqual(["Enter your name."]);
    expect(fieldErrors(result).password[0]).toBe("Enter a password.");
  });
});

describe("forgotPasswordSchema", () => {
  it("normalises the email", () => {
    expect(forgotPasswordSchema.parse({ email: " Bob@Example.com" })).toEqual({ email: "bob@example.com" });
  });
  it("rejects a malformed email", () => {
    expect(forgotPasswordSchema.safeParse({ email: "bob" }).success).toBe(false);
  });
});

describe("resetPasswordSchema", () => {
  const token = "a".repeat(43);
  it("requires matching passwords, reported on confirm", () => {
    const result = resetPasswordSchema.safeParse({ token, password: "0123456789", confirm: "0123456788" });
    expect(fieldErrors(result)).toEqual({ confirm: ["The passwords do not match."] });
    expect(resetPasswordSchema.safeParse({ token, password: "0123456789", confirm: "0123456789" }).success).toBe(true);
  });
  it("rejects short, long and missing tokens as an invalid link", () => {
    for (const bad of ["", "short", "x".repeat(101)]) {
      const result = resetPasswordSchema.safeParse({ token: bad, password: "0123456789", confirm: "0123456789" });
      expect(fieldErrors(result).token).toEqual(["This link is invalid."]);
    }
  });
  it("applies the password rules", () => {
    expect(fieldErrors(resetPasswordSchema.safeParse({ token, password: "short", confirm: "short" })).password).toEqual([
      "Use at least 10 characters.",
    ]);
  });
});

describe("verifyEmailSchema", () => {
  it("accepts a token and trims it", () => {
    expect(verifyEmailSchema.parse({ token: ` ${"b".repeat(43)} ` })).toEqual({ token: "b".repeat(43) });
  });
  it("rejects a non-string token", () => {
    expect(verifyEmailSchema.safeParse({ token: 12345 }).success).toBe(false);
  });
});
