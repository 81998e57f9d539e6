// npm start / npm run dev: PostgreSQL (embedded unless DATABASE_URL is set) → migrations →
// demo seed (once) → next build when sources changed (start only) → next start / next dev.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openLocalDatabase, DATA_DIR, PROJECT_ROOT } from "../db/local";
import { migrate } from "../db/migrate";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
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

function buildIsStale(): boolean {
  const buildId = path.join(PROJECT_ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "prisma/schema.prisma"];
  return inputs.some((input) => newestMtime(path.join(PROJECT_ROOT, input)) > built);
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

/** Maintenance schedules fire locally too: the cron tick every 60 s, no HTTP involved. */
function startCronTimer(say: (line: string) => void) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { runDueSchedules } = await import("../maintenance/run-due");
      const result = await runDueSchedules();
      if (result.fired || result.skipped || result.errors) say(`maintenance tick: ${JSON.stringify(result)}`);
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
  const database = await openLocalDatabase({ log, fresh: args.includes("--fresh") });
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
    const applied = await migrate(database.url, { log });
    log(applied.length ? `${applied.length} migration(s) applied` : "database schema up to date");

    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(),
      CRON_SECRET: process.env.CRON_SECRET ?? localSecret("cron-secret"),
      APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    process.env.DATABASE_URL = database.url;
    const { db } = await import("../db/client");
    const { seedDemo, DEMO_LOGINS, DEMO_PASSWORD } = await import("../db/seed");
    if (await seedDemo(db)) log("demo data seeded");
    await db.$disconnect();

    const nextBin = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
    if (!dev && buildIsStale()) {
      log("building the app (first start or sources changed; this takes a minute)…");
      const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
      if (build.status !== 0) throw new Error("next build failed");
    }
    child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port)], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => void stop(code ?? 0));
    startCronTimer(log);

    const url = `http://localhost:${port}`;
    if (await waitForHttp(`${url}/login`, child)) {
      log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s → ${url}`);
      console.log("\n  Demo logins (password for all: " + DEMO_PASSWORD + ")");
      for (const login of DEMO_LOGINS) console.log(`    ${login.role.padEnd(9)} ${login.email}`);
      if (database.embedded) console.log(`\n  Data: ${database.dataDir}  (delete it to start over)`);
      console.log("  Ctrl+C stops the app and the database.\n");
    }
  } catch (error) {
    console.error(`[resolutionflow] ${(error as Error).message}`);
    await stop(1);
  }
}

void main();
