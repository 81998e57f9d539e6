// Calling the /api/v1 route handlers in-process with real Request objects, and API keys made
// the way the settings page makes them (the secret's hash stored, the secret kept by the test).
import { db } from "@/lib/db/client";
import { newApiKeySecret } from "@/lib/api/keys";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function apiKeyFor(user: { id: string; accountId: string }, scopes: ("read" | "write")[] = ["read", "write"], rateLimitPerMinute = 600) {
  const { secret, prefix, hash } = newApiKeySecret();
  const key = await db.apiKey.create({ data: { accountId: user.accountId, createdById: user.id, name: "Test key", scopes, prefix, hash, rateLimitPerMinute } });
  return { id: key.id, secret };
}

export type CallOptions = { key?: string | null; body?: unknown; params?: Record<string, string>; headers?: Record<string, string>; rawBody?: string };

export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await handler(new Request(`http://localhost/api/v1${path}`, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as any };
}
