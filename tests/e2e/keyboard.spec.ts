// Keyboard and screen-reader use of a procedure run: the skip link, where focus goes after each
// action (never back to <body>), the checklist's arrow keys, a reload that lands on the open
// step, and an axe scan of each state. Also the flow page's step count (one rule everywhere).
import { DEMO_PASSWORD, expect, expectNoA11yViolations, signIn, test } from "./support";
import { createProcedure, DEMO_ENGINEER, reload, runnerSettled, shot, startSession, uniqueTag } from "./session-support";

test("procedure run by keyboard: focus stays on the step, arrows move in the checklist, a reload keeps the open step", async ({ page }) => {
  const tag = uniqueTag();
  const name = `Patch night ${tag}`;
  await signIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await createProcedure(page, {
    name,
    sections: [
      { title: "Prepare", steps: [{ title: "Snapshot the VM" }, { title: "Pause monitoring" }] },
      { title: "Patch", steps: [{ title: "Install the updates", command: "Install-WindowsUpdate -AcceptAll" }] },
    ],
  });

  // One counting rule: the flow page's About and its step list say the same.
  await expect(page.getByTestId("flow-size")).toHaveText("3 steps in 2 sections");
  await expect(page.getByText("3 steps in 2 sections", { exact: true })).toHaveCount(2);
  await expectNoA11yViolations(page);

  await startSession(page);
  await runnerSettled(page);
  const title = page.getByTestId("runner-step-title");
  await expect(title).toHaveText("Snapshot the VM");
  await expectNoA11yViolations(page);

  // On a freshly loaded page, the first Tab stop skips the navigation.
  await reload(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await shot(page, "skip-link");
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // Done by keyboard: the next step opens and focus is on its heading, not <body>.
  const mark = page.getByRole("group", { name: "Mark this step" });
  await mark.getByRole("button", { name: "Done" }).focus();
  await page.keyboard.press("Enter");
  await expect(title).toHaveText("Pause monitoring");
  await expect(title).toBeFocused();

  // Skip asks why; Escape takes focus back to the Skip button.
  await mark.getByRole("button", { name: "Skip" }).press("Enter");
  await expect(page.getByLabel(/Why skip it\?/)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(mark.getByRole("button", { name: "Skip" })).toBeFocused();

  // A note: n opens it, Escape saves it and hands focus to the step heading.
  await title.focus();
  await page.keyboard.press("n");
  const note = page.getByLabel(/^Note/);
  await expect(note).toBeFocused();
  await page.keyboard.type("Monitoring paused for 2 hours.");
  await page.keyboard.press("Escape");
  await expect(title).toBeFocused();
  await expect(page.getByTestId("note-status")).toHaveText("Saved");

  // Reload: the open step (2) is still open in this tab…
  await runnerSettled(page);
  await reload(page);
  await expect(title).toHaveText("Pause monitoring");
  // …and a new tab (no tab memory) opens it too, from the position saved on the session.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId("runner-step-title")).toHaveText("Pause monitoring");
  await other.close();

  // The checklist is one Tab stop; the arrow keys move from the focused item and open it.
  const checklist = page.getByTestId("runner-checklist");
  const items = checklist.locator("[data-step-button]");
  await expect(checklist.locator('[data-step-button][tabindex="0"]')).toHaveCount(1);
  await expect(checklist.locator('[data-step-button][tabindex="0"]')).toContainText("Pause monitoring");
  await items.nth(1).focus();
  await page.keyboard.press("ArrowDown");
  await expect(items.nth(2)).toBeFocused();
  await expect(title).toHaveText("Install the updates");
  await page.keyboard.press("Home");
  await expect(items.nth(0)).toBeFocused();
  await expect(title).toHaveText("Snapshot the VM");
  await page.keyboard.press("ArrowUp");
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press("End");
  await expect(items.nth(2)).toBeFocused();
  await expect(title).toHaveText("Install the updates");
  await expect(checklist.locator('[data-step-button][tabindex="0"]')).toContainText("Install the updates");

  // The Complete dialog hands focus back to the button that opened it.
  const open = page.getByTestId("open-complete");
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Complete session" });
  await expect(dialog).toBeVisible();
  await expectNoA11yViolations(page, "the Complete dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});
