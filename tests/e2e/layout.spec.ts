// Journey 6: the signed-in shell at tablet width and in the dark theme, and the signed-out
// pages in the dark theme. Screenshots land in test-results/screens/ for a person to look at.
import { chooseTheme, DEMO_OWNER, DEMO_PASSWORD, errorAlert, expect, expectNoA11yViolations, expectNoHorizontalOverflow, screenshot, signIn, test, visit } from "./support";

const SETTINGS_PAGES = [
  { path: "/settings", name: "account", heading: "Account" },
  { path: "/settings/members", name: "members", heading: "Members" },
  { path: "/settings/teams", name: "teams", heading: "Teams" },
  { path: "/settings/invites", name: "invites", heading: "Invite codes" },
];

test.describe("at tablet width", () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  for (const theme of ["Light", "Dark"] as const) {
    test(`dashboard and settings fit a tablet in the ${theme.toLowerCase()} theme`, async ({ page }) => {
      // The demo owner's account has several members and two teams; this test only reads.
      await signIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
      await chooseTheme(page, theme);
      const suffix = `tablet-${theme.toLowerCase()}`;

      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Olivia");
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
      await expectNoHorizontalOverflow(page);
      await screenshot(page, `dashboard-${suffix}`);
      await expectNoA11yViolations(page);

      for (const settings of SETTINGS_PAGES) {
        await visit(page, settings.path);
        await expect(page.getByRole("heading", { name: settings.heading, exact: true })).toBeVisible();
        await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: settings.name, exact: false })).toHaveAttribute("aria-current", "page");
        await expectNoHorizontalOverflow(page);
        await screenshot(page, `settings-${settings.name}-${suffix}`);
        await expectNoA11yViolations(page);
      }
      // Members are all reachable without sideways scrolling of the page itself.
      await visit(page, "/settings/members");
      await expect(page.getByTestId(`member-${DEMO_OWNER.email}`)).toBeVisible();
      await expect(page.getByRole("row").filter({ has: page.getByRole("combobox") })).toHaveCount(3);

      await page.getByTestId("user-menu").click();
      await expect(page.getByRole("menu")).toContainText(DEMO_OWNER.email);
      await screenshot(page, `user-menu-${suffix}`);
      await page.keyboard.press("Escape");
      await chooseTheme(page, "System");
    });
  }
});

test("signed-out pages in the dark theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  for (const [path, name, heading] of [
    ["/login", "login", "Sign in"],
    ["/signup", "signup", "Create your account"],
    ["/forgot-password", "forgot-password", "Reset your password"],
  ] as const) {
    await visit(page, path);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, `${name}-dark`);
    await expectNoA11yViolations(page);
  }
  await visit(page, "/reset/an-unknown-reset-token-0000");
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a-long-enough-password");
  await page.getByLabel("Repeat the new password").fill("a-different-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByLabel("Repeat the new password")).toHaveAccessibleDescription("The passwords do not match.");
  await screenshot(page, "reset-dark");
  await expectNoA11yViolations(page);

  // An unknown link: the error says what happened and where to go next.
  await visit(page, "/verify/an-unknown-verify-token-0000");
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(errorAlert(page)).toContainText("This verification link has expired or was already used.");
  await screenshot(page, "verify-dark");
  await expectNoA11yViolations(page);

  await visit(page, "/dev/outbox");
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await screenshot(page, "outbox-dark");
});

test("the signed-out pages fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ["/login", "/signup?invite=ABCD-EFGH-JKMN-PQRS", "/forgot-password", "/dev/outbox"]) {
    await visit(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  }
  await screenshot(page, "outbox-phone");
});
