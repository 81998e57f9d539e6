// Hostile input to EVERY server action and EVERY API route handler: wrong types, oversize
// strings, NUL and other control characters, broken surrogates, deep nesting and prototype
// keys (`__proto__`, `constructor`). Expected: never an internal error or an HTTP 500, never a
// write for input that was refused, never a polluted Object.prototype.
//
// Nothing here is listed by hand: the actions are every export of every "use server" file
// (found as tests/unit/server-actions-wrapped.test.ts finds them), each with the zod schema
// its `authedAction` / `publicAction` call names; the routes are every app/api/**/route.ts.
// A new action or route is fuzzed without touching this file. Writes are counted by a row
// trigger on every table, per case. The figures are printed at the end for the issue notes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/action";
import { db } from "@/lib/db/client";
import { createLibraryStep } from "@/lib/library/library.actions";
import { startSession } from "@/lib/sessions/sessions.actions";
import { actAs } from "@/tests/helpers/factories";
import { getSessionIdentity } from "@/tests/helpers/session-double";
import { ok, publishProcedure, publishTree, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";
import { silenceMailLog } from "@/tests/helpers/outbox";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRAPPERS = new Set(["authedAction", "publicAction"]);
// Text that must never reach the browser (as in bad-input.test.ts).
const INTERNAL_TEXT = /prisma|invocation|postgres|sql|constraint|relation|violat|P\d{4}|0x00|utf8|byte sequence|stack|\bat \/|node_modules|undefined is not|cannot read prop|invalid_type/i;

// ---------- discovery ----------

function sourceFiles(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full, match);
    return match(entry.name) ? [full] : [];
  });
}

type ActionSpec = { file: string; name: string; schemaName: string | null; schemaModule: string | null };

/** Every wrapped export of every "use server" module, with where its schema comes from. */
function discoverActions(): ActionSpec[] {
  const files = ["app", "lib"].flatMap((dir) => sourceFiles(path.join(ROOT, dir), (n) => /\.(ts|tsx)$/.test(n) && !n.endsWith(".d.ts")));
  const out: ActionSpec[] = [];
  for (const full of files) {
    const file = ts.createSourceFile(full, readFileSync(full, "utf8"), ts.ScriptTarget.Latest, true);
    const first = file.statements[0];
    if (!(first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server")) continue;
    const imports = new Map<string, string>();
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      const bindings = statement.importClause.namedBindings;
      if (ts.isNamedImports(bindings)) for (const element of bindings.elements) imports.set(element.name.text, from);
    }
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!(ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || !WRAPPERS.has(init.expression.text)) continue;
        const options = init.arguments[0];
        const schema = options && ts.isObjectLiteralExpression(options)
          ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === "schema")?.initializer
          : undefined;
        const schemaName = schema && ts.isIdentifier(schema) ? schema.text : null;
        const from = schemaName ? imports.get(schemaName) ?? null : null;
        const schemaModule = from === null ? null : from.startsWith("@/") ? path.join(ROOT, from.slice(2)) : from.startsWith(".") ? path.resolve(path.dirname(full), from) : null;
        out.push({ file: path.relative(ROOT, full), name: declaration.name.getText(file), schemaName, schemaModule });
      }
    }
  }
  return out;
}

const ACTIONS = discoverActions();
const ROUTES = sourceFiles(path.join(ROOT, "app/api"), (n) => /^route\.(ts|tsx)$/.test(n)).map((f) => path.relative(ROOT, f));

// ---------- hostile values ----------

function deepArray(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
function deepObject(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
const protoKey = () => JSON.parse('{"__proto__": {"polluted": "yes", "role": "owner"}}');
const constructorKey = () => ({ constructor: { prototype: { polluted: "yes" } } });
const manyKeys = () => Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, "v"]));

const HUGE = "x".repeat(1_000_001);
/** Kinds a value belongs to: text the schemas must refuse whatever the field is. */
type Hostile = { label: string; value: () => unknown; mustRefuse: boolean };
const hostile = (label: string, value: () => unknown, mustRefuse = false): Hostile => ({ label, value, mustRefuse });

/** Put in place of one field of an otherwise ordinary input. */
const FIELD_VALUES: Hostile[] = [
  hostile("-1", () => -1), hostile("NaN", () => NaN), hostile("1e308", () => 1e308), hostile("true", () => true), hostile("null", () => null),
  hostile("[]", () => []), hostile("{}", () => ({})),
  hostile("NUL", () => "a\u0000b", true), hostile("bell", () => "ring\u0007", true), hostile("ANSI escape", () => "\u001b[31mred", true),
  hostile("C1 NEL", () => "a\u0085b", true), hostile("lone surrogate", () => "a\ud800b", true),
  hostile("1 MB string", () => HUGE), hostile("NUL in an array", () => ["a\u0000"], true), hostile("10k-element array", () => new Array(10_000).fill("a")),
  hostile("NUL in an object", () => ({ key: "a\u0000" })), hostile("NUL key", () => ({ "a\u0000": "b" })),
  hostile("nesting 5000 deep (array)", () => deepArray(5000)), hostile("nesting 5000 deep (object)", () => deepObject(5000)),
  hostile("__proto__ key", protoKey), hostile("constructor key", constructorKey), hostile("10k keys", manyKeys),
  // Text that is itself JSON nested 100,000 deep, as a flow export (import parses it).
  hostile("a flow export nested 100k deep", () => `{"format":"resolutionflow.flow","formatVersion":1,"flow":{"name":"Deep","type":"procedural","structure":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`),
  hostile("a cycle", () => {
    const cycle: Record<string, unknown> = { title: "loop" };
    cycle.self = cycle;
    return cycle;
  }),
];

/** Given as the whole input. */
const WHOLE_VALUES: Hostile[] = [
  hostile("undefined", () => undefined), hostile("null", () => null), hostile("0", () => 0), hostile("a string", () => "input"),
  hostile("NUL string", () => "\u0000"), hostile("true", () => true), hostile("[]", () => []), hostile('[{"a":1}]', () => [{ a: 1 }]),
  hostile("nesting 5000 deep (array)", () => deepArray(5000)), hostile("nesting 5000 deep (object)", () => deepObject(5000)),
  hostile("__proto__ key", protoKey), hostile("constructor key", constructorKey), hostile("10k keys", manyKeys), hostile("1 MB string", () => HUGE),
];

// ---------- ordinary values for the other fields ----------

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; entries?: Record<string, string> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (["optional", "nullable", "default", "catch", "readonly", "prefault", "nonoptional"].includes(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | null {
  if (!schema) return null;
  const inner = unwrap(schema);
  return defOf(inner).type === "object" ? (inner as unknown as { shape: Record<string, z.ZodType> }).shape : null;
}

let fixtures: { ids: Record<string, string>; textIds: Record<string, string> };

/** A plausible value for a field: a real row of the caller's account for ids, else a sample of its type. */
function ordinary(field: string, schema: z.ZodType, action: ActionSpec): unknown {
  const domain = path.basename(action.file).split(".")[0];
  const known = fixtures.ids[`${domain}:${field}`] ?? fixtures.ids[field] ?? fixtures.textIds[`${domain}:${field}`] ?? fixtures.textIds[field];
  if (known !== undefined) return known;
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case "string": {
      const format = (inner as unknown as { format?: string }).format;
      return format === "uuid" ? crypto.randomUUID() : format === "email" ? "fuzz@example.com" : "fuzz text";
    }
    case "number": return 1;
    case "boolean": return false;
    case "enum": return Object.values(def.entries ?? {})[0];
    case "array": return [];
    case "record": case "object": case "unknown": return {};
    default: return undefined;
  }
}

// ---------- write counter ----------

async function installWriteCounter() {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS fuzz_writes (n bigint NOT NULL)`);
  await db.$executeRawUnsafe(`DELETE FROM fuzz_writes`);
  await db.$executeRawUnsafe(`INSERT INTO fuzz_writes VALUES (0)`);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$`);
  for (const table of await userTables()) {
    await db.$executeRawUnsafe(`CREATE TRIGGER fuzz_count_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_write()`);
  }
}
async function removeWriteCounter() {
  for (const table of await userTables()) await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS fuzz_count_write ON "${table}"`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS fuzz_writes`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS fuzz_count_write()`);
}
async function userTables(): Promise<string[]> {
  const rows = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'fuzz_writes')`;
  return rows.map((r) => r.tablename);
}
async function writes(): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT n FROM fuzz_writes`;
  return Number(row.n);
}

// ---------- the run ----------

type Failure = string;
const figures = {
  actionCases: 0, actionsFuzzed: 0, refused: 0, acceptedAsValid: 0, internalErrors: 0, writesByRefusedInput: 0, writesByAcceptedInput: 0,
  routeRequests: 0, routeHandlers: 0, http500s: 0, routeWrites: 0,
};
let tenant: TeamTenant;

beforeAll(async () => {
  tenant = await teamTenant();
  const owner = tenant.owner;
  const tree = await publishTree(owner);
  const procedure = await publishProcedure(owner);
  actAs(owner);
  const session = ok(await startSession({ flowId: procedure.flowId }));
  const libraryStep = ok(await createLibraryStep({ title: "Restart the spooler", instructions: "Restart it.", commands: [], visibility: "team", tags: [] }));
  const invite = await db.invite.create({
    data: { accountId: tenant.account.id, codeHash: "e".repeat(64), codeHint: "EEEE", expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const procedureStep = procedure.structure.steps.find((s) => s.type === "procedure_step")!.id;
  fixtures = {
    ids: {
      flowId: procedure.flowId, sessionId: (session as { id: string }).id, userId: tenant.l1.id, teamId: tenant.team.id,
      inviteId: invite.id, assigneeId: tenant.engineer.id, libraryStepId: libraryStep.id, "library:stepId": libraryStep.id,
    },
    textIds: { "sessions:stepId": procedureStep, nodeId: tree.structure.rootId, token: "t".repeat(43) },
  };
  await installWriteCounter();
}, 120_000);

afterAll(async () => {
  await removeWriteCounter();
  console.log(
    [
      "fuzz figures:",
      `  server actions: ${figures.actionCases} cases over ${figures.actionsFuzzed} actions; ${figures.refused} refused, ${figures.acceptedAsValid} accepted as valid input`,
      `    internal errors: ${figures.internalErrors}; writes by refused input: ${figures.writesByRefusedInput} (by accepted input: ${figures.writesByAcceptedInput})`,
      `  API routes: ${figures.routeRequests} requests over ${figures.routeHandlers} handlers; HTTP 500s: ${figures.http500s}; writes: ${figures.routeWrites}`,
    ].join("\n"),
  );
});

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

describe("every server action", () => {
  it("finds them all", () => {
    expect(ACTIONS.length).toBeGreaterThan(30);
    expect(ACTIONS.map((a) => a.name)).toEqual(expect.arrayContaining(["signUp", "importFlow", "saveFlow", "setStepState", "createInvite"]));
  });

  it.each(ACTIONS.map((a) => [`${a.file} ${a.name}`, a] as const))("%s survives hostile input", { timeout: 300_000 }, async (_label, spec) => {
    silenceMailLog();
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    const actionModule = (await import(path.join(ROOT, spec.file))) as Record<string, Action>;
    const action = actionModule[spec.name];
    const schemaModule = spec.schemaModule ? ((await import(spec.schemaModule)) as Record<string, z.ZodType>) : null;
    const shape = objectShape(spec.schemaName && schemaModule ? schemaModule[spec.schemaName] : undefined) ?? {};
    const base = () => {
      const input: Record<string, unknown> = {};
      for (const [field, schema] of Object.entries(shape)) {
        const value = ordinary(field, schema, spec);
        if (value !== undefined) input[field] = value;
      }
      return input;
    };

    const cases: { label: string; input: () => unknown; mustRefuse: boolean }[] = [
      ...WHOLE_VALUES.map((h) => ({ label: `input = ${h.label}`, input: h.value, mustRefuse: false })),
      ...Object.keys(shape).flatMap((field) =>
        FIELD_VALUES.map((h) => ({ label: `${field} = ${h.label}`, input: () => ({ ...base(), [field]: h.value() }), mustRefuse: h.mustRefuse })),
      ),
      // Prototype keys beside ordinary fields, and every field hostile at once.
      { label: "ordinary input + __proto__ key", input: () => Object.assign(protoKey(), base()), mustRefuse: false },
      { label: "every field NUL", input: () => Object.fromEntries(Object.keys(shape).map((f) => [f, "\u0000"])), mustRefuse: Object.keys(shape).length > 0 },
    ];

    const problems: Failure[] = [];
    actAs(tenant.owner);
    await getSessionIdentity(); // the sign-in's session row is written before anything is measured
    for (const testCase of cases) {
      const before = await writes();
      let result: ActionResult<unknown>;
      try {
        result = await action(testCase.input());
      } catch (error) {
        problems.push(`${testCase.label}: threw ${String(error).slice(0, 200)}`);
        continue;
      }
      const written = (await writes()) - before;
      figures.actionCases++;
      if (result.ok) {
        figures.acceptedAsValid++;
        figures.writesByAcceptedInput += written;
        if (testCase.mustRefuse) problems.push(`${testCase.label}: accepted`);
        continue;
      }
      figures.refused++;
      figures.writesByRefusedInput += written;
      if (result.code === "internal") {
        figures.internalErrors++;
        problems.push(`${testCase.label}: internal error (logged: ${String(errorLog.mock.calls.at(-1)?.[1]).slice(0, 200)})`);
      }
      if (written !== 0) problems.push(`${testCase.label}: refused (${result.code}) but wrote ${written} rows`);
      if (INTERNAL_TEXT.test(result.error)) problems.push(`${testCase.label}: message leaks internals: ${result.error.slice(0, 200)}`);
      if (result.error.length > 300) problems.push(`${testCase.label}: message of ${result.error.length} characters`);
    }
    figures.actionsFuzzed++;
    errorLog.mockRestore();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems).toEqual([]);
  });
});

// ---------- routes ----------

/** Query parameters any route here reads, plus prototype names. */
const PARAM_NAMES = ["q", "type", "category", "tag", "owner", "status", "sort", "page", "visibility", "group", "flowId", "mine", "tab", "outcome", "engineerId", "from", "to", "__proto__", "constructor"];
const PARAM_VALUES = [
  "%00", "%1B%5B31m", "%C2%85", "%ED%A0%80", "%FF%FE", "%", "-1", "1e999", "NaN", "99999999999999999999", "2025-13-45", "2025-02-30",
  "%5B%5D", encodeURIComponent("x".repeat(100_000)),
];
const ID_VALUES = ["", "not-a-uuid", "\u0000", "00000000-0000-0000-0000-000000000000", "x".repeat(100_000), "__proto__", "constructor", "../../etc/passwd", "a%00b"];

type RouteHandler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

describe("every API route handler", () => {
  it("finds them all", () => {
    expect(ROUTES).toEqual(expect.arrayContaining(["app/api/flows/route.ts", "app/api/library/route.ts", "app/api/sessions/route.ts"]));
  });

  // next-auth's own handler needs Next's request scope (cookies(), headers()); the journeys in
  // tests/e2e/headers.spec.ts send it bad input over HTTP instead.
  const fuzzable = ROUTES.filter((route) => !route.includes("[...nextauth]"));

  it.each(fuzzable.map((r) => [r]))("%s never answers 500", { timeout: 300_000 }, async (route) => {
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    const handlers = (await import(path.join(ROOT, route))) as Record<string, RouteHandler>;
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof handlers[m] === "function");
    expect(methods.length).toBeGreaterThan(0);
    const dynamic = [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
    const urlPath = route.replace(/^app/, "").replace(/\/route\.tsx?$/, "");

    const requests: { label: string; query: string; params: Record<string, unknown>; body?: string }[] = [];
    const realParams = Object.fromEntries(dynamic.map((name) => [name, fixtures.ids.flowId]));
    for (const name of PARAM_NAMES) for (const value of PARAM_VALUES) requests.push({ label: `?${name}=${value.slice(0, 20)}`, query: `${name}=${value}`, params: realParams });
    requests.push({ label: "repeated parameters", query: PARAM_NAMES.map((n) => `${n}=a&${n}=b`).join("&"), params: realParams });
    requests.push({ label: "every parameter NUL", query: PARAM_NAMES.map((n) => `${n}=%00`).join("&"), params: realParams });
    for (const name of dynamic) for (const value of [...ID_VALUES, 5, null, ["a"], {}]) requests.push({ label: `${name} = ${JSON.stringify(value)?.slice(0, 20)}`, query: "", params: { ...realParams, [name]: value } });
    const bodies = ["", "{", "null", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, JSON.stringify(protoKey()), '{"__proto__":{"polluted":"yes"}}', "\u0000", "x".repeat(1_000_000)];

    const problems: string[] = [];
    actAs(tenant.owner);
    await getSessionIdentity(); // the sign-in's session row is written before anything is measured
    for (const method of methods) {
      for (const request of requests) {
        for (const body of method === "GET" ? [undefined] : bodies) {
          const before = await writes();
          let response: Response;
          try {
            response = await handlers[method](
              new Request(`http://localhost${urlPath}?${request.query}`, { method, body, headers: body === undefined ? {} : { "content-type": "application/json" } }),
              { params: Promise.resolve(request.params) },
            );
          } catch (error) {
            problems.push(`${method} ${request.label}: threw ${String(error).slice(0, 200)}`);
            continue;
          }
          figures.routeRequests++;
          const written = (await writes()) - before;
          figures.routeWrites += written;
          if (written !== 0) problems.push(`${method} ${request.label}: wrote ${written} rows`);
          if (response.status >= 500) {
            figures.http500s++;
            problems.push(`${method} ${request.label}: HTTP ${response.status} (logged: ${String(errorLog.mock.calls.at(-1)?.[1]).slice(0, 200)})`);
          }
          if (response.status >= 400) {
            const text = await response.text();
            if (INTERNAL_TEXT.test(text)) problems.push(`${method} ${request.label}: answer leaks internals: ${text.slice(0, 200)}`);
          } else {
            await response.arrayBuffer();
          }
        }
      }
    }
    figures.routeHandlers += methods.length;
    errorLog.mockRestore();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it("refuses ?q=%00 on /api/flows and /api/library with a 400 that says why", async () => {
    actAs(tenant.owner);
    await getSessionIdentity(); // the sign-in's session row is written before anything is measured
    for (const route of ["flows", "library"]) {
      const { GET } = (await import(path.join(ROOT, `app/api/${route}/route.ts`))) as Record<string, RouteHandler>;
      const response = await GET(new Request(`http://localhost/api/${route}?q=%00`), { params: Promise.resolve({}) });
      expect(response.status, route).toBe(400);
      expect(await response.json(), route).toEqual({ code: "invalid", error: "q: Remove the control characters (such as NUL) from this text." });
    }
  });
});
