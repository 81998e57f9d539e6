// Per worker: its own database cloned from the migrated template, so test files running in
// parallel never see each other's rows. Also swaps the request-bound parts of Next.js
// (session cookie, cache revalidation) for test doubles; the database stays real.
import pg from "pg";
import { afterAll, inject, vi } from "vitest";

const templateUrl = inject("templateDatabaseUrl");
const worker = process.env.VITEST_POOL_ID ?? "0";
const database = `rf_worker_${worker}`;

const url = new URL(templateUrl);
const templateName = url.pathname.slice(1);
url.pathname = `/${database}`;
const workerUrl = url.toString();

const adminUrl = new URL(templateUrl);
adminUrl.pathname = "/postgres";
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
if (exists.rowCount === 0) {
  await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${templateName}"`);
}
await admin.end();

process.env.DATABASE_URL = workerUrl;
process.env.DATABASE_POOL_SIZE = "20";
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.APP_URL ??= "http://localhost:3000";
// Mail goes to the OutboxMessage table, where tests read it (tests/helpers/outbox.ts).
process.env.DEV_OUTBOX ??= "1";

vi.mock("@/lib/auth/session", async () => await import("@/tests/helpers/session-double"));
vi.mock("@/lib/auth/request-ip", async () => await import("@/tests/helpers/request-ip-double"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));

afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();
  (globalThis as { prisma?: unknown }).prisma = undefined;
});
