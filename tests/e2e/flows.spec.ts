// Flow authoring journeys: a procedure built in the editor and reordered by keyboard, a fork
// of a built-in flow found again by search, and export → import.
import { readFile } from "node:fs/promises";
import { expect, expectNoA11yViolations, signIn, test, toast, visit } from "./support";
import { createProcedure, DEMO_ENGINEER, openFlowByName, shot, uniqueTag } from "./session-support";

const PASSWORD = "resolutionflow-demo";
/** Long enough to wrap in the outline at 1366 px. */
const ESCALATION = "Escalate to the network team, listing everyone using this VPN profile and when their drops began";

test("build a procedure with two sections, reorder a step by keyboard, publish", async ({ page }) => {
  await signIn(page, DEMO_ENGINEER.email, PASSWORD);
  const name = `Rotate the backup disks ${uniqueTag()}`;
  const flowId = await createProcedure(page, {
    name,
    sections: [
      { title: "Before", steps: [{ title: "Check last night's job", command: "Get-WBJob -Previous 1" }] },
      {
        title: "Swap",
        steps: [
          { title: "Eject the disk", command: "wbadmin get disks" },
          { title: "Label the disk", command: "echo Label it" },
        ],
      },
    ],
  });

  // Back in the editor: move "Label the disk" above "Eject the disk" with the keyboard only.
  await visit(page, `/flows/${flowId}/edit`);
  const grip = page.getByRole("button", { name: /^Reorder step \d "Label the disk"$/ });
  await expect(grip).toHaveAccessibleName('Reorder step 3 "Label the disk"');
  await grip.focus();
  // dnd-kit's keyboard sensor: Space picks up (the grip reports aria-pressed), arrows move, Space drops.
  await page.keyboard.press("Space");
  await expect(grip).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("status").filter({ hasText: /moved to/ }).first()).toBeAttached();
  await page.keyboard.press("Space");
  await expect(grip).not.toHaveAttribute("aria-pressed", "true");
  const rows = page.getByRole("list", { name: "Steps of the procedure" });
  await expect(rows.getByRole("button", { name: /^Reorder step 2 / })).toHaveAccessibleName('Reorder step 2 "Label the disk"');
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  await shot(page, "procedure-editor");
  await expectNoA11yViolations(page);

  // Ctrl+S saves the draft; publishing makes version 2 with the new order.
  await page.keyboard.press("Control+s");
  await expect(toast(page, "Draft saved")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(toast(page, "Published version 2")).toBeVisible();
  await visit(page, `/flows/${flowId}`);
  await expect(page.getByTestId("versions").getByRole("link")).toHaveText(["Version 2", "Version 1"]);
  const published = await page.getByRole("list", { name: "Steps of the procedure" }).innerText();
  expect(published.indexOf("Label the disk")).toBeGreaterThan(-1);
  expect(published.indexOf("Label the disk")).toBeLessThan(published.indexOf("Eject the disk"));
  // Counted one way: 3 steps (the section headers are not steps), in the list and in About.
  await expect(page.getByTestId("flow-size")).toHaveText("3 steps in 2 sections");
  await expectNoA11yViolations(page);
});

test("fork a built-in flow, then find the fork by search", async ({ page }) => {
  await signIn(page, DEMO_ENGINEER.email, PASSWORD);
  await openFlowByName(page, "Outlook won't start");
  await page.getByRole("button", { name: "Fork" }).click();
  const dialog = page.getByRole("dialog", { name: "Fork this flow" });
  const forkName = `Outlook won't start, our way ${uniqueTag()}`;
  await dialog.getByLabel("Name of your copy").fill(forkName);
  await dialog.getByLabel("Why fork it?").fill("We deploy Office with Intune");
  await dialog.getByRole("button", { name: "Fork and edit" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit$/);
  await expect(page.getByTestId("editor-title")).toHaveText(forkName);
  await shot(page, "tree-editor-fork");

  const forkId = page.url().match(/\/flows\/([^/]+)\/edit$/)![1];
  await visit(page, `/flows/${forkId}`);
  await expect(page.getByTestId("fork-origin")).toHaveText("Outlook won't start");

  // The library search finds it (drafts are listed for their account).
  await visit(page, "/flows");
  await page.getByRole("searchbox", { name: "Search flows" }).fill("our way");
  await expect(page).toHaveURL(/[?&]q=our/);
  await expect(page.getByTestId("flow-results").getByRole("link", { name: forkName })).toBeVisible();
  await expect(page.getByTestId("flow-results").getByText(/Fork of Outlook won't start/).first()).toBeVisible();
  await shot(page, "flow-library-search");
  await expectNoA11yViolations(page);
});

test("export a flow and import it back as a draft", async ({ page }) => {
  await signIn(page, DEMO_ENGINEER.email, PASSWORD);
  await openFlowByName(page, "Printer offline");
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("printer-offline.flow.json");
  const exported = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(exported).toMatchObject({ format: "resolutionflow.flow", formatVersion: 1, flow: { name: "Printer offline", type: "troubleshooting" } });

  await visit(page, "/flows/import");
  const importedName = `Printer offline (imported ${uniqueTag()})`;
  exported.flow.name = importedName;
  await page.getByLabel("…or paste the JSON").fill(JSON.stringify(exported));
  await page.getByRole("button", { name: "Import as a draft" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit$/);
  await expect(page.getByTestId("editor-title")).toHaveText(importedName);

  // A broken file reports the path of the problem and creates nothing.
  await visit(page, "/flows/import");
  exported.flow.structure.nodes[exported.flow.structure.rootId].type = "teleport";
  await page.getByLabel("…or paste the JSON").fill(JSON.stringify(exported));
  await page.getByRole("button", { name: "Import as a draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "could not be imported" })).toContainText(`flow.structure.nodes.${exported.flow.structure.rootId}.type`);
  await expect(page).toHaveURL(/\/flows\/import$/);
});

test("build a three-level troubleshooting tree and publish it", async ({ page }) => {
  await signIn(page, DEMO_ENGINEER.email, PASSWORD);
  await visit(page, "/flows/new?type=troubleshooting");
  const name = `VPN drops every hour ${uniqueTag()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create and open editor" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit$/);
  const flowId = page.url().match(/\/flows\/([^/]+)\/edit$/)![1];

  // A brand-new tree asks for its first node, not for an id.
  await expect(page.getByText("Add at least one node.").first()).toBeVisible();
  await expect(page.getByText("Missing id.")).toHaveCount(0);
  await shot(page, "tree-editor-empty");

  const panel = page.getByRole("region", { name: "Selected node" });
  await page.getByRole("button", { name: "Start with a question" }).click();
  await panel.getByLabel("Title", { exact: true }).fill("Does the VPN client show an error?");

  // Level 2: "Yes" leads to a new action; level 3: the action's next step is a new solution.
  await panel.getByLabel("Answer “Yes” leads to").selectOption({ label: "+ New action" });
  await panel.getByRole("button", { name: "Open “New action”" }).click();
  await panel.getByLabel("Title", { exact: true }).fill("Reinstall the VPN client");
  await panel.getByRole("button", { name: "Add command" }).click();
  await expect(panel.getByLabel("Command 1", { exact: true })).toBeFocused();
  await page.keyboard.type("ipconfig /flushdns");
  await panel.getByLabel("Instructions").fill("Uninstall it **first**, then reboot.");
  await panel.getByLabel("Language").selectOption({ label: "Command Prompt" });
  await panel.getByLabel("Next step", { exact: true }).selectOption({ label: "+ New solution" });
  await panel.getByRole("button", { name: "Open “New solution”" }).click();
  await panel.getByLabel("Title", { exact: true }).fill("VPN connects again");

  // "No" escalates.
  await page.getByRole("tree", { name: "Flow outline" }).getByRole("treeitem").filter({ hasText: "Does the VPN client show an error?" }).first().click();
  await panel.getByLabel("Answer “No” leads to").selectOption({ label: "+ New escalation" });
  await panel.getByRole("button", { name: "Open “New escalation”" }).click();
  await panel.getByLabel("Title", { exact: true }).fill(ESCALATION);

  await expect(page.getByRole("tree", { name: "Flow outline" })).toContainText("VPN connects again");
  await shot(page, "tree-editor");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(toast(page, "Published version 1")).toBeVisible();

  // The published flow is runnable: start it and walk Yes → Done to the solution.
  await visit(page, `/flows/${flowId}`);
  await expect(page.getByRole("button", { name: "Start session" })).toBeVisible();
  await expect(page.getByTestId("flow-size")).toHaveText("4");
  // At a common laptop width the outline wraps long titles instead of cutting them off.
  await page.setViewportSize({ width: 1366, height: 768 });
  const outline = page.getByRole("tree", { name: "Flow outline" });
  const longRow = outline.getByRole("treeitem").filter({ hasText: ESCALATION }).first();
  await expect(longRow).toContainText(ESCALATION);
  expect(await longRow.evaluate((row) => [...row.querySelectorAll("span:not(.sr-only)")].every((span) => span.scrollWidth <= span.clientWidth + 1))).toBe(true);
  // The node preview renders Markdown the way the runner does.
  await outline.getByRole("treeitem").filter({ hasText: "Reinstall the VPN client" }).first().click();
  const preview = page.getByRole("region", { name: "Selected node" });
  await expect(preview.locator("strong")).toHaveText("first");
  await expect(preview).not.toContainText("**");
  await shot(page, "flow-page-tree-1366");
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  const exported = await page.request.get(`/api/flows/${flowId}/export`);
  const tree = (await exported.json()).flow.structure;
  expect(Object.values(tree.nodes).map((n) => (n as { title: string }).title).sort()).toEqual([
    "Does the VPN client show an error?",
    ESCALATION,
    "Reinstall the VPN client",
    "VPN connects again",
  ]);
  for (const id of Object.keys(tree.nodes)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const action = Object.values(tree.nodes).find((n) => (n as { type: string }).type === "action") as { commands: unknown };
  expect(action.commands).toEqual([{ language: "cmd", code: "ipconfig /flushdns", label: "" }]);

  // Version 1 shows the same tree read-only, commands with copy buttons.
  await visit(page, `/flows/${flowId}/versions/1`);
  await page.getByRole("tree", { name: "Flow outline" }).getByRole("treeitem").filter({ hasText: "Reinstall the VPN client" }).first().click();
  const readOnly = page.getByRole("region", { name: "Selected node" });
  await expect(readOnly.getByRole("button", { name: "Copy command 1" })).toBeVisible();
  await expect(readOnly.getByText("ipconfig /flushdns")).toBeVisible();
  await expect(readOnly.getByRole("textbox")).toHaveCount(0);
  await shot(page, "tree-version-readonly");
  await expectNoA11yViolations(page);
});
