// Sessions end to end: a troubleshooting walk to a solution with the ticket note on the
// clipboard; a procedure with inline variables, a custom step and a reload mid-run; a session
// prepared by the owner for an engineer; and the history tabs and filters.
import type { Page } from "@playwright/test";
import { DEMO_OWNER, DEMO_PASSWORD, expect, expectNoA11yViolations, newPerson, signIn, signUpCompany, test, toast, visit } from "./support";
import { completeSession, createProcedure, DEMO_ENGINEER, openFlowByName, outcomeHeading, reload, runnerSettled, shot, startSession, uniqueTag } from "./session-support";

/** Plain text with every run of whitespace as one space, so word wrapping does not matter. */
const flat = (text: string) => text.replace(/\s+/g, " ");

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("troubleshooting: the engineer walks Printer offline to a solution and copies a clean ticket note", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const printer = `HP-Finance-${uniqueTag()}`;
  await signIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await openFlowByName(page, "Printer offline");
  await startSession(page);

  const title = page.getByTestId("runner-node-title");
  const breadcrumbs = page.getByTestId("runner-breadcrumbs");
  await expect(title).toHaveText("Who is affected?");
  await expect(page.getByTestId("runner-header")).toContainText("Ethan Engineer");

  // The question's text uses [VAR:printer_name]: unfilled, it is an input right in the text.
  const prompt = page.getByTestId("runner-node").locator('[data-variable-prompt="printer_name"]');
  await expect(prompt).toHaveCount(1);
  await expect(prompt).toContainText("Printer / queue name");
  await prompt.getByRole("textbox").fill(printer);
  await prompt.getByRole("textbox").press("Enter");
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId("runner-node")).toContainText(`check with one colleague near ${printer}`);
  await runnerSettled(page);

  // Answer 2 with the keyboard.
  await page.keyboard.press("2");
  await expect(title).toHaveText("Check the queue on the affected PC");
  await expect(breadcrumbs).toContainText("Only one user or computer");
  await expect(page.getByTestId("runner-command").first()).toContainText(`$_.Name -eq '${printer}'`);
  await shot(page, "runner-troubleshooting");
  await expectNoA11yViolations(page);

  // A click, then Back (recorded), then a note and answer 1 with the keyboard.
  await page.getByTestId("runner-answers").getByRole("button", { name: "Jobs stuck or the queue shows Error" }).click();
  await expect(title).toHaveText("Clear stuck jobs and restart the Print Spooler");
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await expect(title).toHaveText("Check the queue on the affected PC");

  await page.keyboard.press("n");
  await expect(page.getByLabel(/^Note/)).toBeFocused();
  await page.keyboard.type("Use Printer Offline was ticked on the PC.");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("note-status")).toHaveText("Saved");
  await page.keyboard.press("1");
  await expect(title).toHaveText("Resolved: 'Use Printer Offline' was ticked");
  const terminal = page.getByTestId("runner-terminal");
  await expect(terminal).toContainText("suggested outcome: Resolved");
  await runnerSettled(page);

  // Complete from the end of the flow: Resolved is preselected.
  await terminal.getByRole("button", { name: "Complete session" }).click();
  const dialog = page.getByRole("dialog", { name: "Complete session" });
  await expect(dialog.getByRole("radio", { name: /^Resolved/ })).toBeChecked();
  await dialog.getByLabel("Notes").fill("Unticked Use Printer Offline; a test page printed.");
  await dialog.getByRole("button", { name: "Complete session" }).click();
  await expect(outcomeHeading(page)).toHaveText("Resolved");
  await expect(page.locator('[data-outcome="resolved"]')).toContainText("Ethan Engineer");
  await expect(page.getByTestId("summary-step")).toHaveCount(5);
  await shot(page, "outcome-card-troubleshooting");
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Copy for ticket" }).click();
  await expect(toast(page, "Ticket note copied")).toBeVisible();
  const text = await readClipboard(page);
  const note = flat(text);
  expect(note).toContain("Flow: Printer offline (version ");
  expect(note).toContain("Outcome: Resolved");
  expect(note).toContain("Engineer: Ethan Engineer");
  expect(note).toContain(`Printer / queue name: ${printer}`);
  expect(note).toContain("Affected computer: [VAR:computer_name]");
  expect(note).toContain("1. Who is affected? Answer: Only one user or computer");
  expect(note).toContain("2. Check the queue on the affected PC Answer: Jobs stuck or the queue shows Error");
  expect(note).toContain("3. Clear stuck jobs and restart the Print Spooler Answer: None, went back to step 2");
  expect(note).toContain(
    "4. Check the queue on the affected PC Answer: 'Use Printer Offline' was ticked — printing works now Note: Use Printer Offline was ticked on the PC.",
  );
  expect(note).toContain("5. Solution: Resolved: 'Use Printer Offline' was ticked");
  expect(note).toContain("NOTES Unticked Use Printer Offline; a test page printed.");
  // Plain text for the ticket: no Markdown.
  expect(text).not.toMatch(/#|\*\*|`/);

  // The menu's Markdown variant is Markdown.
  await page.getByRole("button", { name: "More ways to copy the ticket note" }).click();
  await page.getByRole("menuitem", { name: "Copy as Markdown" }).click();
  await expect(toast(page, "Ticket note copied as Markdown")).toBeVisible();
  expect(await readClipboard(page)).toContain("**Outcome:** Resolved");
});

test("procedure: a variable filled inline, a custom step kept across a reload, completed with a soft warning", async ({ page }) => {
  const tag = uniqueTag();
  const name = `Disk check ${tag}`;
  const server = `srv-file-${tag}`;
  await signIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await createProcedure(page, {
    name,
    sections: [
      {
        title: "Check the server",
        steps: [
          { title: "Check disk on [VAR:server_name]", command: "Get-Volume -CimSession [VAR:server_name]" },
          { title: "Confirm at least 15 percent free space" },
        ],
      },
    ],
    variables: [
      { key: "server_name", label: "Server name", fieldType: "hostname", required: true, helpText: "The server to check, e.g. srv-file01." },
      { key: "ticket_id", label: "Ticket ID", fieldType: "text", required: true },
    ],
  });
  await expect(page.getByText("server_name", { exact: true })).toBeVisible();
  const sessionId = await startSession(page);

  const step = page.getByTestId("runner-step");
  await expect(step).toContainText("Step 1 of 2 · Check the server");
  await expect(page.getByTestId("open-session-variables").getByLabel("2 not filled")).toBeVisible();
  // Unfilled in the title and in the command: an input in both places.
  const prompts = step.locator('[data-variable-prompt="server_name"]');
  await expect(prompts).toHaveCount(2);
  const input = prompts.first().getByRole("textbox", { name: /Server name/ });
  await input.fill("srv file 01!");
  await input.press("Enter");
  await expect(prompts.first().getByRole("alert")).toHaveText("Enter a host name like srv-file01 or srv-file01.corp.example.com.");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await shot(page, "runner-procedure-variable");
  await expectNoA11yViolations(page);

  await input.fill(server);
  await input.press("Enter");
  await expect(prompts).toHaveCount(0);
  await expect(page.getByTestId("runner-step-title")).toHaveText(`Check disk on ${server}`);
  await expect(step.getByTestId("runner-command")).toContainText(`Get-Volume -CimSession ${server}`);
  await expect(page.getByTestId("runner-checklist")).toContainText(`Check disk on ${server}`);
  await expect(page.getByTestId("open-session-variables").getByLabel("1 not filled")).toBeVisible();
  await runnerSettled(page);

  // A custom step, typed in, after the current one.
  await page.getByRole("button", { name: "Add custom step after this" }).click();
  const custom = page.getByRole("dialog", { name: "Add a custom step" });
  await expect(custom).toContainText(`Inserted after “Check disk on ${server}”`);
  await custom.getByLabel("Title").fill("Clean up the component store on [VAR:server_name]");
  await custom.getByLabel("Instructions").fill("Free space was low: run the **DISM** cleanup.");
  await custom.getByRole("button", { name: "Add command" }).click();
  await custom.getByLabel("Command 1", { exact: true }).fill("Dism.exe /Online /Cleanup-Image /StartComponentCleanup");
  await custom.getByRole("button", { name: "Add step" }).click();
  await expect(custom).toBeHidden();
  await expect(toast(page, "Custom step added")).toBeVisible();
  await expect(page.getByTestId("runner-step-title")).toHaveText(`Clean up the component store on ${server}`);
  await expect(step).toContainText("Step 2 of 3");
  await expect(step.getByText("Custom", { exact: true })).toBeVisible();

  // Adding the step saved the position on the session: once written, a reload resumes here.
  await runnerSettled(page);
  await reload(page);
  await expect(page.getByTestId("session-runner")).toBeVisible();
  await expect(page.getByTestId("runner-step-title")).toHaveText(`Clean up the component store on ${server}`);
  await expect(step).toContainText("Step 2 of 3");
  await expect(step.getByText("Custom", { exact: true })).toBeVisible();
  await expect(step.getByTestId("runner-command")).toContainText("Dism.exe /Online /Cleanup-Image /StartComponentCleanup");
  const checklist = page.getByTestId("runner-checklist");
  await expect(checklist.getByRole("button")).toHaveCount(3);
  await expect(checklist.getByRole("button", { name: /Clean up the component store/ })).toContainText("Custom");

  // The same runner on a tablet.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(page.getByRole("button", { name: "Show checklist" })).toBeVisible();
  await shot(page, "runner-procedure-tablet");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Mark: the custom step done, the last skipped with a reason, the first done.
  const mark = page.getByRole("group", { name: "Mark this step" });
  await mark.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("runner-step-title")).toHaveText("Confirm at least 15 percent free space");
  await mark.getByRole("button", { name: "Skip" }).click();
  await page.getByLabel(/Why skip it\?/).fill("Cleanup freed enough space already.");
  await page.getByRole("button", { name: "Mark skipped" }).click();
  await expect(page.getByTestId("runner-step-title")).toHaveText(`Check disk on ${server}`);
  await mark.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("runner-progress")).toHaveText("3 of 3 steps");
  const end = page.getByTestId("runner-end");
  await expect(end).toContainText("All steps are marked");
  await runnerSettled(page);

  // Completing with the required ticket_id still empty: a warning, not a block.
  await end.getByRole("button", { name: "Complete session" }).click();
  const dialog = page.getByRole("dialog", { name: "Complete session" });
  const warning = dialog.getByTestId("complete-missing-variables");
  await expect(warning).toContainText("Required variable is still empty");
  await expect(warning).toContainText("Ticket ID");
  await expect(dialog.getByRole("radio", { name: /^Completed with issues/ })).toBeChecked();
  await shot(page, "complete-soft-warning", { dialog: true });
  await expectNoA11yViolations(page, "the Complete dialog with a missing variable");
  await dialog.getByRole("button", { name: "Complete session" }).click();

  await expect(outcomeHeading(page)).toHaveText("Completed with issues");
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  const steps = page.getByTestId("summary-step");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(1)).toContainText(`Clean up the component store on ${server}`);
  await expect(steps.nth(1)).toContainText("Custom step");
  await expect(steps.nth(2)).toContainText("Cleanup freed enough space already.");
  await expect(page.getByText("[VAR:ticket_id]")).toBeVisible();
  await shot(page, "outcome-card-procedure");
  await expectNoA11yViolations(page);
});

test("prepared session: the owner prepares one for the engineer, who starts it with the variables filled", async ({ page, freshPage }) => {
  const tag = uniqueTag();
  const gateway = `vpn-${tag}.northwind.example`;
  const upn = `jane.${tag}@northwind.example`;
  await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await openFlowByName(page, "VPN won't connect");
  await page.getByRole("button", { name: "Prepare session" }).click();
  const dialog = page.getByRole("dialog", { name: "Prepare a session" });
  await dialog.getByLabel(/^User's sign-in address/).fill(upn);
  await dialog.getByLabel(/^VPN gateway/).fill(gateway);
  await expect(dialog.getByLabel(/^VPN port/)).toHaveValue("443");
  await dialog.getByLabel("Assign to").selectOption({ label: DEMO_ENGINEER.name });
  await expectNoA11yViolations(page, "the Prepare session dialog");
  await dialog.getByRole("button", { name: "Prepare session" }).click();
  await expect(toast(page, "Session prepared")).toContainText(`Assigned to ${DEMO_ENGINEER.name}.`);
  await expect(page).toHaveURL(/\/sessions\/[^/]+$/);
  const sessionId = page.url().match(/\/sessions\/([^/?]+)$/)![1];
  await expect(page.getByText(`Prepared by ${DEMO_OWNER.name} for ${DEMO_ENGINEER.name}`)).toBeVisible();
  // The owner may start it too (an admin), but leaves it to the engineer.

  const engineer = await freshPage();
  await signIn(engineer, DEMO_ENGINEER.email, DEMO_PASSWORD);
  // The dashboard does not show the "Prepared for you" panel yet: use the history's Prepared tab.
  await visit(engineer, "/sessions");
  await engineer.getByRole("tab", { name: "Prepared" }).click();
  const row = engineer.getByTestId("session-results").getByRole("listitem").filter({ has: engineer.locator(`a[href="/sessions/${sessionId}"]`) });
  await expect(row).toContainText("VPN won't connect");
  await expect(row).toContainText(`prepared by ${DEMO_OWNER.name}`);
  await shot(engineer, "history-prepared");
  await row.getByRole("link", { name: "Open" }).click();

  await expect(engineer).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(engineer.getByText(gateway)).toBeVisible();
  await expect(engineer.getByText(upn)).toBeVisible();
  await expectNoA11yViolations(engineer, "a prepared session");
  await engineer.getByRole("button", { name: "Start session" }).click();
  await expect(engineer.getByTestId("session-runner")).toBeVisible();
  const node = engineer.getByTestId("runner-node");
  await expect(engineer.getByTestId("runner-node-title")).toHaveText("Confirm the internet works without the VPN");
  await expect(node).toContainText(`The gateway name ${gateway} resolves`);
  await expect(node.locator('[data-variable-prompt="vpn_gateway"]')).toHaveCount(0);
  await expect(node.getByTestId("runner-command").filter({ hasText: gateway }).first()).toBeVisible();

  await engineer.getByTestId("open-session-variables").click();
  const panel = engineer.getByRole("dialog", { name: "Session variables" });
  await expect(panel.locator('[data-variable-key="vpn_gateway"]').getByRole("textbox")).toHaveValue(gateway);
  await expect(panel.locator('[data-variable-key="user_upn"]').getByRole("textbox")).toHaveValue(upn);
  await shot(engineer, "runner-prepared-variables", { dialog: true });
  await expectNoA11yViolations(engineer, "the session variables panel");
});

test("history: the Completed tab lists finished sessions, filters by outcome, and the Active tab shows the open one", async ({ page }) => {
  // A company of its own, so the history holds exactly this test's sessions.
  await signUpCompany(page, newPerson("Hana", "History"));
  const finish = async (flow: string, outcome: "escalated" | "resolved") => {
    await openFlowByName(page, flow);
    await startSession(page);
    await completeSession(page, outcome, `Finished ${flow} for the history test.`);
  };
  await finish("Slow computer", "escalated");
  await finish("User locked out", "resolved");
  await openFlowByName(page, "Outlook won't start");
  await startSession(page);

  await visit(page, "/sessions");
  const count = page.getByTestId("session-count");
  const results = page.getByTestId("session-results");
  await expect(page.getByRole("tab", { name: "Active" })).toHaveAttribute("aria-selected", "true");
  await expect(count).toHaveText("1 session");
  await expect(results.getByRole("listitem")).toHaveText([/Outlook won't start.*In progress/]);
  await expect(results.getByRole("link", { name: "Resume" })).toBeVisible();

  await page.getByRole("tab", { name: "Completed" }).click();
  await expect(page).toHaveURL(/tab=completed/);
  await expect(count).toHaveText("2 sessions");
  await expect(results.getByRole("listitem")).toHaveText([/User locked out.*Resolved/, /Slow computer.*Escalated/]);
  await shot(page, "history-completed");
  await expectNoA11yViolations(page);

  await page.getByLabel("Outcome").selectOption({ label: "Escalated" });
  await expect(count).toHaveText("1 session");
  await expect(results.getByRole("listitem")).toHaveText([/Slow computer.*Escalated/]);
  await expect(page).toHaveURL(/outcome=escalated/);
  await page.getByLabel("Outcome").selectOption({ label: "Unresolved" });
  await expect(page.getByText("No sessions match these filters.")).toBeVisible();
  await shot(page, "history-filter-empty");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Outcome")).toHaveValue("");
  await expect(count).toHaveText("2 sessions");

  // The filtered view survives a reload (the URL carries it).
  await page.getByLabel("Outcome").selectOption({ label: "Resolved" });
  await expect(results.getByRole("listitem")).toHaveText([/User locked out.*Resolved/]);
  await reload(page);
  await expect(page.getByTestId("session-results").getByRole("listitem")).toHaveText([/User locked out.*Resolved/]);
  await page.getByTestId("session-results").getByRole("link", { name: "View" }).click();
  await expect(outcomeHeading(page)).toHaveText("Resolved");
});
