// URL search parameters (`?q=…&type=…`) read by pages. Route handlers parse the same schemas
// with `schema.parse` and answer 400 with the message; a page instead drops a parameter that
// fails its schema and shows itself as if it were absent, so a hand-edited URL never breaks it.
import type { z } from "zod";

export type PageSearchParams = Record<string, string | string[] | undefined>;

export function parsePageSearchParams<S extends z.ZodObject>(schema: S, params: PageSearchParams): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const refused = new Set(result.error.issues.map((issue) => String(issue.path[0])));
  return schema.parse(Object.fromEntries(Object.entries(params).filter(([key]) => !refused.has(key))));
}
