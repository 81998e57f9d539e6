// Editing while a save is in flight: the save's POST is held (route interception) until the
// person has typed more, so the overlap is certain, never a matter of timing. What they typed
// meanwhile must survive the save's answer, stay "unsaved", and reach the server on the next save.
import type { Page, Route } from "@playwright/test";
import { expect, submitSignIn, test, toast, visit } from "./support";
import { DEMO_ENGINEER, shot, uniqueTag } from "./session-support";

const PASSWORD = "resolutionflow-demo";

/**
 * Holds the next server-action POST to `path` until `release()` is called; `held` resolves once
 * the browser has sent it.
 */
async function holdNextSave(page: Page, path: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  let taken = false;
  const handler = async (route: Route) => {
    const request = route.request();
    if (taken || request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    taken = true;
    onHeld();
    await gate;
    await route.continue();
  };
  await page.route((url) => url.pathname === path, handler);
  return { held, release };
}

test("edits typed while a save is in flight survive it and are saved next", async ({ page }) => {
  // A long journey (sign-in, create, three saves, a reload): more than the default minute on a busy machine.
  test.slow();
  await submitSignIn(page, DEMO_ENGINEER.email, PASSWORD);
  // The first sign-in of a fresh server (password hashing, cold caches) can take a while on a busy machine.
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 60_000 });
  await visit(page, "/flows/new?type=troubleshooting");
  await page.getByLabel("Name", { exact: true }).fill(`Printer queue stuck ${uniqueTag()}`);
  await page.getByRole("button", { name: "Create and open editor" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit$/);
  const editPath = new URL(page.url()).pathname;
  const flowId = editPath.split("/")[2];

  const panel = page.getByRole("region", { name: "Selected node" });
  const outline = page.getByRole("tree", { name: "Flow outline" });
  const title = panel.getByLabel("Title", { exact: true });
  await page.getByRole("button", { name: "Start with a question" }).click();
  await title.fill("Is the queue stuck?");
  await panel.getByLabel("Answer “Yes” leads to").selectOption({ label: "+ New solution" });
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");

  // Save, and while the server holds the save: rename the (still temporary-id) question and
  // send its "No" answer to a brand-new escalation.
  const save = await holdNextSave(page, editPath);
  await page.keyboard.press("Control+s");
  await save.held;
  await expect(page.getByTestId("save-state")).toHaveText("Saving…");
  await title.fill("Is the print queue stuck on one job?");
  await panel.getByLabel("Answer “No” leads to").selectOption({ label: "+ New escalation" });
  await expect(outline).toContainText("New escalation");
  save.release();

  // The save's answer arrives: what was typed meanwhile is still there, and still unsaved.
  await expect(toast(page, "Draft saved")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  await expect(title).toHaveValue("Is the print queue stuck on one job?");
  await expect(outline).toContainText("Is the print queue stuck on one job?");
  await expect(outline).toContainText("New escalation");
  await expect(panel.getByLabel("Answer “No” leads to")).not.toHaveValue("");
  await shot(page, "editor-after-overlapping-save");

  // The first save stored what was sent: the old title, no escalation yet.
  const first = (await (await page.request.get(`/api/flows/${flowId}/export`)).json()).flow.structure;
  expect(Object.values(first.nodes).map((n) => (n as { title: string }).title).sort()).toEqual(["Is the queue stuck?", "New solution"]);

  // The next save sends the edits; the ids the first save assigned are kept, not duplicated.
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  const second = (await (await page.request.get(`/api/flows/${flowId}/export`)).json()).flow.structure;
  const titles = Object.values(second.nodes).map((n) => (n as { title: string }).title).sort();
  expect(titles).toEqual(["Is the print queue stuck on one job?", "New escalation", "New solution"]);
  for (const id of Object.keys(second.nodes)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(second.rootId).toBe(first.rootId);
  const firstSolution = Object.entries(first.nodes).find(([, n]) => (n as { type: string }).type === "solution")![0];
  expect(second.nodes[firstSolution]).toMatchObject({ type: "solution", title: "New solution" });
  const root = second.nodes[second.rootId] as { answers: { label: string; next: string }[] };
  expect(root.answers.map((a) => second.nodes[a.next]?.title)).toEqual(["New solution", "New escalation"]);

  // And after a reload it is all there.
  await visit(page, editPath);
  await expect(outline).toContainText("Is the print queue stuck on one job?");
  await expect(outline).toContainText("New escalation");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
});
