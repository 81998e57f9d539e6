// One way for every command (start, migrate, seed, make-migration) to get a database:
// DATABASE_URL when it is set, otherwise the embedded PostgreSQL kept under .data/.
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(PROJECT_ROOT, ".data");

export type LocalDatabase = { url: string; embedded: boolean; dataDir?: string; stop: () => Promise<void> };

export async function openLocalDatabase(options: {
  name?: string;
  port?: number;
  log?: (line: string) => void;
} = {}): Promise<LocalDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, embedded: false, stop: async () => {} };
  const name = options.name ?? "app";
  const db = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, `postgres-${name}`),
    port: options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    database: "resolutionflow",
    log: options.log,
  });
  return { url: db.url, embedded: true, dataDir: db.dataDir, stop: db.stop };
}
