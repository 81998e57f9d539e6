// Random secrets (invite codes, reset and verification tokens) and their stored hashes.
// Only sha256 hashes are stored, so a database leak does not leak usable tokens.
import { createHash, randomBytes, randomInt } from "node:crypto";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** URL-safe random token with 256 bits of entropy. */
export const newToken = () => randomBytes(32).toString("base64url");

// No 0/O/1/I/L: invite codes are read aloud and typed by hand.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** Human-typeable invite code like "K7QM-XR4P-9TZD-HW2N" (about 79 bits). */
export function newInviteCode(): string {
  let out = "";
  for (let i = 0; i < 16; i++) {
    out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (i % 4 === 3 && i < 15) out += "-";
  }
  return out;
}

/** Normalise what a person typed (case, spaces, missing dashes) before hashing. */
export function normaliseInviteCode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return compact.match(/.{1,4}/g)?.join("-") ?? "";
}
