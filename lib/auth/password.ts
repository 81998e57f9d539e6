// Password hashing with argon2id (OWASP's recommended parameters are @node-rs/argon2's defaults).
import { hash, verify } from "@node-rs/argon2";

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the email is unknown, so timing does not reveal
// which emails have accounts.
let dummy: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummy ??= hash("not-a-real-password-000"));
