import { defineConfig, devices } from "@playwright/test";

// End-to-end journeys in Debian's Chromium against the real app (`npm start` on a throwaway
// embedded PostgreSQL). Playwright's own browser download is not used.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
/** The e2e server's embedded PostgreSQL (its own port, so parallel runs on one machine do not meet). */
export const E2E_PG_PORT = process.env.EMBEDDED_PG_PORT ?? "54359";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Upper bounds, not waits: journeys wait for states, and on a shared, busy machine (CI, or
  // `with-cpu-load`) a sign-in or a build-heavy page can take far longer than on a laptop.
  timeout: 480_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `node --import tsx lib/cli/start.ts --fresh --port ${PORT}`,
    url: `${BASE_URL}/login`,
    timeout: 900_000, // includes `next build` when the sources changed, slow on a loaded machine
    reuseExistingServer: false,
    stdout: "pipe",
    env: { RF_DATA_NAME: "e2e", EMBEDDED_PG_PORT: E2E_PG_PORT, AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret", APP_URL: BASE_URL, NEXTAUTH_URL: BASE_URL },
  },
});
