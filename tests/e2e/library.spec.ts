// The step library end to end: publishing a procedure puts its steps in the library (read-only,
// "From flow"); an engineer saves and edits a copy, then inserts it into a running session.
import { DEMO_PASSWORD, expect, expectNoA11yViolations, signIn, test, toast, visit } from "./support";
import { createProcedure, DEMO_ENGINEER, openFlowByName, runnerSettled, shot, startSession, uniqueTag } from "./session-support";

const SYNCED_LABEL = "Managed by its flow — fork to customise";

test("library: a published step is found, saved as an editable copy and inserted into a running session", async ({ page }) => {
  const tag = uniqueTag();
  const word = `Invoke-Zorblax-${tag}`;
  const flowName = `Zorblax maintenance ${tag}`;
  const stepTitle = `Run the Zorblax probe ${tag}`;
  const copyTitle = `${stepTitle} (my copy)`;
  await signIn(page, DEMO_ENGINEER.email, DEMO_PASSWORD);
  await createProcedure(page, {
    name: flowName,
    sections: [{ title: "Zorblax checks", steps: [{ title: stepTitle, command: `${word} -Verbose` }, { title: "Write down the probe result" }] }],
  });

  // Publishing synced the steps: search by the command's distinctive word.
  await visit(page, "/library");
  await page.getByRole("searchbox", { name: "Search the step library" }).fill(word);
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  const count = page.getByTestId("library-count");
  await expect(count).toHaveText("1 step");
  await expectNoA11yViolations(page);
  const synced = page.getByTestId("library-card").filter({ hasText: stepTitle });
  await expect(synced).toHaveCount(1);
  await expect(synced.getByRole("link", { name: `From flow: ${flowName}` })).toBeVisible();
  await expect(synced.getByRole("img", { name: SYNCED_LABEL })).toBeVisible();
  // The lock's tooltip shows on hover and on focus, Escape hides it, the next hover shows it again.
  const lock = synced.getByRole("img", { name: SYNCED_LABEL });
  const tip = synced.getByTestId("synced-lock-tip");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(tip).toBeHidden();
  await lock.hover();
  await expect(tip).toBeVisible();
  await heading.hover();
  await expect(tip).toBeHidden();
  await lock.focus();
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();
  await lock.blur();
  await lock.hover();
  await expect(tip).toBeVisible();
  await heading.hover();
  await expect(tip).toBeHidden();
  await expect(synced).toContainText("Zorblax checks");
  await expect(synced).toContainText(`${word} -Verbose`);
  await expect(synced.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await shot(page, "library-search");

  // Save to my library: a private, editable copy.
  await synced.getByRole("button", { name: "Save to my library" }).click();
  const save = page.getByRole("dialog", { name: "Save to my library" });
  await save.getByRole("button", { name: "Save copy" }).click();
  await expect(toast(page, "Saved to your library")).toBeVisible();
  await expect(count).toHaveText("2 steps");
  const copy = page.getByTestId("library-card").filter({ has: page.getByRole("button", { name: `Edit "${stepTitle}"` }) });
  await expect(copy).toHaveCount(1);
  await expect(copy.getByRole("img", { name: SYNCED_LABEL })).toHaveCount(0);
  await expect(copy.getByRole("link", { name: /From flow/ })).toHaveCount(0);

  await copy.getByRole("button", { name: `Edit "${stepTitle}"` }).click();
  const edit = page.getByRole("dialog", { name: "Edit library step" });
  await expect(edit.getByLabel("Title")).toHaveValue(stepTitle);
  await edit.getByLabel("Title").fill(copyTitle);
  await edit.getByRole("textbox", { name: "Instructions" }).fill("Run the probe on **[VAR:server_name]** and note the _queue_status_.");
  await expect(edit.getByLabel("Command 1", { exact: true })).toHaveValue(`${word} -Verbose`);
  await edit.getByRole("button", { name: "Add command" }).click();
  await expect(edit.getByLabel("Command 2", { exact: true })).toBeFocused();
  await page.keyboard.type("Get-Date");
  await shot(page, "library-edit-dialog", { dialog: true });
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page, "Step saved")).toBeVisible();
  await expect(edit).toBeHidden();
  const edited = page.getByTestId("library-card").filter({ hasText: copyTitle });
  await expect(edited).toHaveCount(1);
  await expect(edited).toContainText("Not used yet");
  // The card's plain preview drops the Markdown but keeps underscores inside words.
  await expect(edited).toContainText("Run the probe on [VAR:server_name] and note the queue_status.");
  await expectNoA11yViolations(page);
  await expect(synced.filter({ hasNotText: "(my copy)" })).toHaveCount(1);
  await shot(page, "library-copy-edited");

  // In a running procedure of another flow: Add custom step → From library.
  await openFlowByName(page, "New user onboarding");
  await startSession(page);
  await expect(page.getByTestId("runner-step-title")).toHaveText("Confirm the request is approved and complete");
  await page.getByRole("button", { name: "Add custom step after this" }).click();
  const custom = page.getByRole("dialog", { name: "Add a custom step" });
  await custom.getByRole("button", { name: "From library" }).click();
  const picker = page.getByRole("dialog", { name: "Take a step from the library" });
  await picker.getByRole("combobox", { name: "Search the step library" }).fill(word);
  const options = picker.getByRole("option");
  await expect(options).toHaveCount(2);
  await expect(picker.getByRole("option", { name: new RegExp(copyTitle.replace(/[()]/g, "\\$&")) })).toBeVisible();
  await expect(picker.getByRole("option").filter({ hasText: `From flow: ${flowName}` })).toHaveCount(1);
  await shot(page, "library-picker", { dialog: true });
  await picker.getByRole("button", { name: `Insert "${copyTitle}"` }).click();
  await expect(picker).toBeHidden();

  await expect(custom).toContainText(`From the library: ${copyTitle}`);
  await expect(custom.getByLabel("Title")).toHaveValue(copyTitle);
  await expect(custom.getByLabel("Command 1", { exact: true })).toHaveValue(`${word} -Verbose`);
  await expect(custom.getByLabel("Command 2", { exact: true })).toHaveValue("Get-Date");
  await custom.getByRole("button", { name: "Add step" }).click();
  await expect(custom).toBeHidden();
  await expect(toast(page, "Custom step added")).toBeVisible();

  const step = page.getByTestId("runner-step");
  await expect(page.getByTestId("runner-step-title")).toHaveText(copyTitle);
  await expect(step.getByText("Custom", { exact: true })).toBeVisible();
  await expect(step.getByTestId("runner-command")).toHaveText([new RegExp(`${word} -Verbose`), /Get-Date/]);
  await expect(page.getByTestId("runner-checklist").getByRole("button", { name: new RegExp(copyTitle.replace(/[()]/g, "\\$&")) })).toContainText("Custom");
  await shot(page, "runner-custom-from-library");
  await runnerSettled(page);
  // It went in right after the step that was current.
  const titles = await page.getByTestId("runner-checklist").locator("[data-step-button]").allTextContents();
  const at = titles.findIndex((t) => t.includes(copyTitle));
  expect(titles[at - 1]).toContain("Confirm the request is approved and complete");

  // Inserting counted as a use of the copy.
  await visit(page, `/library?q=${word}`);
  await expect(page.getByTestId("library-card").filter({ hasText: copyTitle })).toContainText("Used once");
});
