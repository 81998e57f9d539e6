import { expect, expectNoA11yViolations, test, visit } from "./support";

test("demo owner signs in and sees the dashboard", async ({ page }) => {
  await visit(page, "/login");
  await page.getByLabel("Email").fill("owner@demo.resolutionflow.test");
  await page.getByLabel("Password").fill("resolutionflow-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("account-name")).toHaveText("Northwind MSP");
  // The dashboard leads with the work: start a flow, prepared sessions, sessions in progress.
  await expect(page.getByRole("heading", { name: "Start a flow" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Prepared for you" })).toBeVisible();
  await expect(page.getByTestId("quick-start-results").getByRole("listitem").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screens/dashboard.png", fullPage: true });
  await expectNoA11yViolations(page);
});
