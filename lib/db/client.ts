// The one Prisma client of the app (driver adapter, no native query engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseEnv } from "@/lib/env";

const globalForPrisma = globalThis as unknown as {
  prisma?: PrismaClient;
  /** Opt-in for the benchmarks (tests/bench/count-queries.ts): called once per SQL statement. */
  __rfQueryCounter?: (sql: string) => void;
};

function createClient() {
  const { url, poolSize } = databaseEnv();
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  const counter = globalForPrisma.__rfQueryCounter;
  if (typeof counter !== "function") return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => counter(event.query));
  return client;
}

// Reused across hot reloads in dev and across modules in tests.
// Created on first use, so importing this module never needs a database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = (globalForPrisma.prisma ??= createClient());
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
