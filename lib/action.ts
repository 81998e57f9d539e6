// The one server-action wrapper. Every exported server action is built with `authedAction`
// (authenticate → check role → validate with zod → run → map errors to safe messages) or,
// for the signed-out pages, `publicAction`. Handlers receive the user, whose accountId they
// put inside every query's `where`.
import { z } from "zod";
import type { Role } from "@/lib/generated/prisma/enums";
import { requireRole, type CurrentUser } from "@/lib/auth/current-user";
import { AppError, isUniqueViolation } from "@/lib/errors";

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fieldErrors?: FieldErrors };

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function toActionError(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
  }
  if (error instanceof z.ZodError) {
    const fieldErrors = fieldErrorsOf(error);
    const first = error.issues[0];
    const where = first && first.path.length ? `${first.path.join(".")}: ` : "";
    return { ok: false, code: "invalid", error: `${where}${first?.message ?? "Invalid input."}`, fieldErrors };
  }
  if (isUniqueViolation(error)) {
    return { ok: false, code: "conflict", error: "That already exists." };
  }
  // Internal detail stays in the server log.
  console.error("[action] unexpected error", error);
  return { ok: false, code: "internal", error: "Something went wrong on our side. Please try again." };
}

async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return toActionError(parsed.error);
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    return toActionError(error);
  }
}

export function authedAction<S extends z.ZodType, T>(
  options: { schema: S; role?: Role },
  handler: (input: z.output<S>, user: CurrentUser) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    let user: CurrentUser;
    try {
      user = await requireRole(options.role ?? "l1");
    } catch (error) {
      return toActionError(error);
    }
    return run(options.schema, input, (data) => handler(data, user));
  };
}

export function publicAction<S extends z.ZodType, T>(
  options: { schema: S },
  handler: (input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return (input) => run(options.schema, input, handler);
}
