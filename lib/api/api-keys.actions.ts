"use server";
// API keys: created with a name and scopes, the secret returned once (only its sha-256 is
// stored), revoked (a revoked key answers 401 from its next request). Owners and admins only.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { API_KEYS_ROLE } from "./access";
import { apiKeyRefSchema, createApiKeySchema } from "./api-keys.validation";
import { newApiKeySecret } from "./keys";

export const createApiKey = authedAction({ schema: createApiKeySchema, role: API_KEYS_ROLE }, async ({ name, scopes }, me) => {
  const { secret, prefix, hash } = newApiKeySecret();
  const key = await db.apiKey.create({ data: { accountId: me.accountId, createdById: me.id, name, scopes, prefix, hash }, select: { id: true } });
  revalidatePath("/settings/api-keys");
  // The secret exists only in this response.
  return { id: key.id, secret };
});

export const revokeApiKey = authedAction({ schema: apiKeyRefSchema, role: API_KEYS_ROLE }, async ({ apiKeyId }, me) => {
  const { count } = await db.apiKey.updateMany({ where: { id: apiKeyId, accountId: me.accountId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0 && !(await db.apiKey.findFirst({ where: { id: apiKeyId, accountId: me.accountId }, select: { id: true } }))) {
    throw notFound("API key");
  }
  revalidatePath("/settings/api-keys");
  return { apiKeyId };
});
