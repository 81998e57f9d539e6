// npm run bench:http — every page and API route over HTTP, with 100,000 sessions beside 100.
//
// Starts PostgreSQL of its own (.data/postgres-bench-http, port BENCH_PG_PORT, with
// pg_stat_statements loaded), migrates, loads the two bench accounts (tests/bench/http/volumes.ts),
// starts the app through `npm start`'s script (which builds when sources changed) on BENCH_PORT,
// signs in as each account's owner, and runs autocannon at 1 and 20 connections per URL.
// Prints numbers; asserts nothing (they depend on the machine and its load).
//
//   BENCH_SECONDS=5  seconds per autocannon run (default 20)
//   BENCH_ONLY=library  only the URLs whose label contains this text (or any of several, comma-separated)
//   BENCH_PORT=3206 BENCH_PG_PORT=54386
//   BENCH_SAVE_PAGES=/tmp/pages  also write each full-data response (HTML and RSC) there, to see what weighs
//   RF_REQUEST_TIMING=1  the app logs where each page request's time goes (lib/http/request-timing.ts);
//                        the bench prints the medians over the 5 sequential requests of each page that logs
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { openLocalDatabase, PROJECT_ROOT } from "../../../lib/db/local";
import { migrate } from "../../../lib/db/migrate";
import "../count-queries";
import { percentile } from "../measure";
import { measureHotPaths } from "./hot-paths";
import { BENCH_PASSWORD, ensureVolumes, type LoadedVolume } from "./volumes";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3206);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54386);
const ONLY = process.env.BENCH_ONLY ?? "";
const BASE = `http://localhost:${PORT}`;
const log = (line: string) => console.log(`[bench:http] ${line}`);
const loadavg = () => os.loadavg().map((n) => n.toFixed(2)).join(" / ");

/**
 * `bearer`: sent with an API key (Authorization: Bearer) instead of the owner's cookie.
 * `signedOut`: sent with neither, answering `status` (200 unless said).
 */
type Target = { label: string; api: boolean; bearer?: boolean; signedOut?: boolean; status?: number; path: (v: LoadedVolume) => string };
// The issue's table, in its order. Dates cover the last three months of the fixtures' year.
const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
const to = new Date().toISOString().slice(0, 10);
const ALL_TARGETS: Target[] = [
  // What Next costs before any of ours, for reading the rows below: a page with no reads and no
  // shell, and a route that refuses at once (no cookie: no decrypt, no statement).
  { label: "floor: /login, signed out", api: false, signedOut: true, path: () => "/login" },
  { label: "floor: /api/sessions, signed out (401)", api: true, signedOut: true, status: 401, path: () => "/api/sessions" },
  { label: "/sessions", api: false, path: () => "/sessions" },
  { label: "/sessions, date range", api: false, path: () => `/sessions?tab=all&from=${from}&to=${to}` },
  { label: "/library", api: false, path: () => "/library" },
  { label: "/library?q=spooler", api: false, path: () => "/library?q=spooler" },
  { label: "/api/library", api: true, path: () => "/api/library" },
  { label: "/api/sessions, date range", api: true, path: () => `/api/sessions?tab=all&from=${from}&to=${to}` },
  { label: "/flows?q=printer", api: false, path: () => "/flows?q=printer" },
  { label: "/flows", api: false, path: () => "/flows" },
  { label: "/dashboard", api: false, path: () => "/dashboard" },
  { label: "/proposals", api: false, path: () => "/proposals" },
  { label: "flow page", api: false, path: (v) => `/flows/${v.flowId}` },
  { label: "session page", api: false, path: (v) => `/sessions/${v.sessionId}` },
  { label: "/api/sessions", api: true, path: () => "/api/sessions" },
  // Maintenance (issue 11): the overview, the target lists tab, a maintenance flow's page
  // (schedules, run history), and a 500-target batch hub with its polling route.
  { label: "/maintenance", api: false, path: () => "/maintenance" },
  { label: "/maintenance?tab=lists", api: false, path: () => "/maintenance?tab=lists" },
  { label: "maintenance flow page", api: false, path: (v) => `/flows/${v.maintenanceFlowId}` },
  { label: "maintenance batch hub, 500 targets", api: false, path: (v) => `/maintenance/batches/${v.hubBatchId}` },
  { label: "/api/maintenance/batches/[id], 500 targets", api: true, path: (v) => `/api/maintenance/batches/${v.hubBatchId}` },
  // REST API (/api/v1) list routes, with each account's API key.
  { label: "/api/v1/flows", api: true, bearer: true, path: () => "/api/v1/flows" },
  { label: "/api/v1/flows?q=printer", api: true, bearer: true, path: () => "/api/v1/flows?q=printer" },
  { label: "/api/v1/sessions", api: true, bearer: true, path: () => "/api/v1/sessions" },
  { label: "/api/v1/sessions?status=completed", api: true, bearer: true, path: () => `/api/v1/sessions?status=completed&from=${from}&to=${to}` },
  { label: "/api/v1/target-lists", api: true, bearer: true, path: () => "/api/v1/target-lists" },
  { label: "/api/v1/library/steps?q=spooler", api: true, bearer: true, path: () => "/api/v1/library/steps?q=spooler" },
  // Analytics (issue 13): the flow tab over the bench flow's sessions; /insights over all 100,000 (default 90 days, and all time).
  { label: "flow analytics", api: false, path: (v) => `/flows/${v.flowId}?tab=analytics&tz=UTC` },
  { label: "flow analytics, all time", api: false, path: (v) => `/flows/${v.flowId}?tab=analytics&range=all&tz=UTC` },
  { label: "/insights", api: false, path: () => "/insights?tz=UTC" },
  { label: "/insights, all time", api: false, path: () => "/insights?range=all&tz=UTC" },
  // Webhooks (issue 13): the settings list, an endpoint's page (with the log's first page), and the
  // delivery log's pages (20,000 deliveries beside 20): the first, a filtered one, and one deep in (keyset).
  { label: "/settings/webhooks", api: false, path: () => "/settings/webhooks" },
  { label: "webhook endpoint page", api: false, path: (v) => `/settings/webhooks/${v.webhookEndpointId}` },
  { label: "/api/webhooks/[id]/deliveries", api: true, path: (v) => `/api/webhooks/${v.webhookEndpointId}/deliveries` },
  { label: "/api/webhooks/[id]/deliveries?status=failed", api: true, path: (v) => `/api/webhooks/${v.webhookEndpointId}/deliveries?status=failed` },
  { label: "/api/webhooks/[id]/deliveries, deep page", api: true, path: (v) => `/api/webhooks/${v.webhookEndpointId}/deliveries?cursor=${deepCursor()}` },
  { label: "/l1", api: false, path: () => "/l1" },
  { label: "/escalations", api: false, path: () => "/escalations" },
  { label: "/escalations?tab=resolved", api: false, path: () => "/escalations?tab=resolved" },
];
/** A keyset cursor in the log's oldest part (the full log's last 20 days are ahead of it). */
function deepCursor(): string {
  return Buffer.from(JSON.stringify({ at: new Date(Date.now() - 20 * 86_400_000).toISOString(), id: "ffffffff-ffff-4fff-bfff-ffffffffffff" })).toString("base64url");
}
const ONLY_ANY = ONLY.split(",").map((part) => part.trim());
const TARGETS = ALL_TARGETS.filter((t) => ONLY_ANY.some((part) => t.label.includes(part)));

/** pg_stat_statements must be preloaded: set it once in the cluster's config and restart. */
async function openDatabase() {
  let database = await openLocalDatabase({ name: "bench-http", port: PG_PORT, log });
  const check = new pg.Client({ connectionString: database.url });
  await check.connect();
  const { rows } = await check.query<{ shared_preload_libraries: string }>("SHOW shared_preload_libraries");
  if (!rows[0].shared_preload_libraries.includes("pg_stat_statements")) {
    await check.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    // Count the statements a request sends, not BEGIN/COMMIT.
    await check.query("ALTER SYSTEM SET pg_stat_statements.track_utility = off");
    await check.end();
    await database.stop();
    database = await openLocalDatabase({ name: "bench-http", port: PG_PORT, log });
  } else await check.end();
  return database;
}

async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  return session;
}

/** An API key (read scope, no practical rate limit) for a bench account's owner; returns "Bearer <key>". */
async function benchApiKey(client: pg.Client, v: LoadedVolume): Promise<string> {
  const secret = `rf_live_bench${randomBytes(24).toString("base64url")}`;
  await client.query(
    `INSERT INTO "ApiKey" (id, "accountId", "createdById", name, scopes, prefix, hash, "rateLimitPerMinute")
     SELECT gen_random_uuid(), $1, u.id, 'bench', ARRAY['read'], left($2, 12), $3, 1000000000 FROM "User" u WHERE u.email = $4`,
    [v.accountId, secret, createHash("sha256").update(secret).digest("hex"), v.ownerEmail],
  );
  return `Bearer ${secret}`;
}

/** The request headers for a cookie, or for "Bearer <key>". */
const authHeaders = (cookie: string): Record<string, string> => (!cookie ? {} : cookie.startsWith("Bearer ") ? { authorization: cookie } : { cookie });

async function startApp(databaseUrl: string): Promise<ChildProcess> {
  // Node with tsx's loader, not the tsx CLI: SIGTERM then reaches start.ts itself, which stops
  // `next start` and waits for it, so the database is not stopped under a running app.
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts", "--port", String(PORT)], {
    cwd: PROJECT_ROOT,
    // The fixtures' webhook deliveries (up to 30 days old at load) must outlive the tick's retention
    // prune for as long as the fixtures are kept, or the next run finds them changed and reloads.
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", WEBHOOK_RETENTION_DAYS: "3650" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.includes("[timing] ")) timingLines.push(line.slice(line.indexOf("[timing] ")));
      else if (/building|ready|error|failed/i.test(line)) log(line.trim());
    }
  });
  for (let i = 0; i < 2400 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${BASE}/login`, { redirect: "manual" })).status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start");
}

/** `[timing]` lines the app printed (RF_REQUEST_TIMING=1), taken per URL while its statements are counted. */
const timingLines: string[] = [];

/** Median ms of each part of the timing lines ("total 41.2 ms · auth 2.1 · …"). */
function timingMedians(lines: string[]): Map<string, number> {
  const parts = new Map<string, number[]>();
  for (const line of lines) {
    for (const [, label, ms] of line.matchAll(/(\w+) (\d+(?:\.\d+)?)(?: ms)?/g)) {
      if (!parts.has(label)) parts.set(label, []);
      parts.get(label)!.push(Number(ms));
    }
  }
  return new Map([...parts].map(([label, values]) => [label, percentile(values, 50)]));
}

type Run = { p50: number; p95: number; requests: number; errors: number; rps: number };

async function cannon(url: string, cookie: string, connections: number, expected = 200): Promise<Run> {
  const samples: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: SECONDS, headers: authHeaders(cookie), timeout: 30 }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status !== expected) errors++;
      samples.push(ms);
    });
  });
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), requests: samples.length, errors: errors + result.errors + result.timeouts, rps: result.requests.average };
}

/** Statements per request: pg_stat_statements calls over `n` sequential requests, the bench's own queries left out. */
async function statementsPerRequest(client: pg.Client, url: string, cookie: string, n = 5): Promise<number> {
  await client.query("SELECT pg_stat_statements_reset()");
  for (let i = 0; i < n; i++) await (await fetch(url, { headers: authHeaders(cookie), redirect: "manual" })).arrayBuffer();
  const { rows } = await client.query<{ calls: string }>(
    `SELECT coalesce(sum(calls), 0) AS calls FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`);
  return Number(rows[0].calls) / n;
}

/** Bytes of the HTML document and of the RSC payload a client-side navigation fetches. */
async function payload(url: string, cookie: string, api: boolean, save?: string): Promise<{ html: number; rsc: number | null }> {
  const body = Buffer.from(await (await fetch(url, { headers: authHeaders(cookie), redirect: "manual" })).arrayBuffer());
  const html = body.byteLength;
  if (save) writeFileSync(`${save}.${api ? "json" : "html"}`, body);
  if (api) return { html, rsc: null };
  // Next answers a bare RSC request with a redirect to the same URL plus its cache-busting
  // `_rsc` parameter; following it returns the payload a client-side navigation receives.
  const flight = Buffer.from(await (await fetch(url, { headers: { ...authHeaders(cookie), RSC: "1" } })).arrayBuffer());
  if (save) writeFileSync(`${save}.rsc`, flight);
  return { html, rsc: flight.byteLength };
}

function table(header: string[], rows: string[][]) {
  const widths = header.map((_, c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ")} |`;
  return [line(header), `| ${widths.map((w, c) => (c === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "-");
const kb = (n: number | null) => (n === null ? "-" : (n / 1024).toFixed(1));

async function main() {
  log(`load average at start (1/5/15 min): ${loadavg()} on ${os.cpus().length} cores`);
  const database = await openDatabase();
  let app: ChildProcess | undefined;
  const client = new pg.Client({ connectionString: database.url });
  const shutdown = async () => {
    await client.end().catch(() => {});
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    await database.stop();
  };
  process.on("SIGINT", () => void shutdown().then(() => process.exit(130)));
  try {
    await migrate(database.url, { log });
    await client.connect();
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const volumes = await ensureVolumes(client, log);
    app = await startApp(database.url);
    const cookies = new Map<string, string>();
    for (const v of volumes) cookies.set(v.key, await signIn(v.ownerEmail));
    const apiKeys = new Map<string, string>();
    if (TARGETS.some((t) => t.bearer)) for (const v of volumes) apiKeys.set(v.key, await benchApiKey(client, v));
    const [full, small] = volumes;
    log(`${SECONDS} s per run; ${TARGETS.length} URLs × 2 data sets × 2 connection counts ≈ ${Math.ceil((TARGETS.length * 4 * (SECONDS + 1)) / 60)} min`);

    const rows: string[][] = [];
    const timings: [string, Map<string, number>][] = [];
    for (const target of TARGETS) {
      const results: Record<string, { one: Run; twenty: Run; statements: number; bytes: { html: number; rsc: number | null } }> = {};
      for (const v of [full, small]) {
        const url = BASE + target.path(v);
        const cookie = target.signedOut ? "" : target.bearer ? apiKeys.get(v.key)! : cookies.get(v.key)!;
        for (let i = 0; i < 3; i++) await (await fetch(url, { headers: authHeaders(cookie) })).arrayBuffer(); // warm up
        timingLines.length = 0;
        const statements = await statementsPerRequest(client, url, cookie);
        await new Promise((r) => setTimeout(r, 200)); // the last line is printed after its response
        if (timingLines.length) timings.push([`${target.label} (${v.key})`, timingMedians(timingLines)]);
        const save = process.env.BENCH_SAVE_PAGES && v.key === "full" ? path.join(process.env.BENCH_SAVE_PAGES, target.label.replace(/[^a-z0-9]+/gi, "_")) : undefined;
        if (save) mkdirSync(path.dirname(save), { recursive: true });
        const bytes = await payload(url, cookie, target.api, save);
        const one = await cannon(url, cookie, 1, target.status);
        const twenty = await cannon(url, cookie, 20, target.status);
        results[v.key] = { one, twenty, statements, bytes };
      }
      const a = results.full;
      const b = results.small;
      const errors = a.one.errors + a.twenty.errors + b.one.errors + b.twenty.errors;
      rows.push([
        target.label, f0(a.twenty.p95), f0(b.twenty.p95), `${(a.twenty.p95 / b.twenty.p95).toFixed(1)}×`, f0(a.one.p50), f0(b.one.p50),
        `${a.statements} / ${b.statements}`, `${kb(a.bytes.html)} / ${kb(a.bytes.rsc)}`, f0(a.twenty.rps), errors ? `${errors} NOT ${target.status ?? 200}` : "",
      ]);
      log(`${target.label}: done (load ${loadavg()})`);
    }
    console.log(`\nHTTP benchmark, ${SECONDS} s per run; full = ${full.flows.toLocaleString("en")} flows, ${full.sessions.toLocaleString("en")} sessions, ${full.steps.toLocaleString("en")} library steps; small = ${small.flows}, ${small.sessions}, ${small.steps}.`);
    console.log(table(
      ["URL", "p95 ms, full (20 conn)", "p95 ms, small (20 conn)", "full ÷ small", "1-conn p50 full", "1-conn p50 small", "statements full / small", "KB html / rsc (full)", "req/s full (20)", "errors"],
      rows,
    ));
    if (timings.length) {
      const labels = ["total", "auth", "user", "page", "rest"];
      console.log("\nWhere a page request's time goes (RF_REQUEST_TIMING=1; median ms of 5 sequential requests; rest is rendering, the RSC payload and streaming)");
      console.log(table(["URL", ...labels], timings.map(([label, m]) => [label, ...labels.map((l) => (m.has(l) ? m.get(l)!.toFixed(1) : "-"))])));
    }
    // In-process, after the HTTP runs (the app is idle): Prisma reads beside one hand-written statement each.
    process.env.DATABASE_URL = database.url;
    const hot = await measureHotPaths(full);
    console.log(`\nPrisma hot paths beside a hand-written floor (full data, in the bench process, p50 of 100 calls each, taken in turns)`);
    console.log(table(["read", "Prisma p50 ms", "floor p50 ms", "Prisma ÷ floor", "Prisma statements"],
      hot.map((h) => [h.label, h.prisma.toFixed(1), h.floor.toFixed(1), `${(h.prisma / h.floor).toFixed(1)}×`, String(h.statements)])));
    console.log(`\nload average at end (1/5/15 min): ${loadavg()} on ${os.cpus().length} cores`);
    console.log("statements: pg_stat_statements calls per request (BEGIN/COMMIT not counted), 5 sequential requests each.");
  } finally {
    await shutdown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
