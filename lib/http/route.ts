// Helpers for route handlers: the same authentication and error mapping as server actions.
import { NextResponse } from "next/server";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { toActionError } from "@/lib/action";
import { CONTROL_CHARACTER } from "@/lib/validation/text";

const STATUS: Record<string, number> = {
  unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, invalid: 400, rate_limited: 429, limit_reached: 403, internal: 500,
};

export function withUser<C>(handler: (request: Request, user: CurrentUser, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await requireUser();
      return await handler(request, user, context);
    } catch (error) {
      const failure = toActionError(error);
      return NextResponse.json({ error: failure.error, code: failure.code }, { status: STATUS[failure.code] ?? 500 });
    }
  };
}

const decoded = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * Whether a request's path, query, cookies or form fields carry control characters (NUL, …).
 * For handlers we don't write (next-auth's): a NUL in its `callbackUrl` reaches `new URL` and a
 * response header there and comes back as a 500, so such requests are refused before it runs.
 */
export async function requestHasControlCharacters(request: Request): Promise<boolean> {
  const url = new URL(request.url);
  const values = [decoded(url.pathname), ...url.searchParams.keys(), ...url.searchParams.values()];
  for (const cookie of (request.headers.get("cookie") ?? "").split(";")) values.push(decoded(cookie));
  if (request.method !== "GET" && request.method !== "HEAD") {
    const body = await request.clone().text();
    values.push(body, ...new URLSearchParams(body).values());
  }
  return values.some((value) => CONTROL_CHARACTER.test(value));
}

/** The 400 for a request refused by requestHasControlCharacters. */
export const controlCharactersResponse = () =>
  NextResponse.json({ error: "The request contains control characters (such as NUL).", code: "invalid" }, { status: 400 });
