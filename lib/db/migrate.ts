// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
// schema engine (which cannot be downloaded offline). Rows in `_prisma_migrations` use
// Prisma's columns and checksums, so the real CLI accepts a database migrated here.
//
// Each migration runs in its own transaction that first takes a transaction-level advisory
// lock (pg_advisory_xact_lock), reads what is applied, applies the next migration and records
// it. The lock ends with the transaction, so it cannot outlive its work even behind a
// transaction-mode pooler (PgBouncer, Neon, Supabase), where a session-level lock would stay
// on a pooled connection after the run and block the next one forever.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
// The advisory lock key Prisma's own migrate uses, so the two never run at once.
export const PRISMA_ADVISORY_LOCK = 72707369;
/** How long a run waits for another run's lock before giving up with a clear message. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export class MigrationError extends Error {}

const LOCK_NOT_AVAILABLE = "55P03";

function lockTimeoutMessage(ms: number): string {
  return (
    `Timed out after ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`} waiting for the migration lock (advisory lock ${PRISMA_ADVISORY_LOCK}): ` +
    `another migration run (npm start, npm run db:migrate or prisma migrate deploy) is still at work on this database. ` +
    `Let it finish and run again. If none is running, find the session holding the lock with ` +
    `SELECT pid, state, query FROM pg_stat_activity WHERE pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${PRISMA_ADVISORY_LOCK}); ` +
    `and end it with SELECT pg_terminate_backend(<pid>);`
  );
}

/**
 * A migration's own top-level BEGIN; / COMMIT; lines (Prisma writes them around enum changes)
 * are dropped: the runner's transaction already makes the whole file atomic, and a COMMIT in
 * the middle would end that transaction, and the lock with it, before the migration is recorded.
 * Lines inside dollar-quoted bodies (functions, DO blocks) are left alone.
 */
export function withoutTransactionControl(sql: string): string {
  let openTag: string | null = null;
  return sql
    .split("\n")
    .filter((line) => {
      const keep = openTag !== null || !/^\s*(BEGIN|COMMIT)\s*;\s*(--.*)?$/i.test(line);
      for (const [tag] of line.matchAll(/\$[A-Za-z_][A-Za-z0-9_]*\$|\$\$/g)) {
        if (openTag === null) openTag = tag;
        else if (openTag === tag) openTag = null;
      }
      return keep;
    })
    .join("\n");
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void; lockTimeoutMs?: number } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection rejects the query at hand; without a listener it would also crash the process.
  client.on("error", () => {});
  await client.connect();
  const applied: string[] = [];
  try {
    for (;;) {
      const name = await applyNext(client, migrations, lockTimeoutMs);
      if (!name) break;
      applied.push(name);
      log(`applied migration ${name}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
  return applied;
}

/** One transaction: lock, check what is applied, apply the next pending migration (if any), record it. */
async function applyNext(client: pg.Client, migrations: Migration[], lockTimeoutMs: number): Promise<string | null> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK]);
    } catch (error) {
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new MigrationError(lockTimeoutMessage(lockTimeoutMs));
      throw error;
    }
    // The migrations themselves wait for their table locks as long as the database allows.
    await client.query("SET LOCAL lock_timeout TO DEFAULT");
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    for (const row of rows) {
      if (!row.finished_at) {
        throw new MigrationError(`Migration ${row.migration_name} started but never finished; fix the database by hand.`);
      }
    }
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    let next: Migration | undefined;
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (!previous) {
        next = m;
        break;
      }
      if (previous.checksum !== m.checksum) {
        throw new MigrationError(
          `Migration ${m.name} was changed after it was applied (checksum mismatch). Never edit an applied migration; add a new one.`,
        );
      }
    }
    if (!next) {
      await client.query("COMMIT");
      return null;
    }
    try {
      await client.query(withoutTransactionControl(next.sql));
    } catch (error) {
      throw new MigrationError(`Migration ${next.name} failed: ${(error as Error).message}`);
    }
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), next.checksum, next.name],
    );
    await client.query("COMMIT");
    return next.name;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
