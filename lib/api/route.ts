// The one wrapper for /api/v1 route handlers: Bearer key → principal (401 unknown or revoked,
// 429 over the key's rate), scope (403), zod on the path, query and body (400 with fields),
// Idempotency-Key on creates, and every error in the one shape. Handlers stay thin: they call
// the lib functions the app uses, as the key's creator.
import "server-only";
import { z } from "zod";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { allows, bearerSecret, checkApiKey, type ApiPrincipal, type ApiScope } from "./keys";
import { apiError, apiErrorFrom, apiJson } from "./errors";
import { idempotencyKeyOf, requestFingerprint, withIdempotency, type StoredResponse } from "./idempotency";

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiContext<Q extends Schema, B extends Schema> = {
  principal: ApiPrincipal;
  /** The key's creator, as the viewer the lib functions take. */
  user: ApiPrincipal["user"];
  query: Out<Q>;
  body: Out<B>;
  params: Record<string, string>;
  request: Request;
};

export type ApiRouteOptions<Q extends Schema, B extends Schema> = {
  scope: ApiScope;
  query?: Q;
  body?: B;
  /** Path parameters that must be UUIDs; anything else is "not found" (as another account's id is). */
  ids?: string[];
  /** Honour Idempotency-Key (create routes). */
  idempotent?: boolean;
};

const MAX_BODY_BYTES = 2_000_000;
const UUID = z.uuid();

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function apiRoute<Q extends Schema = undefined, B extends Schema = undefined>(
  options: ApiRouteOptions<Q, B>,
  handler: (context: ApiContext<Q, B>) => Promise<StoredResponse>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const secret = bearerSecret(request.headers.get("authorization"));
      const challenge = { "WWW-Authenticate": 'Bearer realm="api"' };
      if (!secret) return apiError("unauthenticated", "Send an API key: Authorization: Bearer <key>.", { headers: challenge });
      const check = await checkApiKey(secret);
      if (!check.ok && check.reason === "unknown") return apiError("unauthenticated", "This API key is not valid or was revoked.", { headers: challenge });
      if (!check.ok) {
        return apiError("rate_limited", `Too many requests for this API key (at most ${check.limit} a minute). Retry after ${check.retryAfter} s.`, {
          headers: { "Retry-After": String(check.retryAfter), "RateLimit-Limit": String(check.limit), "RateLimit-Remaining": "0" },
        });
      }
      const limitHeaders = { "RateLimit-Limit": String(check.limit), "RateLimit-Remaining": String(check.remaining) };
      const { principal } = check;
      if (!allows(principal.scopes, options.scope)) {
        return apiError("forbidden", `This API key does not have the "${options.scope}" scope.`, { headers: limitHeaders });
      }

      const params = (await context.params) ?? {};
      for (const name of options.ids ?? []) {
        if (!UUID.safeParse(params[name]).success) return apiError("not_found", "Not found.", { headers: limitHeaders });
      }
      const url = new URL(request.url);
      const query = options.query ? options.query.parse(queryObject(url)) : undefined;

      let raw = "";
      let body: unknown = undefined;
      if (options.body) {
        raw = await request.text();
        if (raw.length > MAX_BODY_BYTES) return apiError("invalid", `The request body is too large: at most ${MAX_BODY_BYTES / 1_000_000} MB.`);
        let json: unknown;
        try {
          json = raw ? JSON.parse(raw) : {};
        } catch {
          return apiError("invalid", "The request body is not valid JSON.", { fields: { _: ["The request body is not valid JSON."] } });
        }
        body = options.body.parse(json);
      }

      const run = async () => {
        try {
          return await handler({ principal, user: principal.user, query: query as Out<Q>, body: body as Out<B>, params, request });
        } catch (error) {
          // A client error is an answer (stored for an idempotent replay); anything else is a 500 below.
          if (!(error instanceof AppError || error instanceof z.ZodError || isUniqueViolation(error))) throw error;
          const response = apiErrorFrom(error);
          return { status: response.status, body: await response.json() };
        }
      };

      let response: Response;
      const key = options.idempotent ? idempotencyKeyOf(request) : null;
      if (key instanceof Response) return key;
      if (key) response = await withIdempotency(principal.apiKeyId, key, requestFingerprint(request.method, url.pathname, raw), run);
      else {
        const result = await run();
        response = apiJson(result.body, result.status);
      }
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return apiErrorFrom(error);
    }
  };
}

/** `{ data }` with a status, for handlers. */
export const data = async (value: Promise<unknown> | unknown, status = 200): Promise<StoredResponse> => ({ status, body: { data: await value } });
/** A list page (`{ data, nextCursor }`) as is. */
export const list = async (value: Promise<{ data: unknown[]; nextCursor: string | null }>): Promise<StoredResponse> => ({ status: 200, body: await value });
