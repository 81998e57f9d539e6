// Used by the real Prisma CLI where it can download its schema engine (e.g. a Vercel build:
// `prisma migrate deploy --config prisma/prisma.config.ts`). Locally the project's own
// scripts in lib/cli do the same work offline. Migrations go over the direct (unpooled)
// connection when there is one: a transaction-mode pooler drops the session-level advisory
// lock Prisma's migrate takes.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL || "" },
});
