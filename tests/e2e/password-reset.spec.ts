// Journey 4: forgot password → email in the dev outbox → new password; the old password and
// every session from before the reset stop working.
import { errorAlert, expect, expectNoA11yViolations, followEmailLink, newPerson, screenshot, signIn, signUpCompany, submitSignIn, test, visit } from "./support";

test("a forgotten password is reset from the emailed link and old sessions are signed out", async ({ page, freshPage }) => {
  const person = newPerson("Sasha", "Reset");
  // The laptop where Sasha signed up stays signed in until the reset.
  const laptop = await freshPage();
  await signUpCompany(laptop, person);

  await visit(page, "/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await screenshot(page, "forgot-password");
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter your email address.");
  await expect(errorAlert(page)).toHaveCount(1);

  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(person.email);
  await screenshot(page, "forgot-password-sent");

  await followEmailLink(page, person.email, "Reset your ResolutionFlow password");
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await screenshot(page, "reset");
  await expectNoA11yViolations(page);

  const newPassword = `${person.password}-renewed`;
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(`${newPassword}-typo`);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByLabel("Repeat the new password")).toHaveAccessibleDescription("The passwords do not match.");
  await expect(page.getByLabel("Repeat the new password")).toHaveAttribute("aria-invalid", "true");
  await expect(errorAlert(page)).toHaveCount(1);
  await expect(page).toHaveURL(/\/reset\//);
  await screenshot(page, "reset-mismatch");
  await expectNoA11yViolations(page);

  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=reset$/);
  await expect(page.getByRole("status")).toHaveText("Your password was changed. Sign in with the new one.");
  await screenshot(page, "login-after-reset");

  await submitSignIn(page, person.email, person.password);
  await expect(errorAlert(page)).toHaveText("Wrong email or password.");
  await signIn(page, person.email, newPassword);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${person.firstName}`);

  await visit(laptop, "/dashboard");
  await expect(laptop).toHaveURL(/\/login/);
  await expect(laptop.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a reset link works only once", async ({ page }) => {
  const person = newPerson("Kai");
  await signUpCompany(page, person);
  await page.context().clearCookies();
  await visit(page, "/forgot-password");
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await followEmailLink(page, person.email, "Reset your ResolutionFlow password");
  const link = page.url();
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=reset$/);

  await visit(page, link);
  await page.getByLabel("New password", { exact: true }).fill("another-new-password");
  await page.getByLabel("Repeat the new password").fill("another-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(errorAlert(page)).toContainText("This reset link has expired or was already used.");
  await expect(errorAlert(page).getByRole("link", { name: "Request a new link" })).toBeVisible();
  await screenshot(page, "reset-used");
});
