// Steps shared by the session and step-library journeys: build and publish a procedure through
// the editor, open a flow, start a session, and read the runner.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { OUTCOMES } from "@/lib/sessions/session.validation";
import { OUTCOME_LABELS } from "@/lib/sessions/ticket";
import { expect, pageReady, screenshot, toast, visit } from "./support";

export const DEMO_ENGINEER = { email: "engineer@demo.resolutionflow.test", name: "Ethan Engineer" };

/**
 * Screenshot for a person to look at. Full page from the top (a full-page capture of a scrolled
 * page draws the sticky header and sidebar at their scrolled place); with a dialog open, only the
 * viewport (the page behind a modal does not scroll, so a full-page capture cuts the overlay).
 */
export async function shot(page: Page, name: string, options: { dialog?: boolean } = {}) {
  if (options.dialog) {
    await page.screenshot({ path: `test-results/screens/${name}.png` });
    return;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** A short tag that makes names unique across runs on the same database. */
export const uniqueTag = () => `${Date.now().toString(36).slice(-4)}${randomBytes(2).toString("hex")}`;

export type ProcedureSpec = {
  name: string;
  /** Sections in order; each with its steps (a command is optional). */
  sections: { title: string; steps: { title: string; command?: string }[] }[];
  variables?: { key: string; label: string; fieldType: string; required?: boolean; helpText?: string }[];
};

/**
 * Creates a procedure on /flows/new, builds it in the editor (sections, steps, commands, variables)
 * and publishes it. Ends on the flow's page; returns the flow id.
 */
export async function createProcedure(page: Page, spec: ProcedureSpec): Promise<string> {
  await visit(page, "/flows/new?type=procedural");
  await expect(page.getByRole("radio", { name: /Procedure/ })).toBeChecked();
  await page.getByLabel("Name", { exact: true }).fill(spec.name);
  await page.getByRole("button", { name: "Create and open editor" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit$/);
  const flowId = page.url().match(/\/flows\/([^/]+)\/edit$/)![1];
  await expect(page.getByTestId("editor-title")).toHaveText(spec.name);

  const panel = page.getByRole("region", { name: "Edit the selected step" });
  for (const section of spec.sections) {
    await page.getByRole("button", { name: "Add section", exact: true }).click();
    await panel.getByLabel("Section title").fill(section.title);
    for (const step of section.steps) {
      await page.getByRole("button", { name: "Add step", exact: true }).click();
      await panel.getByLabel("Title", { exact: true }).fill(step.title);
      if (step.command) {
        await panel.getByRole("button", { name: "Add command" }).click();
        await panel.getByLabel("Command 1", { exact: true }).fill(step.command);
      }
    }
  }

  if (spec.variables?.length) {
    await page.getByRole("tab", { name: /Variables/ }).click();
    for (const [index, variable] of spec.variables.entries()) {
      await page.getByRole("button", { name: "Add variable" }).click();
      const row = page.getByTestId("variable-row").nth(index);
      await row.getByLabel("Key").fill(variable.key);
      await row.getByLabel("Label").fill(variable.label);
      await row.getByLabel("Field type").selectOption(variable.fieldType);
      if (variable.helpText) await row.getByLabel("Help text").fill(variable.helpText);
      if (variable.required) await row.getByLabel("Required").check();
    }
  }

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(toast(page, "Published version 1")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await visit(page, `/flows/${flowId}`);
  await expect(page.getByTestId("flow-name")).toHaveText(spec.name);
  return flowId;
}

/** Opens a flow visible to the signed-in user by its exact name, via the flow list's search. */
export async function openFlowByName(page: Page, name: string) {
  await visit(page, "/flows");
  await page.getByRole("searchbox", { name: "Search flows" }).fill(name);
  // Wait for the (debounced) search to land in the URL: the list rewrites the URL then, which
  // would cancel a navigation started just before.
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("result-count").getByLabel("Updating")).toHaveCount(0);
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByTestId("flow-name")).toHaveText(name);
  return page.url().match(/\/flows\/([^/?]+)/)![1];
}

/** "Start session" on a flow page; ends in the runner. Returns the session id. */
export async function startSession(page: Page) {
  await page.getByRole("button", { name: "Start session" }).click();
  await expect(page).toHaveURL(/\/sessions\/[^/]+$/);
  await expect(page.getByTestId("session-runner")).toBeVisible();
  return page.url().match(/\/sessions\/([^/?]+)$/)![1];
}

/** Reloads, then waits until the page is ready to use, like visit() does. */
export async function reload(page: Page) {
  await page.reload();
  await pageReady(page);
}

/** Waits until the runner has no write in flight (answers, marks, variables, position). */
export async function runnerSettled(page: Page) {
  await expect(page.getByTestId("runner-save-state")).toHaveText("");
}

/** Opens the complete dialog from the header, picks an outcome, completes; ends on the outcome card. */
export async function completeSession(page: Page, outcome: (typeof OUTCOMES)[number], notes = "") {
  await page.getByTestId("open-complete").click();
  const dialog = page.getByRole("dialog", { name: "Complete session" });
  await dialog.locator(`input[name="outcome"][value="${outcome}"]`).check();
  if (notes) await dialog.getByLabel("Notes").fill(notes);
  await dialog.getByRole("button", { name: "Complete session" }).click();
  await expect(outcomeHeading(page)).toHaveText(OUTCOME_LABELS[outcome]);
}


/** The outcome card's heading on a completed session's page. */
export const outcomeHeading = (page: Page) => page.locator("#outcome-heading");
