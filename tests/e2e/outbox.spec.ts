// The dev outbox shows every account's reset links to anyone, so it exists only with
// DEV_OUTBOX=1. The journeys' server (lib/cli/start.ts, a local demo without SMTP_URL) turns it
// on; a production server started on the same build with SMTP_URL and without DEV_OUTBOX has
// no outbox, and one with neither refuses to start.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { BASE_URL, E2E_PG_PORT } from "../../playwright.config";
import { expect, screenshot, test } from "./support";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
// Beside the journeys' own port, so parallel runs on one machine keep apart.
const PROD_PORT = Number(new URL(BASE_URL).port) + 1000;
const PROD_URL = `http://localhost:${PROD_PORT}`;

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** `next start` on the journeys' build and database, with the given mail settings. */
function nextStart(mail: { SMTP_URL?: string; DEV_OUTBOX?: string }): Server {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["SMTP_URL", "DEV_OUTBOX", "MAIL_FROM", "NODE_ENV"]) delete env[name];
  Object.assign(env, {
    ...mail,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "e2e-prod-secret-e2e-prod-secret",
    DATABASE_URL: `postgresql://resolutionflow:resolutionflow@127.0.0.1:${E2E_PG_PORT}/resolutionflow`,
    APP_URL: PROD_URL,
    NEXTAUTH_URL: PROD_URL,
  });
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(PROD_PORT)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function stop(server: Server) {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
  await server.exited;
}

test.describe("dev outbox", () => {
  // Each test starts a production server of its own: slow on a loaded machine.
  test.describe.configure({ timeout: 600_000 });

  test("the local demo server shows the outbox; a production server with SMTP_URL and no DEV_OUTBOX answers 404", async ({ page, request }) => {
    // The journeys' server: npm start without SMTP_URL turned the outbox on.
    await page.goto("/dev/outbox");
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
    await expect(page.getByText("DEV_OUTBOX=1 is set")).toBeVisible();
    await screenshot(page, "dev-outbox");

    const server = nextStart({ SMTP_URL: "smtp://127.0.0.1:9" });
    try {
      await expect
        .poll(async () => (server.child.exitCode !== null ? `exited: ${server.output()}` : (await fetch(`${PROD_URL}/login`).catch(() => null))?.status), {
          timeout: 480_000,
          intervals: [250],
        })
        .toBe(200);
      // Signed out, as an attacker would ask.
      const outbox = await request.get(`${PROD_URL}/dev/outbox`, { maxRedirects: 0 });
      expect(outbox.status()).toBe(404);
      expect(await outbox.text()).not.toContain("outbox-message");
      // The reset page no longer points people at the outbox.
      const forgot = await request.get(`${PROD_URL}/forgot-password`);
      expect(forgot.status()).toBe(200);
      expect(await forgot.text()).not.toContain("/dev/outbox");
    } finally {
      await stop(server);
    }
  });

  for (const devOutbox of [undefined, "true"]) {
    test(`a production server with no SMTP_URL and DEV_OUTBOX ${devOutbox === undefined ? "unset" : `set to ${devOutbox}`} refuses to start, naming both`, async () => {
      const server = nextStart(devOutbox === undefined ? {} : { DEV_OUTBOX: devOutbox });
      try {
        expect(await server.exited).toBe(1);
        expect(server.output()).toContain("ResolutionFlow cannot start");
        expect(server.output()).toContain("set SMTP_URL");
        expect(server.output()).toContain("or DEV_OUTBOX=1");
      } finally {
        await stop(server);
      }
    });
  }
});
