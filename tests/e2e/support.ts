// Shared steps for the end-to-end journeys. Every journey makes its own people with unique
// emails, so tests stay independent and the suite can run again on the same database.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

/** Collects the browser's Content-Security-Policy complaints ("Refused to …") from a context. */
function watchForCspViolations(context: BrowserContext, violations: string[]) {
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
  });
}

/**
 * `test` with `freshPage()`: a page in a new browser context (no cookies), like a colleague's
 * laptop or a second device. Its contexts are closed after the test.
 * Every journey also fails when the browser reports a Content-Security-Policy violation (a
 * blocked script, style or image), in its own page or in a fresh one.
 */
export const test = base.extend<{ freshPage: () => Promise<Page>; cspViolations: string[] }>({
  cspViolations: [
    async ({}, provide) => {
      const violations: string[] = [];
      await provide(violations);
      expect(violations, "the browser reported Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, cspViolations }, provide) => {
    watchForCspViolations(context, cspViolations);
    await provide(context);
  },
  freshPage: async ({ browser, cspViolations }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      watchForCspViolations(context, cspViolations);
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
 * Waits until the page is ready to use: the streamed page has replaced the loading skeleton
 * (until then React keeps the finished page in a hidden copy, and locators see both) and React
 * has hydrated it (before that, clicks and key presses are lost; the app marks <html data-hydrated>).
 */
export async function pageReady(page: Page) {
  await expect(page.locator('[aria-label="Loading"][aria-busy="true"], div[hidden][id^="S:"]')).toHaveCount(0);
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

/** page.goto, then waits until the page is ready to use (pageReady). */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await pageReady(page);
}

/** A toast by its title (toasts live in the "Notifications" region). */
export const toast = (page: Page, title: string) =>
  page.getByRole("region", { name: /Notifications/ }).getByRole("listitem").filter({ hasText: title });

/**
 * The page's visible error alerts, without Next's route announcer. By role, so the hidden copy
 * React keeps of a streamed page while it swaps it in is not counted twice.
 */
export const errorAlert = (page: Page) => page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"));

/** Signs up a new company from /signup; ends on the welcome dashboard. */
export async function signUpCompany(page: Page, person: TestPerson, company = uniqueCompany()) {
  await visit(page, "/signup");
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
  await visit(page, "/signup");
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
  // L1 techs land on their workspace; everyone else on the dashboard. Both greet the newcomer.
  await expect(page).toHaveURL(/\/(dashboard|l1)\?welcome=1$/, { timeout: SIGN_IN_TIMEOUT });
  const greeting = `Welcome, ${person.firstName}`;
  await expect(page.getByTestId("l1-welcome").or(page.getByRole("heading", { level: 1, name: greeting }))).toHaveText(greeting);
}

/** Fills the sign-in form; callers assert where it leads. */
export async function submitSignIn(page: Page, email: string, password: string) {
  if (!/\/login/.test(page.url())) await visit(page, "/login");
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
  await visit(page, "/dev/outbox");
  const message = page.getByTestId("outbox-message").filter({ hasText: `To: ${to}` }).filter({ hasText: subject }).first();
  await expect(message).toBeVisible();
  if (shot) await screenshot(page, shot);
  const link = message.getByRole("link").first();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await link.click();
  await expect(page).toHaveURL(new URL(href!).pathname);
  await pageReady(page);
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

/** The WCAG levels every page must meet: 2.0, 2.1 and 2.2, A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core on the page as it is now (the caller waits for the state it wants checked) and
 * fails with a readable list of every WCAG 2.2 AA violation: rule, impact, where, and why.
 */
export async function expectNoA11yViolations(page: Page, what = new URL(page.url()).pathname) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = violations.flatMap((violation) =>
    violation.nodes.map((node) => `- ${violation.id} (${violation.impact}): ${node.target.join(" ")}\n  ${node.failureSummary?.replace(/\n/g, "\n  ")}`),
  );
  expect(report, `accessibility violations on ${what}:\n${report.join("\n")}`).toEqual([]);
}
