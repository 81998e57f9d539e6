// Journey: an owner adds a webhook endpoint (a receiver this test starts on localhost: the local
// demo allows private addresses), reveals its secret, sends a test event, sees it in the
// delivery log, and redelivers it. The receiver checks the signature with the secret shown.
import { Webhook } from "standardwebhooks";
import { startReceiver } from "../helpers/webhook-receiver";
import { chooseTheme, expect, expectNoA11yViolations, expectNoHorizontalOverflow, newPerson, pageReady, screenshot, signUpCompany, test, toast, visit } from "./support";

test("an owner adds a webhook endpoint, sends a test event and sees it in the delivery log", async ({ page }) => {
  const hooks = await startReceiver(() => ({ status: 200, body: "received, thanks" }));
  try {
    await signUpCompany(page, newPerson("Wendy", "Owner"));
    await visit(page, "/settings/webhooks");
    await expect(page.getByText("No webhook endpoints yet.")).toBeVisible();
    await screenshot(page, "settings-webhooks-empty");

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
    await dialog.getByLabel("Endpoint URL").fill("not a url");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByLabel("Endpoint URL")).toHaveAccessibleDescription("Enter an http:// or https:// URL.");
    await dialog.getByLabel("Endpoint URL").fill(hooks.url);
    await dialog.getByLabel("Description (optional)").fill("HaloPSA tickets");
    await dialog.getByRole("checkbox", { name: /batch\.completed/ }).check();
    await screenshot(page, "settings-webhooks-add");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(toast(page, "Endpoint added")).toBeVisible();
    await page.waitForURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
    await pageReady(page);
    await expect(page.getByText("No deliveries yet.")).toBeVisible();

    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const secret = (await page.getByTestId("webhook-secret").textContent())!;

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(toast(page, "Test event delivered (200)")).toBeVisible();
    const row = page.getByTestId("delivery-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("webhook.test");
    await expect(row).toContainText("Delivered · 200");
    await expect(row).toContainText("1 / 8");
    expect(hooks.received).toHaveLength(1);
    const headers = Object.fromEntries(Object.entries(hooks.received[0].headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(secret).verify(hooks.received[0].body, headers)).toMatchObject({ type: "webhook.test" });

    await row.getByRole("button", { name: "webhook.test" }).click();
    await expect(page.getByText("Attempt 1")).toBeVisible();
    await expect(page.getByText("received, thanks")).toBeVisible();
    await screenshot(page, "settings-webhooks-endpoint");
    await expectNoA11yViolations(page);

    await row.getByRole("button", { name: "Redeliver" }).click();
    await expect(toast(page, "Redelivered (200)")).toBeVisible();
    await expect(row).toContainText("2 / 8");

    // The status filter: nothing failed; the delivered one under "Delivered".
    const filter = page.getByRole("group", { name: "Status" });
    await filter.getByRole("button", { name: "Failed" }).click();
    await expect(page.getByText("No failed deliveries.")).toBeVisible();
    await expect(filter.getByRole("button", { name: "Failed" })).toHaveAttribute("aria-pressed", "true");
    await filter.getByRole("button", { name: "Delivered" }).click();
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("2 / 8");
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
    await filter.getByRole("button", { name: "All" }).click();
    await expect(row).toHaveCount(1);
    expect(hooks.received).toHaveLength(2);
    expect(hooks.received[1].headers["webhook-id"]).toBe(hooks.received[0].headers["webhook-id"]);

    await visit(page, "/settings/webhooks");
    await expect(page.getByRole("link", { name: hooks.url })).toBeVisible();
    await expect(page.getByText("Delivered · 200")).toBeVisible();
    await screenshot(page, "settings-webhooks-list");
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.getByRole("link", { name: hooks.url }).click();
    await pageReady(page);
    await chooseTheme(page, "Dark");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, "settings-webhooks-endpoint-tablet-dark");
  } finally {
    await hooks.close();
  }
});
