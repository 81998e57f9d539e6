// API keys: the secret's shape, its stored hash, and turning a request's Bearer key into the
// principal a route acts as. A key acts with its creator's access (the same visibility rules as
// the app) inside the key's account, and works only while that creator is an owner or admin there.
import "server-only";
import { randomBytes } from "node:crypto";
import { sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export const API_KEY_PREFIX = "rf_live_";
/** How much of the secret the keys list shows (the prefix plus four characters). */
export const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;
export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/** Roles whose keys work (and who manage keys). */
export const KEY_ROLES: readonly Role[] = ["owner", "admin"];

/** A new secret: the prefix and 256 random bits, URL-safe. */
export function newApiKeySecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), hash: sha256(secret) };
}

export type ApiPrincipal = {
  apiKeyId: string;
  scopes: ApiScope[];
  /** The key's creator: routes call the lib functions as this viewer. */
  user: { id: string; accountId: string; teamId: string | null; role: Role };
};

export type KeyCheck =
  | { ok: true; principal: ApiPrincipal; limit: number; remaining: number }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: "rate_limited"; retryAfter: number; limit: number };

type Row = {
  id: string; accountId: string; scopes: string[]; count: number; limit: number;
  userId: string; teamId: string | null; role: Role; retryAfter: number;
};

/** "Bearer rf_live_…" → the secret, or null. */
export function bearerSecret(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match && match[1].length <= 200 ? match[1] : null;
}

/**
 * One statement per request: finds the live key by its hash (its creator still an owner or admin
 * of the key's account), counts the request in the key's current one-minute window, and moves
 * lastUsedAt only when it is more than a minute old. Counting on the key's row serialises a
 * key's parallel requests on that row for an instant, so the count is exact.
 */
export async function checkApiKey(secret: string): Promise<KeyCheck> {
  const rows = await db.$queryRaw<Row[]>`
    UPDATE "ApiKey" k SET
      "rateWindowStart" = date_trunc('minute', now()),
      "rateWindowCount" = CASE WHEN k."rateWindowStart" = date_trunc('minute', now()) THEN k."rateWindowCount" + 1 ELSE 1 END,
      "lastUsedAt" = CASE WHEN k."lastUsedAt" IS NULL OR k."lastUsedAt" < now() - interval '1 minute' THEN now() ELSE k."lastUsedAt" END
    FROM "User" u
    WHERE k."hash" = ${sha256(secret)} AND k."revokedAt" IS NULL
      AND u.id = k."createdById" AND u."accountId" = k."accountId" AND NOT u."isServiceAccount"
      AND u.role IN ('owner', 'admin')
    RETURNING k.id, k."accountId", k.scopes, k."rateWindowCount" AS count, k."rateLimitPerMinute" AS "limit",
      u.id AS "userId", u."teamId", u.role::text AS role,
      greatest(1, ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now())))::int AS "retryAfter"`;
  const row = rows[0];
  if (!row) return { ok: false, reason: "unknown" };
  if (row.count > row.limit) return { ok: false, reason: "rate_limited", retryAfter: row.retryAfter, limit: row.limit };
  return {
    ok: true,
    limit: row.limit,
    remaining: row.limit - row.count,
    principal: {
      apiKeyId: row.id,
      scopes: row.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
      user: { id: row.userId, accountId: row.accountId, teamId: row.teamId, role: row.role },
    },
  };
}

/** Write keys read too; a read key never writes. */
export const allows = (scopes: ApiScope[], needed: ApiScope) => scopes.includes(needed) || (needed === "read" && scopes.includes("write"));
