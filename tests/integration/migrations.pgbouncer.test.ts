// Behind a transaction-mode pooler (PgBouncer, as Neon / Supabase / Vercel hand out): two
// migrators at once, then a third that must not hang on a lock left on a pooled connection,
// and the app's own queries and transactions through the same pooler. Uses Debian's
// `pgbouncer` (apt-get install pgbouncer; .ci/run installs it) in front of the test database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { requestPasswordReset, resetPassword } from "@/lib/auth/auth.actions";
import { authenticate } from "@/lib/auth/login";
import { prepareDatabase } from "@/lib/db/local";
import { migrate, MIGRATIONS_DIR, PRISMA_ADVISORY_LOCK, readMigrations } from "@/lib/db/migrate";
import { DEMO_LOGINS } from "@/lib/db/seed";
import { createFlow, publishFlow } from "@/lib/flows/flows.actions";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { actAs, createTenant } from "@/tests/helpers/factories";
import { sampleTree } from "@/tests/helpers/flow-fixtures";
import { createScratchDatabase, withClient } from "@/tests/helpers/databases";
import { silenceMailLog, tokenFromMail } from "@/tests/helpers/outbox";

const PGBOUNCER = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"].find((p) => existsSync(p));
if (!PGBOUNCER) {
  console.warn("[migrations.pgbouncer] SKIPPED: the pgbouncer binary is missing (apt-get install -y pgbouncer; .ci/run installs it).");
}

const migrationNames = readMigrations(MIGRATIONS_DIR).map((m) => m.name);
// The worker's own database, reached directly (captured before the app is pointed at the pooler).
const directUrl = process.env.DATABASE_URL!;
const direct = new URL(directUrl);
let bouncer: ChildProcess | undefined;
let bouncerPort = 0;
let configDir = "";
const cleanups: (() => Promise<void>)[] = [];

/** The same database, reached through PgBouncer. */
function pooled(url: string): string {
  const parsed = new URL(url);
  parsed.host = `127.0.0.1:${bouncerPort}`;
  return parsed.toString();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startPgBouncer(binary: string) {
  bouncerPort = await freePort();
  configDir = mkdtempSync(path.join(tmpdir(), "rf-pgbouncer-"));
  const user = decodeURIComponent(direct.username);
  const password = decodeURIComponent(direct.password);
  writeFileSync(path.join(configDir, "userlist.txt"), `"${user}" "${password}"\n`);
  writeFileSync(
    path.join(configDir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${direct.hostname} port=${direct.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${bouncerPort}`,
      "unix_socket_dir =",
      "auth_type = plain",
      `auth_file = ${path.join(configDir, "userlist.txt")}`,
      // Transaction mode: a server connection belongs to a client only for one transaction.
      "pool_mode = transaction",
      // Fewer server connections than clients, so clients really share them.
      "default_pool_size = 3",
      "max_client_conn = 100",
      "ignore_startup_parameters = extra_float_digits,options",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root; it then runs as the postgres user, who must read the config.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(configDir, 0o755);
    chmodSync(path.join(configDir, "userlist.txt"), 0o644);
    chmodSync(path.join(configDir, "pgbouncer.ini"), 0o644);
  }
  const runAs = asRoot ? ["-u", spawnSync("id", ["-u", "postgres"]).status === 0 ? "postgres" : "nobody"] : [];
  const child = spawn(binary, [...runAs, path.join(configDir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  bouncer = child;
  // Ready when it answers a query (or it died: say why).
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${output}`);
      await withClient(pooled(directUrl), (c) => c.query("SELECT 1"));
    },
    { timeout: 20_000, interval: 100 },
  );
}

const advisoryLockRows = (url: string, granted: boolean) =>
  withClient(url, async (c) =>
    Number(
      (
        await c.query(
          `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted = $2
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [PRISMA_ADVISORY_LOCK, granted],
        )
      ).rows[0].count,
    ),
  );

// Whole migration runs and seeding: slow on a loaded machine, never timed.
describe.skipIf(!PGBOUNCER)("behind PgBouncer in transaction mode", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    silenceMailLog();
    await startPgBouncer(PGBOUNCER!);
    // Every app query of this file (the lazily created Prisma client) goes through the pooler.
    process.env.DATABASE_URL = pooled(directUrl);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    // The app's pool must let go of PgBouncer before it stops.
    const { db } = await import("@/lib/db/client");
    await db.$disconnect();
    (globalThis as { prisma?: unknown }).prisma = undefined;
    process.env.DATABASE_URL = directUrl;
    if (bouncer && bouncer.exitCode === null) {
      bouncer.kill("SIGTERM");
      await new Promise((resolve) => bouncer!.once("exit", resolve));
    }
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it("two migrators at once apply each migration once, leave no lock behind, and a third run does not hang", async () => {
    const scratch = await createScratchDatabase("bouncer", directUrl);
    cleanups.push(scratch.drop);
    // Hold the lock directly, so both runs through the pooler queue on it and really overlap.
    const holder = new pg.Client({ connectionString: scratch.url });
    holder.on("error", () => {});
    await holder.connect();
    cleanups.push(() => holder.end().catch(() => {}));
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK]);
    const runs = Promise.all([migrate(pooled(scratch.url)), migrate(pooled(scratch.url))]);
    await expect.poll(() => advisoryLockRows(scratch.url, false), { timeout: 20_000 }).toBe(2);
    await holder.query("COMMIT");
    await holder.end();
    const [first, second] = await runs;

    expect([...first, ...second].sort()).toEqual(migrationNames);
    const recorded = await withClient(scratch.url, async (c) =>
      (await c.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`)).rows.map((r) => r.migration_name),
    );
    expect(recorded).toEqual(migrationNames);
    // The old session-level lock stayed on an idle pooled connection here.
    expect(await advisoryLockRows(scratch.url, true)).toBe(0);
    expect(await migrate(pooled(scratch.url), { lockTimeoutMs: 5_000 })).toEqual([]);
  });

  it("prepares a database through the pooler: built-in flows in interactive transactions, no demo account unless asked", async () => {
    const scratch = await createScratchDatabase("bouncer", directUrl);
    cleanups.push(scratch.drop);
    const prepared = await prepareDatabase({ url: pooled(scratch.url), embedded: false });
    expect(prepared.applied).toEqual(migrationNames);
    expect(prepared.builtInFlowsAdded).toBeGreaterThan(0);
    expect(prepared.demoSeeded).toBe(false);
    expect((await prepareDatabase({ url: pooled(scratch.url), embedded: false }, { seedDemo: true })).demoSeeded).toBe(true);

    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: pooled(scratch.url), max: 4 }) });
    cleanups.push(() => client.$disconnect());
    expect(await client.user.count({ where: { email: { in: DEMO_LOGINS.map((l) => l.email) } } })).toBe(DEMO_LOGINS.length);
  });

  it("runs the app's reads, writes and row-locking transactions through the pooler", async () => {
    const { engineer } = await createTenant();
    actAs(engineer);
    // Parallel requests share the pooler's three server connections.
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createFlow({ name: `Pooled flow ${i}`, type: "troubleshooting", visibility: "team", tags: [] })),
    );
    for (const result of created) expect(result.ok).toBe(true);
    const flowId = created[0].ok ? created[0].data.id : "";
    const published = await publishFlow({
      flowId,
      name: "Pooled flow 0",
      description: "",
      category: "Printing",
      tags: [],
      visibility: "team",
      variables: [],
      structure: sampleTree(),
    });
    expect(published).toMatchObject({ ok: true });

    // A token mailed, claimed atomically and used; then a sign-in.
    expect(await requestPasswordReset({ email: engineer.email })).toEqual({ ok: true, data: { sent: true } });
    const token = await tokenFromMail(engineer.email, "reset");
    const password = "a-pooled-new-password";
    expect(await resetPassword({ token, password, confirm: password })).toMatchObject({ ok: true });
    expect(await authenticate(engineer.email, password, "203.0.113.9")).toMatchObject({ id: engineer.id });
  });
});
