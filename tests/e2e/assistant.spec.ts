// AI-assisted session end to end, offline (the default provider): an engineer describes a
// printer problem from the dashboard, the assistant walks them from the account's own flows,
// a reload shows the same open suggestion, and the finished walk is a normal session with an
// outcome card and a ticket note.
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectNoA11yViolations, signIn, test, toast } from "./support";
import { DEMO_ENGINEER, outcomeHeading, reload, shot } from "./session-support";

const flat = (text: string) => text.replace(/\s+/g, " ");

/** Takes the open suggestion: a question's first answer, or "Done" on a step. */
async function takeOpenSuggestion(page: Page) {
  const node = page.getByTestId("assistant-open-node");
  const answers = node.getByRole("group", { name: "Answers" });
  if (await answers.count()) await answers.getByRole("button").first().click();
  else await node.getByRole("group", { name: "Result" }).getByRole("button").first().click();
}

test("assistant: an engineer walks a printer problem with the offline assistant, reloads mid-walk, finishes resolved and copies the ticket", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await page.getByRole("button", { name: "Start with the assistant" }).first().click();
  const start = page.getByRole("dialog", { name: "Start with the assistant" });
  await start.getByLabel("What is the problem?").fill("Printer offline for the finance team since this morning");
  await start.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);

  // The first suggestion, built offline from the account's flows and library.
  const title = page.getByTestId("assistant-open-title");
  await expect(title).not.toBeEmpty();
  const first = (await title.textContent())!.trim();
  await shot(page, "assistant-runner");
  await expectNoA11yViolations(page);

  // A reload shows the stored suggestion again (no new one).
  await reload(page);
  await expect(title).toHaveText(first);

  await takeOpenSuggestion(page);
  await expect(page.getByTestId("walk-node")).toHaveCount(1);
  await expect(title).not.toHaveText(first);

  await page.getByRole("button", { name: "Finish" }).first().click();
  const complete = page.getByRole("dialog", { name: "Complete session" });
  await complete.locator('input[name="outcome"][value="resolved"]').check();
  await complete.getByRole("button", { name: "Complete session" }).click();
  await expect(outcomeHeading(page)).toHaveText("Resolved");
  // An assistant walk has no flow variables: the card beside the steps is the problem as described.
  await expect(page.getByTestId("summary-problem")).toHaveText("Printer offline for the finance team since this morning");
  await shot(page, "assistant-outcome");

  await page.getByRole("button", { name: "Copy for ticket" }).click();
  await expect(toast(page, "Ticket note copied")).toBeVisible();
  const note = flat(await page.evaluate(() => navigator.clipboard.readText()));
  expect(note).toContain("Printer offline for the finance team since this morning");
  expect(note).toContain(first);
  expect(note).toContain("Outcome: Resolved");
});
