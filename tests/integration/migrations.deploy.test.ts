// Preparing a real database (lib/db/local.ts prepareDatabase, used by npm start, db:migrate and
// db:seed): the demo account (public password) never goes into a DATABASE_URL unless asked,
// migrations take DIRECT_DATABASE_URL, and an embedded PostgreSQL the postgres user cannot
// reach says what is wrong instead of crashing.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedPostgresAccessError, startEmbeddedPostgres } from "@/lib/db/embedded";
import { prepareDatabase } from "@/lib/db/local";
import { MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { DEFAULT_FLOWS } from "@/lib/flows/defaults";
import { DEMO_LOGINS } from "@/lib/db/seed";
import { createScratchDatabase, withClient } from "@/tests/helpers/databases";

const migrationNames = readMigrations(MIGRATIONS_DIR).map((m) => m.name);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch() {
  const db = await createScratchDatabase("deploy");
  cleanups.push(db.drop);
  return db;
}

const demoUsers = (url: string) =>
  withClient(url, async (c) => Number((await c.query(`SELECT count(*) FROM "User" WHERE email = ANY($1)`, [DEMO_LOGINS.map((l) => l.email)])).rows[0].count));
const builtInFlows = (url: string) =>
  withClient(url, async (c) => Number((await c.query(`SELECT count(*) FROM "Flow" WHERE "isDefault"`)).rows[0].count));

// Seeding the built-in flows is slow on a loaded machine; nothing here is timed.
describe("prepareDatabase()", { timeout: 180_000 }, () => {
  it("puts no demo account into a DATABASE_URL by default, only the built-in flows", async () => {
    const db = await scratch();
    const prepared = await prepareDatabase({ url: db.url, embedded: false });
    expect(prepared).toEqual({ applied: migrationNames, builtInFlowsAdded: DEFAULT_FLOWS.length, demoSeeded: false });
    expect(await demoUsers(db.url)).toBe(0);
    expect(await builtInFlows(db.url)).toBe(DEFAULT_FLOWS.length);

    // Asked for explicitly (npm run db:seed, npm start -- --seed-demo): then it goes in, once.
    expect(await prepareDatabase({ url: db.url, embedded: false }, { seedDemo: true })).toEqual({ applied: [], builtInFlowsAdded: 0, demoSeeded: true });
    expect(await demoUsers(db.url)).toBe(DEMO_LOGINS.length);
    expect((await prepareDatabase({ url: db.url, embedded: false }, { seedDemo: true })).demoSeeded).toBe(false);
  });

  it("seeds the demo account into the embedded database by default, and not when told not to (db:migrate)", async () => {
    const first = await scratch();
    expect((await prepareDatabase({ url: first.url, embedded: true }, { seedDemo: false })).demoSeeded).toBe(false);
    expect(await demoUsers(first.url)).toBe(0);
    expect((await prepareDatabase({ url: first.url, embedded: true })).demoSeeded).toBe(true);
    expect(await demoUsers(first.url)).toBe(DEMO_LOGINS.length);
  });

  it("migrates and seeds through DIRECT_DATABASE_URL when it is set", async () => {
    const db = await scratch();
    const before = process.env.DIRECT_DATABASE_URL;
    process.env.DIRECT_DATABASE_URL = db.url;
    cleanups.push(() => {
      if (before === undefined) delete process.env.DIRECT_DATABASE_URL;
      else process.env.DIRECT_DATABASE_URL = before;
    });
    // The app's URL here leads nowhere: everything must have gone to the direct one.
    const prepared = await prepareDatabase({ url: "postgresql://nobody:nothing@127.0.0.1:1/nowhere", embedded: false });
    expect(prepared.applied).toEqual(migrationNames);
    expect(await builtInFlows(db.url)).toBe(DEFAULT_FLOWS.length);
  });
});

describe("embedded PostgreSQL under a folder the postgres user cannot enter", () => {
  it.skipIf(process.getuid?.() !== 0)("says which folder and how to fix it, before spawning anything", async () => {
    const privateDir = mkdtempSync(path.join(tmpdir(), "rf-private-"));
    chmodSync(privateDir, 0o700);
    cleanups.push(() => rmSync(privateDir, { recursive: true, force: true }));

    // Port 1: never reached, the check comes first.
    const start = startEmbeddedPostgres({ dataDir: path.join(privateDir, "project/.data/postgres-app"), port: 1, database: "x" });
    await expect(start).rejects.toBeInstanceOf(EmbeddedPostgresAccessError);
    await expect(start).rejects.toThrow(`that user cannot enter the folder ${privateDir},`);
    await expect(start).rejects.toThrow(`chmod o+x ${privateDir}`);
    await expect(start).rejects.toThrow("set DATABASE_URL to a PostgreSQL server of your own");
  });
});
