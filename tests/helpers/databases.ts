// Throwaway databases on the test PostgreSQL, for tests that need an empty database
// (migration runner, schema drift). Named rf_* so the global setup sweeps leftovers.
import { randomBytes } from "node:crypto";
import pg from "pg";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onAdmin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

/** Creates an empty database on the server of `baseUrl` (the worker's database by default); drop it when done. */
export async function createScratchDatabase(label: string, baseUrl = process.env.DATABASE_URL!): Promise<ScratchDatabase> {
  const name = `rf_${label}_${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(4).toString("hex")}`;
  await onAdmin(baseUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE template0`));
  return {
    name,
    url: withDatabase(baseUrl, name),
    drop: () => onAdmin(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** Runs queries on a database with a short-lived client. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
