// One way for every command (start, migrate, seed, make-migration) to get a database:
// DATABASE_URL when it is set, otherwise the embedded PostgreSQL kept under .data/.
import { rmSync } from "node:fs";
import path from "node:path";
import { migrationDatabaseUrl } from "../env";
import { startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(PROJECT_ROOT, ".data");

export type LocalDatabase = { url: string; embedded: boolean; dataDir?: string; stop: () => Promise<void> };

export async function openLocalDatabase(options: {
  name?: string;
  port?: number;
  /** Delete the data directory first (throwaway databases for end-to-end tests). */
  fresh?: boolean;
  log?: (line: string) => void;
} = {}): Promise<LocalDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, embedded: false, stop: async () => {} };
  const name = options.name ?? process.env.RF_DATA_NAME ?? "app";
  const dataDir = path.join(DATA_DIR, `postgres-${name}`);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedPostgres({
    dataDir,
    fast: options.fresh,
    port: options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    database: "resolutionflow",
    log: options.log,
  });
  return { url: db.url, embedded: true, dataDir: db.dataDir, stop: db.stop };
}

export type PreparedDatabase = { applied: string[]; builtInFlowsAdded: number; demoSeeded: boolean };

/**
 * Brings a database up to date: migrations (on DIRECT_DATABASE_URL when set, never through a
 * pooler), then the built-in flows (public, owned by a service user nobody can sign in as).
 * The demo account, whose password is public, goes only into the embedded database unless
 * asked for (`npm run db:seed`, `npm start -- --seed-demo`): never into a DATABASE_URL by default.
 */
export async function prepareDatabase(
  database: Pick<LocalDatabase, "url" | "embedded">,
  options: { seedDemo?: boolean; log?: (line: string) => void } = {},
): Promise<PreparedDatabase> {
  const url = database.embedded ? database.url : migrationDatabaseUrl(database.url);
  const applied = await migrate(url, { log: options.log });
  const [{ PrismaPg }, { PrismaClient }, seed] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../generated/prisma/client"),
    import("./seed"),
  ]);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    const builtInFlowsAdded = await seed.seedDefaultFlows(db);
    const demoSeeded = (options.seedDemo ?? database.embedded) ? await seed.seedDemo(db) : false;
    return { applied, builtInFlowsAdded, demoSeeded };
  } finally {
    await db.$disconnect();
  }
}
