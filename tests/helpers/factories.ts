// Test data factories on the real database.
import { faker } from "@faker-js/faker";
import { hashSync } from "@node-rs/argon2";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { setSessionIdentity } from "./session-double";

export const TEST_PASSWORD = "correct-horse-battery";
// Hashed once per worker; hashing per user would dominate test time.
let passwordHash: string | undefined;
const testPasswordHash = () => (passwordHash ??= hashSync(TEST_PASSWORD));

export async function createAccount(overrides: { name?: string; plan?: "free" | "pro" } = {}) {
  return db.account.create({ data: { name: overrides.name ?? faker.company.name(), plan: overrides.plan ?? "pro" } });
}

export async function createUser(options: { accountId?: string; role?: Role; teamId?: string | null; email?: string; name?: string } = {}) {
  const accountId = options.accountId ?? (await createAccount()).id;
  return db.user.create({
    data: {
      accountId,
      role: options.role ?? "engineer",
      teamId: options.teamId ?? null,
      email: (options.email ?? `${faker.string.alphanumeric(10)}@${faker.internet.domainName()}`).toLowerCase(),
      name: options.name ?? faker.person.fullName(),
      passwordHash: testPasswordHash(),
      emailVerifiedAt: new Date(),
    },
  });
}

/** A new account with an owner, an admin, an engineer and an l1. */
export async function createTenant() {
  const account = await createAccount();
  const [owner, admin, engineer, l1] = await Promise.all(
    (["owner", "admin", "engineer", "l1"] as const).map((role) => createUser({ accountId: account.id, role })),
  );
  return { account, owner, admin, engineer, l1 };
}

/**
 * Makes the following server-action calls run as this user (or signed out, for null), in a
 * freshly signed-in session, or in the given one (a browser that kept its cookie).
 */
export function actAs(user: { id: string } | null, sessionId?: string) {
  setSessionIdentity(user ? { userId: user.id, sessionId } : null);
}
