// Drift check: the database built by applying every migration must match, catalog for
// catalog, the database Prisma's schema engine builds from prisma/schema.prisma alone.
// Fails when schema.prisma changes without a migration (run `npm run db:make-migration`).
import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { diffSchemas } from "@/lib/db/schema-diff";
import { createScratchDatabase, type ScratchDatabase, withClient } from "@/tests/helpers/databases";

const SCHEMA = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");

type Catalog = Record<"tables" | "columns" | "indexes" | "constraints" | "enums" | "sequences" | "extensions", string[]>;

/** Everything about the public schema that a migration can change, as sorted comparable lines. */
async function catalogOf(url: string): Promise<Catalog> {
  return withClient(url, async (c) => {
    const lines = async (sql: string) => (await c.query<{ line: string }>(sql)).rows.map((r) => r.line).sort();
    return {
      tables: await lines(`
        SELECT table_name || ' ' || table_type AS line FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      columns: await lines(`
        SELECT concat_ws(' | ', table_name || '.' || column_name, data_type, udt_name,
                         'length=' || character_maximum_length, 'precision=' || numeric_precision,
                         'scale=' || numeric_scale, 'time precision=' || datetime_precision,
                         'nullable=' || is_nullable, 'default=' || coalesce(column_default, '∅'),
                         'identity=' || is_identity, 'generated=' || is_generated) AS line
          FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      indexes: await lines(`
        SELECT tablename || ' ' || indexname || ': ' || replace(indexdef, 'public.', '') AS line FROM pg_indexes
         WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      constraints: await lines(`
        SELECT rel.relname || ' ' || con.conname || ' (' || con.contype::text || '): ' || pg_get_constraintdef(con.oid) AS line
          FROM pg_constraint con
          JOIN pg_class rel ON rel.oid = con.conrelid
          JOIN pg_namespace ns ON ns.oid = rel.relnamespace
         -- NOT NULL constraints (PostgreSQL 18 lists them here) are compared as column nullability.
         WHERE ns.nspname = 'public' AND rel.relname <> '_prisma_migrations' AND con.contype <> 'n'`),
      // Labels sorted: a value added by a later migration lands at the end of the enum.
      enums: await lines(`
        SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumlabel) AS line
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace ns ON ns.oid = t.typnamespace
         WHERE ns.nspname = 'public' GROUP BY t.typname`),
      sequences: await lines(`
        SELECT sequence_name || ' ' || data_type || ' ' || increment AS line FROM information_schema.sequences
         WHERE sequence_schema = 'public'`),
      extensions: await lines(`SELECT extname || ' in ' || extnamespace::regnamespace::text AS line FROM pg_extension`),
    };
  });
}

async function applySql(url: string, sql: string) {
  await withClient(url, (c: pg.Client) => c.query(sql));
}

const databases: ScratchDatabase[] = [];
async function scratch() {
  const db = await createScratchDatabase("drift");
  databases.push(db);
  return db;
}
afterAll(async () => {
  for (const db of databases) await db.drop();
});

let fromMigrations: Catalog;

/**
 * Expression indexes the schema cannot name, added as raw SQL by a migration (each listed in a
 * comment in prisma/schema.prisma): present after the migrations, absent from the schema's database.
 */
const RAW_SQL_INDEXES = ["LibraryStep_rated_own_idx", "LibraryStep_rated_public_idx", "LibraryStep_title_trgm_idx"];

beforeAll(async () => {
  const x = await scratch();
  await migrate(x.url);
  fromMigrations = await catalogOf(x.url);
  for (const name of RAW_SQL_INDEXES) expect(fromMigrations.indexes.some((line) => line.includes(` ${name}: `)), `${name} exists after the migrations`).toBe(true);
  fromMigrations.indexes = fromMigrations.indexes.filter((line) => !RAW_SQL_INDEXES.some((name) => line.includes(` ${name}: `)));
});

/** The catalog of a database built straight from a datamodel, with no migrations. */
async function catalogFromSchema(datamodel: string): Promise<Catalog> {
  const y = await scratch();
  // The engine needs a reachable PostgreSQL even for a datamodel diff; the worker's will do.
  const sql = await diffSchemas(null, datamodel, process.env.DATABASE_URL!);
  await applySql(y.url, sql);
  return catalogOf(y.url);
}

describe("schema drift", () => {
  it("migrations and prisma/schema.prisma describe the same database", async () => {
    const fromSchema = await catalogFromSchema(SCHEMA);
    expect(fromMigrations.tables.length).toBeGreaterThanOrEqual(7);
    expect(fromMigrations.constraints.some((c) => c.includes("FOREIGN KEY"))).toBe(true);
    for (const kind of Object.keys(fromSchema) as (keyof Catalog)[]) {
      expect(fromMigrations[kind], `${kind} differ: schema.prisma changed without a migration? Run npm run db:make-migration <name>`).toEqual(fromSchema[kind]);
    }
  });

  // The comparison must notice each kind of change a schema edit can make.
  it.each([
    ["a new column", (s: string) => s.replace(/model Account \{\n/, "model Account {\n  driftProbe String?\n")],
    ["a nullability change", (s: string) => s.replace(/(\n\s+name\s+)String(\s+@db\.VarChar\(80\))/, "$1String?$2")],
    ["a length change", (s: string) => s.replace("@db.VarChar(80)", "@db.VarChar(81)")],
    ["a default change", (s: string) => s.replace("maxUses     Int       @default(1)", "maxUses     Int       @default(2)")],
    ["a new index", (s: string) => s.replace("@@index([accountId, createdAt])", "@@index([accountId, createdAt])\n  @@index([expiresAt])")],
    ["a new enum value", (s: string) => s.replace("enum Plan {\n  free\n  pro\n", "enum Plan {\n  free\n  pro\n  enterprise\n")],
    ["a foreign key rule change", (s: string) => s.replace("references: [id], onDelete: SetNull)\n  tokens", "references: [id], onDelete: Restrict)\n  tokens")],
  ])("notices %s", async (_what, edit) => {
    const edited = edit(SCHEMA);
    expect(edited, "the edit no longer applies to schema.prisma; update this test").not.toBe(SCHEMA);
    const fromSchema = await catalogFromSchema(edited);
    expect(fromSchema).not.toEqual(fromMigrations);
  });
});
