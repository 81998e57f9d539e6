// The L1 workspace end to end, offline: the demo L1 tech lands on /l1, picks Printers, describes
// a printer problem, walks the matching flow to a resolution; escalates another; the engineer
// (the Printers recipient) sees it in the bell, claims and resolves it in the inbox; the tech
// finds the resolution on /l1. Screenshots of /l1 and the inbox in light, dark and tablet width.
import type { Page } from "@playwright/test";
import { chooseTheme, DEMO_PASSWORD, expect, pageReady, submitSignIn, signOut, SIGN_IN_TIMEOUT, test, toast, visit } from "./support";
import { DEMO_ENGINEER, outcomeHeading, runnerSettled, shot, uniqueTag } from "./session-support";

const DEMO_L1 = { email: "l1@demo.resolutionflow.test", name: "Lena L1" };

async function describeProblem(page: Page, problem: string) {
  await page.getByTestId("l1-category").filter({ hasText: "Printers" }).click();
  await page.getByLabel("2. Describe the problem").fill(problem);
  await page.getByTestId("l1-find").click();
  await expect(page.getByTestId("l1-matches")).toBeVisible();
}

async function threeShots(page: Page, name: string) {
  await shot(page, `${name}-light`);
  await chooseTheme(page, "Dark");
  await shot(page, `${name}-dark`);
  await chooseTheme(page, "Light");
  await page.setViewportSize({ width: 820, height: 1180 });
  await pageReady(page);
  await shot(page, `${name}-tablet`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("an L1 tech walks a printer problem to a resolution, escalates another, an engineer claims and resolves it", async ({ page }) => {
  const tag = uniqueTag();
  // Sign-in goes to /dashboard, which sends an L1 tech on to their workspace.
  await submitSignIn(page, DEMO_L1.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/l1$/, { timeout: SIGN_IN_TIMEOUT });
  await pageReady(page);
  await expect(page.getByRole("heading", { name: "L1 workspace" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Escalations" })).toHaveCount(0);

  // 1. A printer problem → the Printer offline flow, walked to a resolution in the normal runner.
  await describeProblem(page, `Printer offline, jobs stuck in the queue (${tag})`);
  const recommended = page.getByTestId("l1-matches").getByRole("listitem").filter({ hasText: "Printer offline" });
  await expect(recommended).toContainText("Recommended");
  await threeShots(page, "l1-intake");
  await recommended.getByTestId("l1-use-flow").click();
  await expect(page).toHaveURL(/\/sessions\/[^/]+$/);
  const title = page.getByTestId("runner-node-title");
  await expect(title).toHaveText("Who is affected?");
  await pageReady(page);
  await runnerSettled(page);
  await page.keyboard.press("2");
  await expect(title).toHaveText("Check the queue on the affected PC");
  await runnerSettled(page);
  await page.keyboard.press("1");
  await expect(title).toHaveText("Resolved: 'Use Printer Offline' was ticked");
  await runnerSettled(page);
  await page.getByTestId("runner-terminal").getByRole("button", { name: "Complete session" }).click();
  await page.getByRole("dialog", { name: "Complete session" }).getByRole("button", { name: "Complete session" }).click();
  await expect(outcomeHeading(page)).toHaveText("Resolved");

  // 2. Another printer problem: escalated from the runner, with a reason.
  const problem = `Printer prints blank pages after a toner change (${tag})`;
  await visit(page, "/l1");
  await describeProblem(page, problem);
  await page.getByTestId("l1-use-flow").first().click();
  await expect(page.getByTestId("session-runner")).toBeVisible();
  await pageReady(page);
  await page.getByTestId("open-escalate").click();
  const dialog = page.getByRole("dialog", { name: "Escalate this problem" });
  await dialog.getByLabel("What should the engineer know?").fill("New toner cartridge; blank pages on every job.");
  await shot(page, "l1-escalate-dialog", { dialog: true });
  await dialog.getByTestId("confirm-escalate").click();
  await expect(toast(page, "Escalated")).toBeVisible();
  await expect(outcomeHeading(page)).toHaveText("Escalated");
  await visit(page, "/l1");
  await expect(page.getByTestId("my-escalations").getByRole("listitem").filter({ hasText: problem })).toContainText("Open");
  await signOut(page);

  // 3. The engineer (the Printers recipient): the bell, the inbox, claim, note, resolve.
  await submitSignIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: SIGN_IN_TIMEOUT });
  await pageReady(page);
  await expect(page.getByTestId("notification-count")).toBeVisible();
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification-list")).toContainText(problem);
  await page.keyboard.press("Escape");
  await visit(page, "/escalations");
  const row = page.getByTestId("inbox-row").filter({ hasText: problem });
  await expect(row).toBeVisible();
  await threeShots(page, "escalations-inbox");
  await row.click();
  await expect(page.getByRole("heading", { name: problem })).toBeVisible();
  await pageReady(page);
  await expect(page.getByTestId("escalation-walk")).toContainText("Printer offline");
  await page.getByTestId("claim-escalation").click();
  await expect(toast(page, "Claimed")).toBeVisible();
  await page.getByLabel("Add a note").fill("Toner seal tab still in place.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Toner seal tab still in place.", { exact: true })).toBeVisible();
  await page.getByLabel("Resolution").fill("Pulled the toner's seal tab; test page prints.");
  await page.getByTestId("resolve-escalation").click();
  await expect(page.getByTestId("escalation-resolved")).toContainText("Pulled the toner's seal tab");
  await shot(page, "escalation-detail-resolved");
  await signOut(page);

  // 4. Back to the L1 tech: the resolution on /l1.
  await submitSignIn(page, DEMO_L1.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/l1$/, { timeout: SIGN_IN_TIMEOUT });
  await pageReady(page);
  const mine = page.getByTestId("my-escalations").getByRole("listitem").filter({ hasText: problem });
  await expect(mine).toContainText("Resolved");
  await expect(mine.getByTestId("escalation-resolution")).toHaveText("Pulled the toner's seal tab; test page prints.");
  await shot(page, "l1-resolution-back");
});
