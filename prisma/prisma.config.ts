// Used by the real Prisma CLI where it can download its schema engine (e.g. a Vercel build:
// `prisma migrate deploy --config prisma/prisma.config.ts`). Locally the project's own
// scripts in lib/cli do the same work offline.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
