// The one error shape of the REST API: { error: { code, message, fields? } }, with the status
// that goes with the code. Internal error text never leaves the server.
import { toActionError } from "@/lib/action";

export const API_ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_reused: 422,
  invalid: 400,
  rate_limited: 429,
  limit_reached: 403,
  internal: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

const NO_STORE = { "Cache-Control": "no-store" };

export function apiError(code: ApiErrorCode, message: string, options: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {}): Response {
  const body = { error: { code, message, ...(options.fields ? { fields: options.fields } : {}) } };
  return Response.json(body, { status: API_ERROR_STATUS[code], headers: { ...NO_STORE, ...options.headers } });
}

/** Any thrown error as an API error response: AppError and ZodError keep their message and fields. */
export function apiErrorFrom(error: unknown): Response {
  const failure = toActionError(error);
  const code = (failure.code in API_ERROR_STATUS ? failure.code : "internal") as ApiErrorCode;
  return apiError(code, failure.error, { fields: failure.fieldErrors });
}

export const apiJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
