// Flow analytics and /insights end to end: an author's new procedure says it has no sessions,
// two runs later its Analytics tab shows the numbers, a chart and the same numbers as a table
// (light, dark, tablet); /insights renders from the sidebar.
import type { Page } from "@playwright/test";
import { chooseTheme, DEMO_PASSWORD, expect, expectNoA11yViolations, signIn, test, visit } from "./support";
import { completeSession, createProcedure, DEMO_ENGINEER, runnerSettled, shot, startSession, uniqueTag } from "./session-support";

async function runOnce(page: Page, flowId: string, second: "Done" | "Skip", outcome: "completed" | "aborted") {
  await visit(page, `/flows/${flowId}`);
  await startSession(page);
  const mark = page.getByRole("group", { name: "Mark this step" });
  await mark.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("runner-step-title")).toHaveText("Restart the print spooler");
  await mark.getByRole("button", { name: second }).click();
  if (second === "Skip") {
    await page.getByLabel(/Why skip it\?/).fill("Spooler was already running.");
    await page.getByRole("button", { name: "Mark skipped" }).click();
  }
  await expect(page.getByTestId("runner-progress")).toHaveText("2 of 2 steps");
  await runnerSettled(page);
  await completeSession(page, outcome);
}

test("an author sees their flow's analytics after two runs, as chart and table; /insights renders", async ({ page }) => {
  // A long journey (build a procedure, two runs, two pages in three looks): a bound, not a wait.
  test.setTimeout(600_000);
  const name = `Spooler check ${uniqueTag()}`;
  await signIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  const flowId = await createProcedure(page, {
    name,
    sections: [{ title: "Printing", steps: [{ title: "Check the print queue" }, { title: "Restart the print spooler", command: "Restart-Service Spooler" }] }],
  });

  // No sessions yet: the tab says so.
  await page.getByTestId("flow-tab-analytics").click();
  await expect(page).toHaveURL(/tab=analytics/);
  await expect(page.getByTestId("analytics-empty")).toContainText("No sessions of this flow");

  await runOnce(page, flowId, "Skip", "completed");
  await runOnce(page, flowId, "Done", "aborted");

  await visit(page, `/flows/${flowId}?tab=analytics`);
  const panel = page.getByTestId("flow-analytics");
  await expect(page.getByTestId("stat-sessions")).toHaveText("2");
  await expect(page.getByTestId("stat-resolution")).toHaveText("50%");
  await expect(page.getByTestId("stat-median")).not.toHaveText("—");
  // Step rates from the marks: the second step skipped once of twice.
  const rates = page.getByTestId("step-rates");
  await expect(rates.getByRole("row", { name: /Check the print queue/ })).toContainText("0% (0)");
  await expect(rates.getByRole("row", { name: /Restart the print spooler/ })).toContainText("50% (1)");
  // The chart, then the same numbers as a table.
  const overTime = page.getByTestId("chart-over-time");
  await expect(overTime.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const outcomes = page.getByTestId("chart-outcomes");
  await outcomes.getByRole("button", { name: "Table" }).click();
  await expect(outcomes.getByRole("button", { name: "Table" })).toHaveAttribute("aria-pressed", "true");
  await expect(outcomes.getByRole("row", { name: /Completed/ })).toContainText("1");
  await expect(outcomes.getByRole("row", { name: /Aborted/ })).toContainText("50%");
  await expect(panel).toBeVisible();
  await shot(page, "flow-analytics-light");
  await expectNoA11yViolations(page, "the flow Analytics tab");

  // Date range: the link keeps the tab.
  await page.getByRole("link", { name: "Last 30 days" }).click();
  await expect(page).toHaveURL(/range=30/);
  await expect(page.getByTestId("stat-sessions")).toHaveText("2");
  await expect(overTime.getByRole("heading")).toHaveText("Sessions per day");

  await chooseTheme(page, "Dark");
  await shot(page, "flow-analytics-dark");
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot(page, "flow-analytics-tablet");
  await page.setViewportSize({ width: 1280, height: 720 });

  // /insights from the sidebar.
  await page.getByRole("link", { name: "Insights" }).first().click();
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await expect(page.getByTestId("insights")).toBeVisible();
  await expect(page.getByTestId("engineers")).toContainText("Sessions per engineer");
  await page.getByTestId("engineers").getByRole("button", { name: "Table" }).click();
  await expect(page.getByTestId("engineers").getByRole("row", { name: new RegExp(DEMO_ENGINEER.name) })).toBeVisible();
  await shot(page, "insights-dark");
  await expectNoA11yViolations(page, "/insights");
  await chooseTheme(page, "Light");
  await shot(page, "insights-light");
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot(page, "insights-tablet");
});
