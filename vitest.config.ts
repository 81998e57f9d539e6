import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Server modules import "server-only"; outside Next's server bundles it would throw.
  "server-only": path.resolve(import.meta.dirname, "tests/setup/server-only.ts"),
};
// The bench project exists only when asked for (`npm run bench` = `vitest run --project bench`),
// so a plain `vitest run` (npm test) does not spend minutes on benchmarks.
const benchRequested = /--project[= ]bench\b/.test(process.argv.join(" "));
// Its own PostgreSQL (tests/setup/global-db.ts keys the cluster on this port), so a benchmark
// never shares a cluster with a test run.
if (benchRequested) process.env.TEST_PG_PORT ??= "54351";

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/worker-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(benchRequested ? [{
        // `npm run bench`: prints timings and statement counts, asserts nothing about speed.
        resolve: { alias },
        test: {
          name: "bench",
          include: ["tests/bench/**/*.bench.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/worker-db.ts"],
          // One file at a time, so the timings do not compete for the two cores.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      }] : []),
    ],
  },
});
