// One way for every command (start, migrate, seed, make-migration) to get a database:
// DATABASE_URL when it is set, otherwise the embedded PostgreSQL kept under .data/.
import { rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";

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
