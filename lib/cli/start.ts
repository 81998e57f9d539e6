// npm start / npm run dev: PostgreSQL (embedded unless DATABASE_URL is set) → migrations
// (on DIRECT_DATABASE_URL when set) → built-in flows, and the demo account only into the
// embedded database or with --seed-demo → next build when sources changed (start only) →
// next start / next dev. Mail: SMTP_URL sends real mail; with neither SMTP_URL nor
// DEV_OUTBOX set, this local demo turns the dev outbox on (DEV_OUTBOX=1) and says so.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openLocalDatabase, prepareDatabase, DATA_DIR, PROJECT_ROOT, type LocalDatabase } from "../db/local";
import { localDemoWebhookEnv } from "../webhooks/address-policy";
import { isHttpsUrl, publicUrl } from "../http/security-headers";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const seedDemo = args.includes("--seed-demo");
const portArg = args.indexOf("--port");
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT ?? 3000);
const log = (line: string) => console.log(`[resolutionflow] ${line}`);

function authSecret(): string {
  return process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? localSecret("auth-secret");
}

function localSecret(name: string): string {
  // A per-machine secret kept with the data, so sign-ins (and the cron secret) survive restarts.
  const file = path.join(DATA_DIR, name);
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** What the build took from the environment: next.config.ts bakes the API routes' HSTS (APP_URL https or not) into it. */
const BUILD_ENV_STAMP = path.join(PROJECT_ROOT, ".next/resolutionflow-build-env.json");
const buildEnv = (env: NodeJS.ProcessEnv) => JSON.stringify({ httpsPublicUrl: isHttpsUrl(publicUrl(env)) });

function buildIsStale(env: NodeJS.ProcessEnv): boolean {
  const buildId = path.join(PROJECT_ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  if (!existsSync(BUILD_ENV_STAMP) || readFileSync(BUILD_ENV_STAMP, "utf8") !== buildEnv(env)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = ["app", "components", "lib", "public", "next.config.ts", "proxy.ts", "package-lock.json", "postcss.config.mjs", "prisma/schema.prisma"];
  return inputs.some((input) => newestMtime(path.join(PROJECT_ROOT, input)) > built);
}

/**
 * SMTP_URL: real mail, outbox off. Neither SMTP_URL nor DEV_OUTBOX: this is a local demo, so
 * the outbox goes on (a production server started any other way refuses to start instead).
 * DEV_OUTBOX set to anything else is left alone: the server decides (see lib/env.ts).
 */
function mailEnv(): { DEV_OUTBOX?: string } {
  if (process.env.SMTP_URL) {
    const host = URL.canParse(process.env.SMTP_URL) ? new URL(process.env.SMTP_URL).host : "SMTP_URL";
    log(`mail: sending through ${host} (SMTP_URL); the dev outbox is off`);
    return {};
  }
  if (process.env.DEV_OUTBOX) {
    log(process.env.DEV_OUTBOX === "1" ? "mail: DEV_OUTBOX=1, emails go to /dev/outbox, none are sent" : `mail: DEV_OUTBOX=${process.env.DEV_OUTBOX} and no SMTP_URL: no way to send mail`);
    return {};
  }
  log("mail: no SMTP_URL, so this local demo turns the dev outbox on (DEV_OUTBOX=1): emails go to /dev/outbox, none are sent. Set SMTP_URL to send real mail.");
  return { DEV_OUTBOX: "1" };
}

async function waitForHttp(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Webhooks to private addresses: allowed in the local demo only (lib/webhooks/address-policy.ts). */
function webhookEnv(embedded: boolean): { WEBHOOKS_ALLOW_PRIVATE?: string } {
  const added = localDemoWebhookEnv(process.env, embedded);
  if (added.WEBHOOKS_ALLOW_PRIVATE) log("webhooks: local demo, so webhooks may go to private addresses such as localhost (WEBHOOKS_ALLOW_PRIVATE=1); production refuses them");
  return added;
}

/**
 * Maintenance schedules fire locally too: the cron tick every 60 s, no HTTP involved, through a
 * small client of its own (this script runs outside Next, where the app's server-only client
 * cannot be loaded).
 */
function startCronTimer(databaseUrl: string, say: (line: string) => void) {
  let running = false;
  let client: import("../generated/prisma/client").PrismaClient | undefined;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const [{ runTick }, { createPrismaClient }] = await Promise.all([import("../maintenance/tick"), import("../db/prisma")]);
      client ??= createPrismaClient({ url: databaseUrl, poolSize: 2 });
      const { proposals, webhooks, ...result } = await runTick(client);
      if (result.fired || result.skipped || result.errors) say(`maintenance tick: ${JSON.stringify(result)}`);
      // Sessions whose after() analysis was lost (a crash, a restart) are analysed here.
      if (proposals.analysed || proposals.errors) say(`proposal sweep: ${JSON.stringify(proposals)}`);
      if ("error" in webhooks || webhooks.sent) say(`webhooks: ${JSON.stringify(webhooks)}`);
    } catch (error) {
      say(`maintenance tick failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }, 60_000);
  timer.unref();
}

async function main() {
  const started = Date.now();
  let database: LocalDatabase;
  try {
    database = await openLocalDatabase({ log, fresh: args.includes("--fresh") });
  } catch (error) {
    console.error(`[resolutionflow] ${(error as Error).message}`);
    process.exit(1);
  }
  log(database.embedded ? `embedded PostgreSQL running, data in ${path.relative(PROJECT_ROOT, database.dataDir!)}/` : "using DATABASE_URL");

  let child: ChildProcess | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    await database.stop();
    log("stopped cleanly");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    if (!database.embedded && process.env.DIRECT_DATABASE_URL) log("migrating through DIRECT_DATABASE_URL");
    const prepared = await prepareDatabase(database, { seedDemo: seedDemo || undefined, log });
    log(prepared.applied.length ? `${prepared.applied.length} migration(s) applied` : "database schema up to date");
    if (prepared.builtInFlowsAdded) log(`${prepared.builtInFlowsAdded} built-in flow(s) added`);
    if (prepared.demoSeeded) log("demo data seeded");
    const showDemoLogins = database.embedded || seedDemo;
    if (!showDemoLogins) log("demo account not seeded into DATABASE_URL (add it with npm run db:seed, or npm start -- --seed-demo)");

    const webhookPolicy = webhookEnv(database.embedded);
    const env = {
      ...process.env,
      ...mailEnv(),
      ...webhookPolicy,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(),
      CRON_SECRET: process.env.CRON_SECRET ?? localSecret("cron-secret"),
      APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const { DEMO_LOGINS, DEMO_PASSWORD } = await import("../db/seed");

    const nextBin = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
    if (!dev && buildIsStale(env)) {
      log("building the app (first start, sources or APP_URL's scheme changed; this takes a minute)…");
      const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
      if (build.status !== 0) throw new Error("next build failed");
      writeFileSync(BUILD_ENV_STAMP, buildEnv(env));
    }
    // Stamps each request with its socket address, for the rate limits (lib/auth/client-ip.ts).
    const peerPreload = pathToFileURL(path.join(PROJECT_ROOT, "lib/auth/peer-address-preload.mjs")).href;
    child = spawn(process.execPath, ["--import", peerPreload, nextBin, dev ? "dev" : "start", "-p", String(port)], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => void stop(code ?? 0));
    // The timer runs in this process: it sees the same webhook policy as the server.
    Object.assign(process.env, webhookPolicy);
    startCronTimer(database.url, log);

    const url = `http://localhost:${port}`;
    if (await waitForHttp(`${url}/login`, child)) {
      log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s → ${url}`);
      if (showDemoLogins) {
        console.log("\n  Demo logins (password for all: " + DEMO_PASSWORD + ")");
        for (const login of DEMO_LOGINS) console.log(`    ${login.role.padEnd(9)} ${login.email}`);
      }
      if (env.DEV_OUTBOX === "1" && !process.env.SMTP_URL) console.log(`\n  Emails (sign-up, password reset) appear at ${url}/dev/outbox`);
      if (database.embedded) console.log(`\n  Data: ${database.dataDir}  (delete it to start over)`);
      console.log("  Ctrl+C stops the app and the database.\n");
    }
  } catch (error) {
    console.error(`[resolutionflow] ${(error as Error).message}`);
    await stop(1);
  }
}

void main();
