// The REST API (/api/v1) through its route handlers with real Requests on the real database:
// keys (401/403/429), tenancy (another account's id → 404), idempotency (replay, reuse, race),
// cursor pagination, and each resource's happy path and bad input (400 with fields).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as batchById from "@/app/api/v1/batches/[id]/route";
import * as batches from "@/app/api/v1/batches/route";
import * as flowById from "@/app/api/v1/flows/[id]/route";
import * as flows from "@/app/api/v1/flows/route";
import * as stepById from "@/app/api/v1/library/steps/[id]/route";
import * as steps from "@/app/api/v1/library/steps/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as sessionById from "@/app/api/v1/sessions/[id]/route";
import * as ticket from "@/app/api/v1/sessions/[id]/ticket/route";
import * as sessions from "@/app/api/v1/sessions/route";
import * as listById from "@/app/api/v1/target-lists/[id]/route";
import * as lists from "@/app/api/v1/target-lists/route";
import { operations } from "@/lib/api/operations";
import { createApiKey, revokeApiKey } from "@/lib/api/api-keys.actions";
import { db } from "@/lib/db/client";
import type { VariableDefinition } from "@/lib/flows/variables";
import { createTargetList } from "@/lib/maintenance/targets.actions";
import { prepareSession } from "@/lib/sessions/sessions.actions";
import { apiKeyFor, call } from "@/tests/helpers/api";
import { sampleProcedure } from "@/tests/helpers/flow-fixtures";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { INTAKE, as, ok, publishAs, publishTree, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";

const ROOT = path.resolve(import.meta.dirname, "../..");
const VARIABLES: VariableDefinition[] = INTAKE;
const TARGETS: { label: string; notes: string; values: Record<string, string> }[] = [
  { label: "SRV-01", notes: "file server", values: { ip: "10.0.0.1" } },
  { label: "SRV-02", notes: "", values: {} },
];

let t: TeamTenant;
let key: string; // admin, read + write
let readKey: string;
let otherKey: string; // account B's admin
let tree: string;
let maintenance: string;

beforeAll(async () => {
  t = await teamTenant();
  key = (await apiKeyFor(t.admin)).secret;
  readKey = (await apiKeyFor(t.admin, ["read"])).secret;
  otherKey = (await apiKeyFor(t.other.admin)).secret;
  tree = (await publishTree(t.engineer, { name: "Printer offline API", visibility: "team" })).flowId;
  maintenance = (await publishAs(t.engineer, "maintenance", sampleProcedure(2), { name: "Patch night API", variables: VARIABLES, visibility: "team" })).flowId;
});

describe("API keys", () => {
  it("refuses a missing, malformed, unknown or revoked key with 401 in the one error shape", async () => {
    const none = await call(flows.GET, "GET", "/flows");
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await call(flows.GET, "GET", "/flows", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await call(flows.GET, "GET", "/flows", { key: "rf_live_not-a-key" })).status).toBe(401);

    const created = await as(t.owner, () => createApiKey({ name: "Soon revoked", scopes: ["read"] }));
    const { secret, id } = ok(created);
    expect(secret).toMatch(/^rf_live_[A-Za-z0-9_-]{43}$/);
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(stored.hash).not.toContain(secret.slice(8));
    expect(stored.prefix).toBe(secret.slice(0, 12));
    expect((await call(flows.GET, "GET", "/flows", { key: secret })).status).toBe(200);
    ok(await as(t.owner, () => revokeApiKey({ apiKeyId: id })));
    expect((await call(flows.GET, "GET", "/flows", { key: secret })).status).toBe(401);
  });

  it("stops a key whose creator is no longer an owner or admin", async () => {
    const admin = await db.user.create({ data: { accountId: t.account.id, email: `demoted-${Date.now()}@example.com`, name: "Soon engineer", role: "admin" } });
    const { secret } = await apiKeyFor({ id: admin.id, accountId: t.account.id });
    expect((await call(flows.GET, "GET", "/flows", { key: secret })).status).toBe(200);
    await db.user.update({ where: { id: admin.id }, data: { role: "engineer" } });
    expect((await call(flows.GET, "GET", "/flows", { key: secret })).status).toBe(401);
  });

  it("answers 403 to a read key on a write route, and lets it read", async () => {
    expect((await call(flows.GET, "GET", "/flows", { key: readKey })).status).toBe(200);
    const refused = await call(sessions.POST, "POST", "/sessions", { key: readKey, body: { flowId: tree } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("forbidden");
    expect(await db.session.count({ where: { flowId: tree, preparedById: t.admin.id } })).toBe(0);
  });

  it("rate-limits per key with 429 and Retry-After; other keys are unaffected", async () => {
    const limited = await apiKeyFor(t.admin, ["read"], 2);
    // The key's current minute already holds its two requests.
    await db.$executeRaw`UPDATE "ApiKey" SET "rateWindowStart" = date_trunc('minute', now()), "rateWindowCount" = 2 WHERE id = ${limited.id}::uuid`;
    const over = await call(flows.GET, "GET", "/flows", { key: limited.secret });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("rate_limited");
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await call(flows.GET, "GET", "/flows", { key })).status).toBe(200);
  });

  it("counts parallel requests exactly: with a limit of 3, three of five pass", async () => {
    const limited = await apiKeyFor(t.admin, ["read"], 3);
    // Start in a fresh window far from its end, so all five land in the same minute.
    await db.$executeRaw`UPDATE "ApiKey" SET "rateWindowStart" = date_trunc('minute', now()), "rateWindowCount" = 0 WHERE id = ${limited.id}::uuid`;
    const statuses = await raceOnLockedRow(
      { sql: `SELECT id FROM "ApiKey" WHERE id = $1 FOR UPDATE`, params: [limited.id] },
      () => Array.from({ length: 5 }, () => call(flows.GET, "GET", "/flows?limit=1", { key: limited.secret }).then((r) => r.status)),
    );
    const window = await db.apiKey.findUniqueOrThrow({ where: { id: limited.id }, select: { rateWindowCount: true } });
    // A minute boundary inside the race would reset the count; then the window shows fewer.
    if (window.rateWindowCount === 5) expect(statuses.sort()).toEqual([200, 200, 200, 429, 429]);
    else expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
  });

  it("moves lastUsedAt at most once a minute", async () => {
    const fresh = await apiKeyFor(t.admin, ["read"]);
    await call(flows.GET, "GET", "/flows?limit=1", { key: fresh.secret });
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await call(flows.GET, "GET", "/flows?limit=1", { key: fresh.secret });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt).toEqual(first);
    await db.apiKey.update({ where: { id: fresh.id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await call(flows.GET, "GET", "/flows?limit=1", { key: fresh.secret });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("tenancy", () => {
  it("answers 404 for another account's flow, session, target list, batch and library step, and for ids that are not UUIDs", async () => {
    const sessionId = ok(await as(t.engineer, () => prepareSession({ flowId: tree, variables: {}, assigneeId: null }))).id;
    const listId = ok(await as(t.engineer, () => createTargetList({ name: `Tenancy ${Date.now()}`, description: "", visibility: "team", targets: TARGETS }))).id;
    const batch = await call(batches.POST, "POST", "/batches", { key, body: { flowId: maintenance, source: { kind: "list", listId } } });
    expect(batch.status).toBe(201);
    const step = await db.libraryStep.findFirstOrThrow({ where: { sourceTreeId: maintenance } });

    const cases: [typeof flowById.GET, string, string][] = [
      [flowById.GET, "/flows/", tree],
      [sessionById.GET, "/sessions/", sessionId],
      [ticket.GET, "/sessions/ticket/", sessionId],
      [listById.GET, "/target-lists/", listId],
      [batchById.GET, "/batches/", batch.json.data.id],
      [stepById.GET, "/library/steps/", step.id],
    ];
    for (const [handler, where, id] of cases) {
      expect((await call(handler, "GET", where + id, { key, params: { id } })).status, where).toBe(200);
      const other = await call(handler, "GET", where + id, { key: otherKey, params: { id } });
      expect(other.status, where).toBe(404);
      expect(other.json.error.code).toBe("not_found");
      expect((await call(handler, "GET", `${where}nope`, { key, params: { id: "nope" } })).status).toBe(404);
    }
    // Writes too: another account can neither change nor delete the list, nor prepare a session of a team flow.
    const put = await call(listById.PUT, "PUT", `/target-lists/${listId}`, { key: otherKey, params: { id: listId }, body: { name: "Taken over", targets: TARGETS } });
    expect(put.status).toBe(404);
    expect((await call(listById.DELETE, "DELETE", `/target-lists/${listId}`, { key: otherKey, params: { id: listId } })).status).toBe(404);
    expect((await call(sessions.POST, "POST", "/sessions", { key: otherKey, body: { flowId: tree } })).status).toBe(404);
    expect((await db.targetList.findUniqueOrThrow({ where: { id: listId } })).name).toMatch(/^Tenancy/);
    // Lists only hold the key's own account.
    const otherLists = await call(lists.GET, "GET", "/target-lists", { key: otherKey });
    expect(otherLists.json.data.map((l: { id: string }) => l.id)).not.toContain(listId);
    const otherSessions = await call(sessions.GET, "GET", "/sessions", { key: otherKey });
    expect(otherSessions.json.data.map((s: { id: string }) => s.id)).not.toContain(sessionId);
  });
});

describe("idempotency", () => {
  const prepare = (idempotencyKey: string, body: unknown = { flowId: tree, variables: { server_name: "srv-idem01" } }) =>
    call(sessions.POST, "POST", "/sessions", { key, body, headers: { "idempotency-key": idempotencyKey } });

  it("replays the first answer and creates no second row; the same key with another body is a 422", async () => {
    const idem = `idem-${Date.now()}`;
    const first = await prepare(idem);
    expect(first.status).toBe(201);
    const again = await prepare(idem);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await db.session.count({ where: { flowId: tree, variables: { path: ["server_name"], equals: "srv-idem01" } } })).toBe(1);

    const reused = await prepare(idem, { flowId: tree, variables: { server_name: "srv-other01" } });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    // Another key of the same account has its own keys.
    const mine = await call(sessions.POST, "POST", "/sessions", { key: (await apiKeyFor(t.admin)).secret, body: { flowId: tree, variables: { server_name: "srv-idem01" } }, headers: { "idempotency-key": idem } });
    expect(mine.status).toBe(201);
    expect(mine.json.data.id).not.toBe(first.json.data.id);
  });

  it("runs two concurrent requests with one key once: the second waits and replays", async () => {
    const idem = `race-${Date.now()}`;
    const keyRow = await db.apiKey.findFirstOrThrow({ where: { hash: { not: "" }, accountId: t.account.id, createdById: t.admin.id, scopes: { has: "write" }, revokedAt: null, name: "Test key" }, orderBy: { createdAt: "asc" } });
    const results = await raceOnLockedRow(
      { sql: `SELECT id FROM "ApiKey" WHERE id = $1 FOR UPDATE`, params: [keyRow.id] },
      () => [1, 2, 3].map(() => prepare(idem, { flowId: tree, variables: { server_name: "srv-race01" } })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.json.data.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(2);
    expect(await db.session.count({ where: { flowId: tree, variables: { path: ["server_name"], equals: "srv-race01" } } })).toBe(1);
  });

  it("refuses a malformed Idempotency-Key", async () => {
    const bad = await prepare("x".repeat(256));
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields["Idempotency-Key"]).toBeDefined();
  });
});

describe("pagination", () => {
  it("walks every row once with opaque keyset cursors; a bad cursor is a 400 on the cursor field", async () => {
    const p = await teamTenant();
    const adminKey = (await apiKeyFor(p.admin)).secret;
    for (let i = 0; i < 5; i++) ok(await as(p.engineer, () => createTargetList({ name: `Page ${i}`, description: "", visibility: "account", targets: TARGETS })));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/target-lists?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await call(lists.GET, "GET", query, { key: adminKey });
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((l: { name: string }) => l.name));
      cursor = page.json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(["Page 4", "Page 3", "Page 2", "Page 1", "Page 0"]);

    const bad = await call(lists.GET, "GET", "/target-lists?cursor=garbage", { key: adminKey });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.cursor).toBeDefined();
    expect((await call(lists.GET, "GET", "/target-lists?limit=500", { key: adminKey })).json.error.fields.limit).toBeDefined();
  });

  it("pages sessions by last activity with the history's filters", async () => {
    const p = await teamTenant();
    const adminKey = (await apiKeyFor(p.admin)).secret;
    const flowId = (await publishTree(p.engineer)).flowId;
    for (let i = 0; i < 3; i++) ok(await as(p.engineer, () => prepareSession({ flowId, variables: {}, assigneeId: null })));
    const first = await call(sessions.GET, "GET", `/sessions?status=prepared&flowId=${flowId}&limit=2`, { key: adminKey });
    expect(first.json.data).toHaveLength(2);
    const second = await call(sessions.GET, "GET", `/sessions?status=prepared&flowId=${flowId}&limit=2&cursor=${first.json.nextCursor}`, { key: adminKey });
    expect(second.json.data).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();
    const ids = [...first.json.data, ...second.json.data].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("resources", () => {
  it("flows: list with search and filters, get with the published version; bad filters are a 400", async () => {
    const found = await call(flows.GET, "GET", "/flows?q=printer%20offline%20api&type=troubleshooting", { key });
    expect(found.status).toBe(200);
    expect(found.json.data.map((f: { id: string }) => f.id)).toEqual([tree]);
    const one = await call(flowById.GET, "GET", `/flows/${tree}`, { key, params: { id: tree } });
    expect(one.json.data).toMatchObject({ id: tree, status: "published", published: { version: 1, name: "Printer offline API" } });
    expect(one.json.data.published.structure.rootId).toBeDefined();
    const bad = await call(flows.GET, "GET", "/flows?type=spreadsheet&status=maybe", { key });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["status", "type"]);
  });

  it("sessions: prepare with variables and an assignee, get, ticket note in three formats; bad input names the field", async () => {
    const created = await call(sessions.POST, "POST", "/sessions", { key, body: { flowId: tree, variables: { server_name: "srv-psa01", tier: "gold" }, assigneeId: t.engineer.id } });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ status: "prepared", flowId: tree, assignee: { id: t.engineer.id }, variables: { server_name: "srv-psa01", tier: "gold" } });
    const id = created.json.data.id;
    expect((await call(sessionById.GET, "GET", `/sessions/${id}`, { key, params: { id } })).json.data.id).toBe(id);
    for (const format of ["plain", "markdown", "html"] as const) {
      const note = await call(ticket.GET, "GET", `/sessions/${id}/ticket?format=${format}`, { key, params: { id } });
      expect(note.status).toBe(200);
      expect(note.json.data.format).toBe(format);
      expect(note.json.data.content).toContain("Printer offline API");
    }
    expect((await call(ticket.GET, "GET", `/sessions/${id}/ticket?format=pdf`, { key, params: { id } })).json.error.fields.format).toBeDefined();

    const noFlow = await call(sessions.POST, "POST", "/sessions", { key, body: { variables: {} } });
    expect(noFlow.status).toBe(400);
    expect(noFlow.json.error.fields.flowId).toBeDefined();
    const badValue = await call(sessions.POST, "POST", "/sessions", { key, body: { flowId: tree, variables: { ip: "not an ip" } } });
    expect(badValue.status).toBe(400);
    expect(badValue.json.error.fields.ip).toBeDefined();
    const notJson = await call(sessions.POST, "POST", "/sessions", { key, rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    expect((await call(sessions.GET, "GET", "/sessions?from=2026-02-31", { key })).json.error.fields.from).toBeDefined();
  });

  it("target lists: create, get, replace, delete; bad input names the field", async () => {
    const created = await call(lists.POST, "POST", "/target-lists", { key, body: { name: `API list ${Date.now()}`, targets: TARGETS } });
    expect(created.status).toBe(201);
    const id = created.json.data.id;
    expect(created.json.data.targets).toHaveLength(2);
    const replaced = await call(listById.PUT, "PUT", `/target-lists/${id}`, { key, params: { id }, body: { name: "API list renamed", visibility: "account", targets: [TARGETS[1]] } });
    expect(replaced.json.data).toMatchObject({ name: "API list renamed", visibility: "account", targets: [{ label: "SRV-02" }] });
    expect((await call(listById.GET, "GET", `/target-lists/${id}`, { key, params: { id } })).json.data.name).toBe("API list renamed");
    const taken = await call(lists.POST, "POST", "/target-lists", { key, body: { name: "API list renamed", targets: TARGETS } });
    expect(taken.status).toBe(409);
    expect((await call(listById.DELETE, "DELETE", `/target-lists/${id}`, { key, params: { id } })).json.data).toEqual({ id, deleted: true });
    expect((await call(listById.GET, "GET", `/target-lists/${id}`, { key, params: { id } })).status).toBe(404);

    const empty = await call(lists.POST, "POST", "/target-lists", { key, body: { name: "", targets: [] } });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.json.error.fields).sort()).toEqual(["name", "targets"]);
  });

  it("batches: launch on inline targets and on a list, status with per-target results; bad input names the field", async () => {
    const inline = await call(batches.POST, "POST", "/batches", { key, body: { flowId: maintenance, source: { kind: "targets", targets: TARGETS } } });
    expect(inline.status).toBe(201);
    expect(inline.json.data).toMatchObject({ flowId: maintenance, total: 2, finished: 0, done: false, counts: { not_started: 2 } });
    expect(inline.json.data.results.map((r: { target: string }) => r.target)).toEqual(["SRV-01", "SRV-02"]);
    const id = inline.json.data.id;
    const status = await call(batchById.GET, "GET", `/batches/${id}`, { key, params: { id } });
    expect(status.json.data.results[0]).toMatchObject({ state: "not_started", steps: { total: 2, done: 0 } });

    const wrongFlow = await call(batches.POST, "POST", "/batches", { key, body: { flowId: tree, source: { kind: "targets", targets: TARGETS } } });
    expect(wrongFlow.status).toBe(400);
    const bad = await call(batches.POST, "POST", "/batches", { key, body: { flowId: maintenance, source: { kind: "nowhere" } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields)[0]).toMatch(/^source/);
  });

  it("library steps: search and get; bad sort is a 400", async () => {
    const found = await call(steps.GET, "GET", `/library/steps?flowId=${maintenance}&sort=newest`, { key });
    expect(found.status).toBe(200);
    expect(found.json.data.length).toBeGreaterThan(0);
    const id = found.json.data[0].id;
    const one = await call(stepById.GET, "GET", `/library/steps/${id}`, { key, params: { id } });
    expect(one.json.data).toMatchObject({ id, sourceFlow: { id: maintenance } });
    expect(one.json.data.commands[0].command).toContain("Get-Service");
    expect((await call(steps.GET, "GET", "/library/steps?sort=random", { key })).json.error.fields.sort).toBeDefined();
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists exactly the operations the route files export", async () => {
    const document = await (openapi.GET() as Response).json();
    expect(document.openapi).toBe("3.1.0");
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(documented).toHaveLength(Object.keys(operations).length);

    const dir = path.join(ROOT, "app/api/v1");
    const routes: string[] = [];
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const full = path.join(folder, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "route.ts" && !full.includes("openapi.json")) routes.push(full);
      }
    };
    walk(dir);
    const exported: string[] = [];
    for (const file of routes) {
      const route = path.relative(dir, path.dirname(file)).replace(/\[(\w+)\]/g, "{$1}");
      const source = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "DELETE"]) if (source[method]) exported.push(`${method} /${route}`);
    }
    expect(exported.sort()).toEqual(documented);
  });
});
