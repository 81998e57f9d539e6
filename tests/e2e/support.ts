// Shared steps for the end-to-end journeys. Every journey makes its own people with unique
// emails, so tests stay independent and the suite can run again on the same database.
import { randomBytes } from "node:crypto";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

/**
 * `test` with `freshPage()`: a page in a new browser context (no cookies), like a colleague's
 * laptop or a second device. Its contexts are closed after the test.
 */
export const test = base.extend<{ freshPage: () => Promise<Page> }>({
  freshPage: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
export { expect };

export const DEMO_PASSWORD = "resolutionflow-demo";
export const DEMO_OWNER = { email: "owner@demo.resolutionflow.test", name: "Olivia Owner", account: "Northwind MSP" };

export type TestPerson = { name: string; firstName: string; email: string; password: string };

/** A person nobody has used yet: unique email, a valid password. */
export function newPerson(firstName: string, lastName = "Tester"): TestPerson {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return {
    name: `${firstName} ${lastName}`,
    firstName,
    email: `${firstName.toLowerCase()}.${tag}@e2e.resolutionflow.test`,
    password: `pw-${tag}-long-enough`,
  };
}

export const uniqueCompany = (base = "Contoso IT") => `${base} ${randomBytes(2).toString("hex").toUpperCase()}`;

/** Full-page screenshot into test-results/screens/<name>.png, for a person to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/**
 * page.goto for signed-in pages, then waits until the streamed page has replaced the loading
 * skeleton (until then React keeps the finished page in a hidden copy, and locators see both).
 */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[aria-label="Loading"][aria-busy="true"], div[hidden][id^="S:"]')).toHaveCount(0);
}

/** A toast by its title (toasts live in the "Notifications" region). */
export const toast = (page: Page, title: string) =>
  page.getByRole("region", { name: /Notifications/ }).getByRole("listitem").filter({ hasText: title });

/** The page's error alerts, without Next's (empty) route announcer. */
export const errorAlert = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

/** Signs up a new company from /signup; ends on the welcome dashboard. */
export async function signUpCompany(page: Page, person: TestPerson, company = uniqueCompany()) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByLabel("Company name").fill(company);
  await page.getByRole("button", { name: "Create account" }).click();
  await signInAfterSignUp(page, person);
  return company;
}

/** Joins an existing account with an invite code, in the given (fresh) page. */
export async function joinWithInvite(page: Page, person: TestPerson, code: string) {
  await page.goto("/signup");
  await page.getByRole("tab", { name: "I have an invite code" }).click();
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByLabel("Invite code").fill(code);
  await page.getByRole("button", { name: "Join account" }).click();
  await signInAfterSignUp(page, person);
}

/**
 * After sign-up the page says "Check your email" (the same for an address that already had an
 * account); its "Sign in" link opens the login form with the email filled in, then the welcome.
 */
export async function signInAfterSignUp(page: Page, person: TestPerson) {
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
  await expect(page.getByRole("status")).toContainText(person.email);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\?welcome=1$/, { timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${person.firstName}`);
}

/** Fills the sign-in form; callers assert where it leads. */
export async function submitSignIn(page: Page, email: string, password: string) {
  if (!/\/login/.test(page.url())) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signing in hashes the password (argon2) and renders the dashboard: on a loaded machine that takes a while. */
export const SIGN_IN_TIMEOUT = 30_000;

export async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: SIGN_IN_TIMEOUT });
}

export async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

export async function chooseTheme(page: Page, theme: "Light" | "Dark" | "System") {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitemradio", { name: theme }).click();
  await page.keyboard.press("Escape");
  if (theme !== "System") await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme.toLowerCase()}\\b`));
}

/** Opens the dev outbox and follows the link in the newest email to `to` with `subject`. */
export async function followEmailLink(page: Page, to: string, subject: string, shot?: string) {
  await page.goto("/dev/outbox");
  const message = page.getByTestId("outbox-message").filter({ hasText: `To: ${to}` }).filter({ hasText: subject }).first();
  await expect(message).toBeVisible();
  if (shot) await screenshot(page, shot);
  const link = message.getByRole("link").first();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await link.click();
  await expect(page).toHaveURL(new URL(href!).pathname);
}

/** Owner creates an invite on /settings/invites and reads the code from the dialog. */
export async function createInvite(page: Page, options: { role: string; team?: string; uses?: number; shot?: string }) {
  await visit(page, "/settings/invites");
  await page.getByLabel("Role").selectOption({ label: options.role });
  if (options.team) await page.getByLabel("Team").selectOption({ label: options.team });
  await page.getByLabel("Uses").fill(String(options.uses ?? 1));
  await page.getByRole("button", { name: "Create invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite code created" });
  await expect(dialog).toBeVisible();
  const code = (await dialog.getByTestId("invite-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  await expect(dialog.getByText(`/signup?invite=${code}`)).toBeVisible();
  if (options.shot) await screenshot(page, options.shot);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return code;
}

/** The invite list row for a code (the list shows only the first four characters). */
export const inviteRow = (page: Page, code: string) => page.getByRole("row").filter({ hasText: `${code.slice(0, 4)}-····` });

/** Horizontal overflow check: nothing may make the page scroll sideways. */
export async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}
