// The one user-facing error type. Anything else thrown inside an action is logged and
// reported to the browser as a generic message: internal error text never leaves the server.
export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "rate_limited"
  | "limit_reached";

const DEFAULT_MESSAGES: Record<AppErrorCode, string> = {
  unauthenticated: "Please sign in again.",
  forbidden: "You don't have permission to do that.",
  not_found: "Not found.",
  conflict: "That conflicts with something that already exists.",
  invalid: "Please check the highlighted fields.",
  rate_limited: "Too many attempts. Please wait a few minutes and try again.",
  limit_reached: "Your plan's limit has been reached.",
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = "AppError";
  }
}

export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);
export const forbidden = (message?: string) => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("invalid", message, fieldErrors);

/** Prisma's unique-constraint violation, for mapping to a conflict message. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
