// The migration runner (lib/db/migrate.ts) on empty databases: Prisma-compatible bookkeeping,
// idempotence, the transaction-level advisory lock and its timeout, checksum protection and
// all-or-nothing migrations.
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, MigrationError, MIGRATIONS_DIR, PRISMA_ADVISORY_LOCK, readMigrations, withoutTransactionControl } from "@/lib/db/migrate";
import { createScratchDatabase, type ScratchDatabase, withClient } from "@/tests/helpers/databases";

const migrationNames = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch(): Promise<ScratchDatabase> {
  const db = await createScratchDatabase("mig");
  cleanups.push(db.drop);
  return db;
}

/** A private copy of prisma/migrations that a test may edit. */
function migrationsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rf-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function addMigration(dir: string, name: string, sql: string) {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

type Row = { id: string; checksum: string; finished_at: Date | null; migration_name: string; logs: string | null; rolled_back_at: Date | null; started_at: Date; applied_steps_count: number };
const rowsOf = (url: string) =>
  withClient(url, async (c) => (await c.query<Row>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows);
const tablesOf = (url: string) =>
  withClient(url, async (c) =>
    (await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.table_name),
  );

describe("migrate()", () => {
  it("applies every migration to a fresh database and records it the way Prisma does", async () => {
    const db = await scratch();
    const applied = await migrate(db.url);

    expect(applied).toEqual(migrationNames);
    expect(await tablesOf(db.url)).toEqual(expect.arrayContaining(["_prisma_migrations", "Account", "User", "Invite", "AuthToken", "LoginAttempt", "OutboxMessage", "Team"]));

    const rows = await rowsOf(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const file = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("creates _prisma_migrations with exactly Prisma's columns", async () => {
    const db = await scratch();
    await migrate(db.url);
    const columns = await withClient(db.url, async (c) =>
      (
        await c.query(
          `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
             FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
        )
      ).rows,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
  });

  it("running again applies nothing and changes nothing", async () => {
    const db = await scratch();
    await migrate(db.url);
    const before = await rowsOf(db.url);
    expect(await migrate(db.url)).toEqual([]);
    expect(await rowsOf(db.url)).toEqual(before);
  });

  it("applies only the migrations that are new", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    await migrate(db.url, { dir });
    addMigration(dir, "29990101000000_add_note", `CREATE TABLE "Note" ("id" INTEGER NOT NULL, CONSTRAINT "Note_pkey" PRIMARY KEY ("id"));`);
    const log: string[] = [];
    expect(await migrate(db.url, { dir, log: (line) => log.push(line) })).toEqual(["29990101000000_add_note"]);
    expect(log).toEqual(["applied migration 29990101000000_add_note"]);
    expect(await tablesOf(db.url)).toContain("Note");
    expect((await rowsOf(db.url)).map((r) => r.migration_name)).toEqual([...migrationNames, "29990101000000_add_note"]);
  });

  it("two parallel runs on a fresh database both succeed and apply each migration once", async () => {
    const db = await scratch();
    // Both runs queue on the lock before either may start, so they always overlap.
    const lock = await holdMigrationLock(db.url);
    const runs = Promise.all([migrate(db.url), migrate(db.url)]);
    await waitForLockWaiters(db.url, 2);
    await lock.release();
    const [first, second] = await runs;

    expect([...first, ...second].sort()).toEqual(migrationNames);
    const rows = await rowsOf(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    expect(await advisoryLocksHeld(db.url)).toBe(0);
  });

  it("gives up on a lock held too long with a message that says what holds it and how to free it", async () => {
    const db = await scratch();
    const lock = await holdMigrationLock(db.url);
    try {
      const run = migrate(db.url, { lockTimeoutMs: 200 });
      await expect(run).rejects.toBeInstanceOf(MigrationError);
      await expect(run).rejects.toThrow(/Timed out after 200 ms waiting for the migration lock \(advisory lock 72707369\): another migration run/);
      await expect(run).rejects.toThrow(/pg_terminate_backend/);
    } finally {
      await lock.release();
    }
    expect(await tablesOf(db.url)).toEqual([]);
    // Once the holder is gone the next run goes ahead.
    expect(await migrate(db.url)).toEqual(migrationNames);
  });

  it("holds no lock once a run is over, successful or not", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    await migrate(db.url, { dir });
    expect(await advisoryLocksHeld(db.url)).toBe(0);
    addMigration(dir, "29990101000000_broken", `SELECT 1/0;`);
    await expect(migrate(db.url, { dir })).rejects.toBeInstanceOf(MigrationError);
    expect(await advisoryLocksHeld(db.url)).toBe(0);
  });

  it("refuses to run when an applied migration's file was changed", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    await migrate(db.url, { dir });
    const before = await rowsOf(db.url);
    appendFileSync(path.join(dir, migrationNames[0], "migration.sql"), "\n-- edited after it was applied\n");
    addMigration(dir, "29990101000000_after_edit", `CREATE TABLE "AfterEdit" ("id" INTEGER);`);

    const run = migrate(db.url, { dir });
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(`Migration ${migrationNames[0]} was changed after it was applied (checksum mismatch)`);
    // Nothing after the changed one ran either.
    expect(await tablesOf(db.url)).not.toContain("AfterEdit");
    expect(await rowsOf(db.url)).toEqual(before);
  });

  it("a failing migration rolls back completely and records nothing", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    await migrate(db.url, { dir });
    addMigration(
      dir,
      "29990101000000_broken",
      `CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "Account" ADD COLUMN "halfDone" TEXT;\nALTER TABLE "DoesNotExist" ADD COLUMN "x" INTEGER;\n`,
    );
    addMigration(dir, "29990102000000_after_broken", `CREATE TABLE "AfterBroken" ("id" INTEGER);`);

    const run = migrate(db.url, { dir });
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(/Migration 29990101000000_broken failed: .*DoesNotExist/);

    const tables = await tablesOf(db.url);
    expect(tables).not.toContain("HalfDone");
    expect(tables).not.toContain("AfterBroken");
    const accountColumns = await withClient(db.url, async (c) =>
      (await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Account'`)).rows.map((r) => r.column_name),
    );
    expect(accountColumns).not.toContain("halfDone");
    expect((await rowsOf(db.url)).map((r) => r.migration_name)).toEqual(migrationNames);

    // Once fixed, it applies.
    writeFileSync(path.join(dir, "29990101000000_broken", "migration.sql"), `CREATE TABLE "HalfDone" ("id" INTEGER);`);
    expect(await migrate(db.url, { dir })).toEqual(["29990101000000_broken", "29990102000000_after_broken"]);
  });

  it("a failing first migration on an empty database leaves no tables at all", async () => {
    const db = await scratch();
    const dir = mkdtempSync(path.join(tmpdir(), "rf-migrations-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    addMigration(dir, "20000101000000_init", `CREATE TYPE "Mood" AS ENUM ('ok');\nCREATE TABLE "T" ("m" "Mood");\nSELECT 1/0;\n`);

    await expect(migrate(db.url, { dir })).rejects.toThrow(/division by zero/);
    // The bookkeeping table is created inside the same transaction, so it is gone too.
    expect(await tablesOf(db.url)).toEqual([]);
    const types = await withClient(db.url, async (c) => (await c.query(`SELECT 1 FROM pg_type WHERE typname = 'Mood'`)).rowCount);
    expect(types).toBe(0);
  });

  it("applies a migration with its own BEGIN/COMMIT, as Prisma writes for enum changes", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    await migrate(db.url, { dir });
    addMigration(
      dir,
      "29990101000000_alter_enum",
      `-- AlterEnum\nBEGIN;\nCREATE TYPE "Plan_new" AS ENUM ('free', 'pro', 'team');\nALTER TABLE "Account" ALTER COLUMN "plan" DROP DEFAULT;\nALTER TABLE "Account" ALTER COLUMN "plan" TYPE "Plan_new" USING ("plan"::text::"Plan_new");\nALTER TYPE "Plan" RENAME TO "Plan_old";\nALTER TYPE "Plan_new" RENAME TO "Plan";\nDROP TYPE "public"."Plan_old";\nALTER TABLE "Account" ALTER COLUMN "plan" SET DEFAULT 'free';\nCOMMIT;\n`,
    );
    expect(await migrate(db.url, { dir })).toEqual(["29990101000000_alter_enum"]);
    const labels = await withClient(db.url, async (c) =>
      (await c.query(`SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'Plan' ORDER BY enumsortorder`)).rows.map((r) => r.enumlabel),
    );
    expect(labels).toEqual(["free", "pro", "team"]);
    expect((await rowsOf(db.url)).at(-1)).toMatchObject({ migration_name: "29990101000000_alter_enum", applied_steps_count: 1 });
    expect((await rowsOf(db.url)).at(-1)?.finished_at).toBeInstanceOf(Date);
  });

  it("keeps a migration with its own BEGIN/COMMIT all-or-nothing: a failure after its COMMIT undoes it all", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    await migrate(db.url, { dir });
    addMigration(
      dir,
      "29990101000000_commit_then_fail",
      `BEGIN;\nCREATE TABLE "BeforeCommit" ("id" INTEGER);\nCOMMIT;\nCREATE TABLE "AfterCommit" ("id" INTEGER);\nSELECT 1/0;\n`,
    );
    await expect(migrate(db.url, { dir })).rejects.toThrow(/Migration 29990101000000_commit_then_fail failed: division by zero/);
    const tables = await tablesOf(db.url);
    expect(tables).not.toContain("BeforeCommit");
    expect(tables).not.toContain("AfterCommit");
    expect((await rowsOf(db.url)).map((r) => r.migration_name)).toEqual(migrationNames);
  });

  it("refuses to run over a migration that started but never finished", async () => {
    const db = await scratch();
    await migrate(db.url);
    await withClient(db.url, (c) =>
      c.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-0000-0000-000000000001', 'x', '29990101000000_crashed')`),
    );
    await expect(migrate(db.url)).rejects.toThrow("Migration 29990101000000_crashed started but never finished; fix the database by hand.");
  });

  it("reads migrations in name order, ignoring files beside the folders", () => {
    const dir = migrationsCopy();
    addMigration(dir, "00000000000000_first", "SELECT 1;");
    mkdirSync(path.join(dir, "99999999999999_no_sql_file"));
    const names = readMigrations(dir).map((m) => m.name);
    expect(names).toEqual(["00000000000000_first", ...migrationNames]);
    expect(readMigrations(path.join(dir, "missing"))).toEqual([]);
  });

  it("releases the advisory lock when a run fails, so the next run is not blocked", async () => {
    const db = await scratch();
    const dir = migrationsCopy();
    addMigration(dir, "29990101000000_broken", `SELECT 1/0;`);
    await expect(migrate(db.url, { dir })).rejects.toBeInstanceOf(MigrationError);
    // Same database, a fresh connection: would hang on pg_advisory_lock if the lock leaked.
    rmSync(path.join(dir, "29990101000000_broken"), { recursive: true });
    expect(await migrate(db.url, { dir })).toEqual([]);
  });
});

describe("withoutTransactionControl()", () => {
  it("drops top-level BEGIN; and COMMIT; lines and keeps everything else", () => {
    const sql = `-- AlterEnum\nBEGIN;\nALTER TYPE "Plan" RENAME TO "Plan_old";\ncommit; -- done\nCREATE TABLE "T" ("begin" INTEGER);\n`;
    expect(withoutTransactionControl(sql)).toBe(`-- AlterEnum\nALTER TYPE "Plan" RENAME TO "Plan_old";\nCREATE TABLE "T" ("begin" INTEGER);\n`);
  });

  it("leaves dollar-quoted bodies alone", () => {
    const sql = `CREATE PROCEDURE p() LANGUAGE plpgsql AS $body$\nBEGIN\n  INSERT INTO t VALUES (1);\nCOMMIT;\nEND;\n$body$;\nCOMMIT;\nDO $$\nBEGIN\nEND $$;\n`;
    expect(withoutTransactionControl(sql)).toBe(
      `CREATE PROCEDURE p() LANGUAGE plpgsql AS $body$\nBEGIN\n  INSERT INTO t VALUES (1);\nCOMMIT;\nEND;\n$body$;\nDO $$\nBEGIN\nEND $$;\n`,
    );
  });
});

/** Takes the runner's lock from another session, as a concurrent deploy would. */
async function holdMigrationLock(url: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK]);
  cleanups.push(() => client.end().catch(() => {}));
  return {
    release: async () => {
      await client.query("COMMIT").catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

/** Waits until `count` sessions queue for the migration lock. */
async function waitForLockWaiters(url: string, count: number) {
  await expect
    .poll(
      () =>
        withClient(url, async (c) =>
          Number((await c.query(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [PRISMA_ADVISORY_LOCK])).rows[0].count),
        ),
      { timeout: 20_000 },
    )
    .toBe(count);
}

async function advisoryLocksHeld(url: string): Promise<number> {
  return withClient(url, async (c) =>
    Number((await c.query(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [PRISMA_ADVISORY_LOCK])).rows[0].count),
  );
}
