// The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas with zod 4's
// own JSON Schema output (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect).
import { z } from "zod";
import { errorSchema } from "./schemas";
import { operations, type Operation } from "./operations";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./pagination";
import { IDEMPOTENCY_RETENTION_HOURS } from "./idempotency-policy";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

const ERRORS: Record<string, string> = {
  "400": "Invalid input: `error.fields` names each field and what is wrong with it.",
  "401": "No API key, or an unknown or revoked one.",
  "403": "The key lacks the scope this operation needs.",
  "404": "Not found (also for another account's id).",
  "429": "Over the key's rate limit: retry after `Retry-After` seconds.",
};

function parameters(op: Operation) {
  const out: JsonSchema[] = (op.ids ?? []).map((name) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }));
  if (op.query) {
    const schema = toSchema(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (op.idempotent) {
    out.push({
      name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 },
      description: `A replay within ${IDEMPOTENCY_RETENTION_HOURS} h returns the first answer and creates nothing; the same key with another body is a 422.`,
    });
  }
  return out;
}

function operationObject(id: string, op: Operation) {
  const responses: Record<string, unknown> = {
    [String(op.status)]: { description: "Success", content: { "application/json": { schema: toSchema(op.response, "output") } } },
  };
  const codes = ["401", "403", "404", "429", ...(op.query || op.body ? ["400"] : [])];
  if (op.idempotent) codes.push("422");
  if (op.method !== "get") codes.push("409");
  for (const code of codes) {
    responses[code] = {
      description: ERRORS[code] ?? (code === "422" ? "Idempotency-Key reused with a different request." : "Conflict with the current state."),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return {
    operationId: id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: [{ apiKey: [] }],
    "x-scope": op.scope,
    parameters: parameters(op),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(op.body, "input") } } } } : {}),
    responses,
  };
}

export function openApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, op] of Object.entries(operations) as [string, Operation][]) {
    (paths[op.path] ??= {})[op.method] = operationObject(id, op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "ResolutionFlow API",
      version: "1",
      description: [
        "Flows, sessions, target lists, batches and library steps of your account.",
        "Authenticate with `Authorization: Bearer rf_live_…` (Settings → API keys). A `read` key reads; a `write` key reads and writes.",
        "Errors: `{ error: { code, message, fields? } }`. Lists: `{ data, nextCursor }` — pass `cursor=<nextCursor>` for the next page;",
        `\`limit\` is ${DEFAULT_LIMIT} by default, at most ${MAX_LIMIT}.`,
      ].join(" "),
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: rf_live_…" } },
      schemas: { Error: toSchema(errorSchema, "output") },
    },
    paths,
  };
}
export type OpenApiDocument = ReturnType<typeof openApiDocument>;
