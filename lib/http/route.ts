// Helpers for route handlers: the same authentication and error mapping as server actions.
import { NextResponse } from "next/server";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { toActionError } from "@/lib/action";

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
