// An admin creates an API key, sees the secret once, copies it, uses it against /api/v1 and
// revokes it (401 from then on). Engineers never see the page; the docs render the OpenAPI document.
import type { Page } from "@playwright/test";
import { chooseTheme, expect, expectNoA11yViolations, newPerson, screenshot, signUpCompany, test, toast, visit } from "./support";

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("an owner creates an API key, uses it once shown, and revokes it", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = newPerson("Kai", "Owner");
  await signUpCompany(page, owner);

  await visit(page, "/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await screenshot(page, "settings-api-keys-empty");

  // A key without a name is refused on the field.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name").fill("HaloPSA integration");
  await page.getByRole("checkbox", { name: "write" }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "API key created" });
  await expect(dialog).toBeVisible();
  const secret = (await dialog.getByTestId("api-key-secret").textContent())!;
  expect(secret).toMatch(/^rf_live_[A-Za-z0-9_-]{43}$/);
  await screenshot(page, "settings-api-key-created");
  await dialog.getByRole("button", { name: "Copy key" }).click();
  // (The toast region is hidden from the accessibility tree while the modal is open: read the clipboard.)
  await expect.poll(() => readClipboard(page)).toBe(secret);
  await dialog.getByRole("button", { name: "Done" }).click();

  // The list shows the prefix only, never the secret.
  const row = page.getByTestId("api-key-row").filter({ hasText: "HaloPSA integration" });
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).toContainText("read, write");
  await expect(row).toContainText("Never");
  await expect(page.getByText(secret)).toHaveCount(0);

  // The copied key works against the API, with the security headers on its answers.
  const flows = await request.get("/api/v1/flows?limit=5", { headers: { authorization: `Bearer ${await readClipboard(page)}` } });
  expect(flows.status()).toBe(200);
  expect(await flows.json()).toMatchObject({ data: expect.any(Array), nextCursor: null });
  expect(flows.headers()["x-content-type-options"]).toBe("nosniff");
  expect(flows.headers()["content-security-policy"]).toBeTruthy();
  expect(flows.headers()["ratelimit-limit"]).toBe("600");

  await visit(page, "/settings/api-keys");
  await expect(row.getByText("Never")).toHaveCount(0);
  await screenshot(page, "settings-api-keys");
  await expectNoA11yViolations(page);

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this API key?" });
  await expect(confirm).toContainText("HaloPSA integration");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(toast(page, "API key revoked")).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const after = await request.get("/api/v1/flows", { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect(await after.json()).toEqual({ error: { code: "unauthenticated", message: "This API key is not valid or was revoked." } });

  // The docs page renders the same document the API serves.
  await page.getByRole("link", { name: "Read the API docs" }).click();
  await expect(page.getByRole("heading", { name: "REST API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  await expect(page.locator("#createSession")).toContainText("/api/v1/sessions");
  await screenshot(page, "settings-api-docs");
  await expectNoA11yViolations(page);
  await chooseTheme(page, "Dark");
  await screenshot(page, "settings-api-docs-dark");
  await visit(page, "/settings/api-keys");
  await screenshot(page, "settings-api-keys-dark");
  await page.setViewportSize({ width: 820, height: 1100 });
  await screenshot(page, "settings-api-keys-tablet");

  const document = await request.get("/api/v1/openapi.json");
  expect((await document.json()).openapi).toBe("3.1.0");
});
