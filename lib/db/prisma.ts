// Makes a Prisma client (driver adapter, no native query engine). The app uses the one shared,
// server-only `db` of lib/db/client.ts; the npm scripts (lib/cli) make their own with this.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseEnv } from "@/lib/env";

/** Opt-in for the benchmarks (tests/bench/count-queries.ts): called once per SQL statement. */
const hooks = globalThis as unknown as { __rfQueryCounter?: (sql: string) => void };

export function createPrismaClient(options: { url?: string; poolSize?: number } = {}): PrismaClient {
  const fromEnv = options.url ? null : databaseEnv();
  const url = options.url ?? fromEnv!.url;
  const poolSize = options.poolSize ?? fromEnv!.poolSize;
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  const counter = hooks.__rfQueryCounter;
  if (typeof counter !== "function") return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => counter(event.query));
  return client;
}
