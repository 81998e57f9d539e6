// Maintenance journeys: run a maintenance flow on pasted targets, follow the batch hub while a
// colleague's tab completes a target, re-run, export CSV; a schedule in Europe/Berlin, made
// due and fired through the cron route with the local secret.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import type { Page } from "@playwright/test";
import { completeSession, DEMO_ENGINEER, openFlowByName, shot, uniqueTag } from "./session-support";
import { DEMO_PASSWORD, chooseTheme, expect, expectNoA11yViolations, submitSignIn, test, toast, visit } from "./support";

const FLOW = "Monthly Windows patching";
const DB_URL = `postgresql://resolutionflow:resolutionflow@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54359}/resolutionflow`;

async function sql<T>(query: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  try {
    return (await client.query(query, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Signs in the demo engineer; password hashing can take a while on a busy machine. */
async function signInEngineer(page: Page) {
  await submitSignIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 60_000 });
}

const cards = (page: Page) => page.getByTestId("target-card");
const card = (page: Page, label: string) => cards(page).filter({ hasText: label });

test("run on pasted targets, the hub follows another tab live, re-run, export CSV", async ({ page, context }) => {
  test.setTimeout(240_000);
  await signInEngineer(page);
  await openFlowByName(page, FLOW);
  const tag = uniqueTag();
  await page.getByRole("button", { name: "Run on targets" }).click();
  const dialog = page.getByRole("dialog", { name: "Run on targets" });
  await dialog.getByTestId("targets-text").fill(`SRV-${tag}-A # file server\nSRV-${tag}-B\nsrv-${tag}-b`);
  await expect(dialog.getByTestId("targets-problems")).toContainText(`Line 3: "srv-${tag}-b" is already in the list (line 2).`);
  await expect(dialog.getByTestId("launch-batch")).toBeDisabled();
  await dialog.getByTestId("targets-text").fill(`SRV-${tag}-A # file server\nSRV-${tag}-B\nSRV-${tag}-C`);
  await expect(dialog.getByTestId("run-count")).toHaveText("3 sessions will be created");
  await shot(page, "maintenance-run-dialog", { dialog: true });
  await dialog.getByTestId("launch-batch").click();

  await expect(page).toHaveURL(/\/maintenance\/batches\/[^/]+$/);
  const batchUrl = page.url();
  await expect(cards(page)).toHaveCount(3);
  await expect(page.getByTestId("box-score").locator('[data-state="not_started"]')).toHaveText("3");

  // A colleague's tab (same engineer, second tab) starts and completes target A.
  const other = await context.newPage();
  await expect(card(page, `SRV-${tag}-A`).getByRole("button", { name: "Start" })).toBeVisible();
  const sessionId = (await sql<{ id: string }>(`SELECT id FROM "Session" WHERE "targetLabel" = $1`, [`SRV-${tag}-A`]))[0].id;
  await visit(other, `/sessions/${sessionId}`);
  await other.getByRole("button", { name: /^Start/ }).click();
  await expect(other.getByTestId("session-runner")).toBeVisible();
  // The runner's context strip: target, batch progress, back to batch, next target.
  const strip = other.getByTestId("batch-context");
  await expect(strip).toContainText(`Target: SRV-${tag}-A`);
  await expect(strip).toContainText("Batch 0/3 finished");
  await expect(strip.getByRole("link", { name: `Next target: SRV-${tag}-B` })).toBeVisible();
  await completeSession(other, "completed");
  // Its ticket note's print view names the target (with its notes) and the batch.
  await visit(other, `/sessions/${sessionId}/print`);
  await expect(other.locator("article")).toContainText(new RegExp(`Target:\\s*SRV-${tag}-A \\(file server\\)`));
  await expect(other.locator("article")).toContainText(/Batch:\s*launched .+, 3 targets/);

  // The hub updates without a reload.
  await expect(card(page, `SRV-${tag}-A`)).toHaveAttribute("data-state", "completed");
  await expect(page.getByTestId("box-score").locator('[data-state="completed"]')).toHaveText("1");
  expect(page.url()).toBe(batchUrl);
  // One state at a time, and a search in the labels; the box score still counts every target.
  await page.getByTestId("state-chip-completed").click();
  await expect(cards(page)).toHaveCount(1);
  await expect(card(page, `SRV-${tag}-A`)).toBeVisible();
  await page.getByTestId("state-chip-all").click();
  await page.getByRole("searchbox", { name: "Search targets" }).fill(`${tag}-b`);
  await expect(cards(page)).toHaveCount(1);
  await expect(card(page, `SRV-${tag}-B`)).toBeVisible();
  await page.getByRole("searchbox", { name: "Search targets" }).fill("no-such-target");
  await expect(page.getByTestId("no-targets")).toContainText('No target matches "no-such-target"');
  await page.getByRole("searchbox", { name: "Search targets" }).fill("");
  await expect(cards(page)).toHaveCount(3);
  // What needs attention first: the not-started targets before the completed one.
  await expect(cards(page).last()).toHaveAttribute("data-state", "completed");
  await shot(page, "maintenance-hub-light");
  await chooseTheme(page, "Dark");
  await shot(page, "maintenance-hub-dark");
  await chooseTheme(page, "Light");
  await page.setViewportSize({ width: 820, height: 1180 });
  await shot(page, "maintenance-hub-tablet");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Export CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFtarget,status,outcome,steps_done,steps_skipped,steps_failed,engineer,started,finished,duration,notes");
  expect(csv).toContain(`SRV-${tag}-A,Completed,Completed,`);
  expect(csv).toContain(`SRV-${tag}-B,Not started,`);

  // History filtered to this batch, with a target column.
  await page.getByRole("link", { name: "In history" }).click();
  await expect(page.getByTestId("batch-filter")).toBeVisible();
  await expect(page.getByTestId("session-target")).toHaveCount(3);
  for (const label of ["A", "B", "C"]) await expect(page.getByTestId("session-results")).toContainText(`SRV-${tag}-${label}`);
  await page.goBack();
  await expect(cards(page)).toHaveCount(3);

  // Re-run the two that never started: a new batch, linked to the first.
  await page.getByRole("button", { name: "Re-run failed and not started" }).click();
  await expect(toast(page, "Re-run launched")).toBeVisible();
  await expect(page).not.toHaveURL(batchUrl);
  await expect(cards(page)).toHaveCount(2);
  await expect(page.getByText(/Re-run of/)).toBeVisible();
});

test("a schedule in Europe/Berlin: words, next runs, and the cron route fires it onto the flow page and the dashboard", async ({ page }) => {
  test.setTimeout(240_000);
  await signInEngineer(page);
  const tag = uniqueTag();
  const listName = `Patch ring ${tag}`;
  await visit(page, "/maintenance?tab=lists");
  await page.getByRole("button", { name: "New target list" }).click();
  const listDialog = page.getByRole("dialog", { name: "New target list" });
  await listDialog.getByLabel("Name").fill(listName);
  await listDialog.getByTestId("targets-text").fill(`WEB-${tag}-1\nWEB-${tag}-2`);
  await listDialog.getByRole("button", { name: "Create list" }).click();
  await expect(toast(page, "Target list created")).toBeVisible();
  await expect(page.getByTestId("target-lists")).toContainText(listName);
  // The tab's rows carry the count and the first labels; the editor loads the list's targets when it opens.
  const listRow = page.getByTestId("target-lists").getByRole("listitem").filter({ hasText: listName });
  await expect(listRow).toContainText("2 targets");
  await expect(listRow).toContainText(`WEB-${tag}-1, WEB-${tag}-2`);
  await listRow.getByRole("button", { name: "Edit" }).click();
  const editDialog = page.getByRole("dialog", { name: `Edit ${listName}` });
  await expect(editDialog.getByTestId("targets-text")).toHaveValue(`WEB-${tag}-1\nWEB-${tag}-2`);
  await expectNoA11yViolations(page);
  await editDialog.getByTestId("targets-text").fill(`WEB-${tag}-1\nWEB-${tag}-2\nWEB-${tag}-3 # new`);
  await editDialog.getByRole("button", { name: "Save list" }).click();
  await expect(toast(page, "Target list saved")).toBeVisible();
  await expect(listRow).toContainText("3 targets");
  await shot(page, "maintenance-target-lists");
  await page.setViewportSize({ width: 820, height: 1180 });
  await shot(page, "maintenance-target-lists-tablet");
  await page.setViewportSize({ width: 1280, height: 720 });

  const flowId = await openFlowByName(page, FLOW);
  await page.getByRole("button", { name: "Add schedule" }).click();
  const dialog = page.getByRole("dialog", { name: "New schedule" });
  await dialog.getByLabel("Cron expression").fill("0 3 * * 1");
  await dialog.getByLabel("Time zone").fill("Europe/Berlin");
  // The lists load when the dialog opens.
  await expect(dialog.getByLabel("Target list").locator("option", { hasText: listName })).toHaveCount(1);
  await dialog.getByLabel("Target list").selectOption({ label: `${listName} (3)` });
  await expect(dialog.getByTestId("schedule-words")).toContainText("At 03:00, only on Monday");
  const runs = dialog.getByTestId("schedule-next-runs").getByRole("row");
  await expect(runs).toHaveCount(5);
  await expect(runs.first()).toContainText(/^Mon \d{1,2} \w{3} \d{4} 03:00 (GMT\+1|GMT\+2|CET|CEST)/);
  // …and in the viewer's zone beside it, when that is another one.
  const viewerZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (viewerZone !== "Europe/Berlin") {
    await expect(dialog.getByTestId("schedule-preview").getByRole("columnheader", { name: `Your time (${viewerZone})` })).toBeVisible();
    await expect(runs.first().getByRole("cell")).toHaveCount(2);
  }
  await dialog.getByLabel("Cron expression").fill("0 3 * *");
  await expect(dialog.getByTestId("schedule-problem")).toContainText("five fields");
  await dialog.getByLabel("Cron expression").fill("0 3 * * 1");
  await shot(page, "maintenance-schedule-dialog", { dialog: true });
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  await expect(toast(page, "Schedule created")).toBeVisible();
  await expect(page.getByTestId("schedules")).toContainText("At 03:00, only on Monday");

  // Make it due, then call the route as Vercel Cron would.
  const [schedule] = await sql<{ id: string }>(`SELECT s.id FROM "Schedule" s JOIN "TargetList" l ON l.id = s."targetListId" WHERE l.name = $1`, [listName]);
  await sql(`UPDATE "Schedule" SET "nextRunAt" = now() - interval '1 minute' WHERE id = $1`, [schedule.id]);
  const secret = readFileSync(path.join(process.cwd(), ".data/cron-secret"), "utf8").trim();
  expect((await page.request.get("/api/cron/maintenance", { headers: { authorization: "Bearer wrong-secret-wrong-secret" } })).status()).toBe(401);
  const response = await page.request.get("/api/cron/maintenance", { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ fired: 1, errors: 0 });

  await visit(page, `/flows/${flowId}`);
  await expect(page.getByTestId("batch-history").getByRole("listitem").first()).toContainText("Schedule");
  // Its mini progress: a dot per target, told in words to assistive technology.
  await expect(page.getByTestId("batch-history").getByTestId("state-dots").first()).toHaveAttribute("aria-label", /^3 not started, 0 in progress/);
  await shot(page, "maintenance-flow-page");
  await page.setViewportSize({ width: 820, height: 1180 });
  await shot(page, "maintenance-flow-page-tablet");
  await page.setViewportSize({ width: 1280, height: 720 });
  await visit(page, "/dashboard");
  await expect(page.getByTestId("dashboard-batches")).toContainText(FLOW);
  await expect(page.getByTestId("dashboard-batches").getByRole("listitem").first()).toContainText("Scheduled");
  await shot(page, "maintenance-dashboard");
  await visit(page, "/maintenance");
  await expect(page.getByTestId("maintenance-flows")).toContainText("At 03:00, only on Monday");
  await expect(page.getByTestId("maintenance-flows").getByRole("listitem").filter({ hasText: FLOW }).getByTestId("state-dots")).toHaveAttribute("aria-label", /^3 not started/);
  await shot(page, "maintenance-overview");
  await page.setViewportSize({ width: 820, height: 1180 });
  await shot(page, "maintenance-overview-tablet");
});
