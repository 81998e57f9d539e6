// Single-use, expiring tokens for password reset and email verification. Stored hashed;
// claimed with one conditional UPDATE so a token can never be used twice, however many
// requests race for it.
import type { Tx } from "@/lib/db/client";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { newToken, sha256 } from "./tokens";

export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = {
  password_reset: 60,
  email_verify: 7 * 24 * 60,
};

/** Issues a new token (returning the plain value to mail out) and retires older unused ones. */
export async function issueAuthToken(tx: Tx, userId: string, purpose: TokenPurpose): Promise<string> {
  const token = newToken();
  const now = new Date();
  await tx.authToken.updateMany({
    where: { userId, purpose, usedAt: null },
    data: { usedAt: now },
  });
  await tx.authToken.create({
    data: {
      userId,
      purpose,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + TOKEN_TTL_MINUTES[purpose] * 60_000),
    },
  });
  return token;
}

/** Marks the token used and returns its user, or null if unknown, used, expired or of another purpose. */
export async function claimAuthToken(tx: Tx, token: string, purpose: TokenPurpose): Promise<string | null> {
  const [claimed] = await tx.authToken.updateManyAndReturn({
    where: { tokenHash: sha256(token), purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
    select: { userId: true },
  });
  return claimed?.userId ?? null;
}
