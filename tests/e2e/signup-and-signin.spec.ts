// Journeys 1 and 2: a new company signs up, signs out and in, verifies its email; and the
// messages people see when they get the forms wrong.
import {
  DEMO_OWNER, DEMO_PASSWORD, errorAlert, expect, expectNoA11yViolations, followEmailLink, newPerson, screenshot, signIn, signOut, signUpCompany, submitSignIn, test, uniqueCompany, visit,
} from "./support";

test("a new company signs up, signs out, signs in again and verifies its email", async ({ page }) => {
  const owner = newPerson("Casey", "Founder");
  const company = uniqueCompany("Casey IT Services");

  await visit(page, "/signup");
  await expect(page.getByRole("tab", { name: "New company" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await screenshot(page, "signup-new-company");
  await expectNoA11yViolations(page);

  await signUpCompany(page, owner, company);
  await expect(page.getByTestId("account-name")).toHaveText(company);
  await expect(page.getByText("1 member", { exact: false })).toBeVisible();
  const banner = page.getByRole("status").filter({ hasText: "Please verify" });
  await expect(banner).toContainText(owner.email);
  await expect(page.getByRole("heading", { name: "Get started" })).toBeVisible();
  await screenshot(page, "dashboard-welcome");
  await expectNoA11yViolations(page);

  await signOut(page);
  // Signed out means signed out: the dashboard now sends us to the login page.
  await visit(page, "/dashboard");
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, owner.email, owner.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${owner.firstName}`);
  await expect(page.getByTestId("account-name")).toHaveText(company);

  await followEmailLink(page, owner.email, "Verify your email for ResolutionFlow", "outbox");
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await screenshot(page, "verify");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`${owner.email} is confirmed`);
  await screenshot(page, "verify-done");

  await page.getByRole("link", { name: "Continue to ResolutionFlow" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${owner.firstName}`);
  await expect(page.getByText("Please verify")).toHaveCount(0);

  await visit(page, "/settings");
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Account name")).toHaveValue(company);
  await screenshot(page, "settings-account");
  await expectNoA11yViolations(page);
});

test("a verification link works only once", async ({ page }) => {
  const owner = newPerson("Robin");
  await signUpCompany(page, owner);
  await followEmailLink(page, owner.email, "Verify your email");
  const link = page.url();
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible();

  await visit(page, link);
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(errorAlert(page)).toContainText("This verification link has expired or was already used.");
  await expect(errorAlert(page).getByRole("link", { name: "Get a new link from your dashboard" })).toHaveAttribute("href", "/dashboard");
  await screenshot(page, "verify-used");
});

test("sign-in explains a wrong password and empty fields", async ({ page }) => {
  await visit(page, "/login");
  await screenshot(page, "login");
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(errorAlert(page)).toHaveText("Enter your email and password.");
  await expect(page).toHaveURL(/\/login/);

  await submitSignIn(page, "engineer@demo.resolutionflow.test", "not-the-password");
  await expect(errorAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, "login-wrong-password");
  await expectNoA11yViolations(page);

  // The message does not tell an unknown email apart from a wrong password.
  await submitSignIn(page, newPerson("Nobody").email, DEMO_PASSWORD);
  await expect(errorAlert(page)).toHaveText("Wrong email or password.");
});

test("sign-up with empty or invalid fields shows field errors and creates nothing", async ({ page }) => {
  const person = newPerson("Quinn");
  await visit(page, "/signup");
  await page.getByRole("button", { name: "Create account" }).click();

  // Each message sits under its field and describes it for screen readers.
  const name = page.getByLabel("Your name");
  const email = page.getByLabel("Work email");
  const password = page.getByLabel("Password", { exact: true });
  const company = page.getByLabel("Company name");
  await expect(name).toHaveAccessibleDescription("Enter your name.");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter your email address.");
  await expect(password).toHaveAccessibleDescription("Use at least 10 characters.");
  await expect(company).toHaveAccessibleDescription("Enter your company name, or an invite code to join a team.");
  // Field errors are not repeated in a banner above the form.
  await expect(page.getByText("name: Enter your name.")).toHaveCount(0);
  await screenshot(page, "signup-empty");

  await name.fill(person.name);
  await email.fill("quinn-at-example");
  await password.fill("short");
  await company.fill(uniqueCompany());
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(email).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(password).toHaveAccessibleDescription("Use at least 10 characters.");
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signup$/);

  // A valid email with a too-short password: still nothing is created.
  await email.fill(person.email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Use at least 10 characters.");
  await screenshot(page, "signup-invalid");
  await expectNoA11yViolations(page);

  await submitSignIn(page, person.email, "short");
  await expect(errorAlert(page)).toHaveText("Wrong email or password.");
  await visit(page, "/dev/outbox");
  await expect(page.getByText(`To: ${person.email}`)).toHaveCount(0);
});

test("the invite-code tab asks for the code", async ({ page }) => {
  await visit(page, "/signup");
  await page.getByRole("tab", { name: "I have an invite code" }).click();
  await expect(page.getByRole("heading", { name: "Join your team" })).toBeVisible();
  await expect(page.getByLabel("Company name")).toHaveCount(0);
  await screenshot(page, "signup-invite-tab");
  await expectNoA11yViolations(page);

  const person = newPerson("Jamie");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Join account" }).click();
  await expect(page.getByLabel("Invite code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Invite code")).toHaveAccessibleDescription("Enter the invite code a colleague gave you.");
  await expect(errorAlert(page)).toHaveCount(1);
  await screenshot(page, "signup-invite-empty");
});

test("signing up with an email that has an account answers the same; the owner gets a mail instead", async ({ page }) => {
  const intruder = newPerson("Morgan");
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(intruder.name);
  await page.getByLabel("Work email").fill(DEMO_OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(intruder.password);
  await page.getByLabel("Company name").fill(uniqueCompany());
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
  await expect(page.getByRole("status")).toContainText(DEMO_OWNER.email);
  await expect(page.getByText("An account with this email already exists")).toHaveCount(0);
  await screenshot(page, "signup-check-email");

  // The intruder's password does not open the account; the owner's mail says what happened.
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(DEMO_OWNER.email);
  await page.getByLabel("Password").fill(intruder.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(errorAlert(page)).toHaveText("Wrong email or password.");
  await followEmailLink(page, DEMO_OWNER.email, "Someone tried to sign up with your email");
  await expect(page).toHaveURL(/\/login$/);
});
