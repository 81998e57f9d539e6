// Reads behind Settings → API keys.
import "server-only";
import { db } from "@/lib/db/client";

export type ApiKeyRow = {
  id: string; name: string; prefix: string; scopes: string[]; createdBy: string | null;
  createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
};

/** An account's keys, newest first (revoked ones stay listed, marked). */
export async function listApiKeys(accountId: string): Promise<ApiKeyRow[]> {
  const keys = await db.apiKey.findMany({
    where: { accountId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
  return keys.map((k) => ({
    id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, createdBy: k.createdBy?.name ?? null,
    createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}
