// Sessions end when people say so: sign-out, "sign out everywhere" and a password change end
// sessions on the server, so a copied cookie stops working; and forged X-Forwarded-For headers
// do not dodge the sign-in limit.
import { request as playwrightRequest, type BrowserContext, type Cookie } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { expect, newPerson, screenshot, signIn, signOut, signUpCompany, test, toast, visit } from "./support";

const SESSION_COOKIE = "next-auth.session-token";

async function sessionCookie(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, "the browser holds a session cookie").toBeTruthy();
  return cookie!;
}

/** Replays a copied cookie from somewhere else (no browser): the API answer and where a page sends it. */
async function replay(cookie: Cookie) {
  const other = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: { cookies: [cookie], origins: [] } });
  try {
    const api = await other.get("/api/flows");
    const page = await other.get("/dashboard", { maxRedirects: 0 });
    return { api: api.status(), page: page.status(), location: page.headers()["location"] ?? "" };
  } finally {
    await other.dispose();
  }
}

test("a cookie copied before sign-out is refused after it", async ({ page }) => {
  const person = newPerson("Avery", "Copy");
  await signUpCompany(page, person);
  const cookie = await sessionCookie(page.context());
  // http here, so not Secure (on an https APP_URL it is, see sessions-auth.test.ts); never readable by scripts.
  expect(cookie).toMatchObject({ httpOnly: true, secure: false, sameSite: "Lax" });
  expect(await replay(cookie)).toMatchObject({ api: 200, page: 200 });

  await signOut(page);

  const after = await replay(cookie);
  expect(after.api).toBe(401);
  expect([307, 302, 303]).toContain(after.page);
  expect(after.location).toMatch(/\/login/);
});

test("changing the password asks for the current one and signs out the other devices", async ({ page, freshPage }) => {
  const person = newPerson("Rowan", "Secure");
  await signUpCompany(page, person);
  const phone = await freshPage();
  await signIn(phone, person.email, person.password);
  const phoneCookie = await sessionCookie(phone.context());

  await visit(page, "/settings");
  const security = page.getByRole("form", { name: "Change password" });
  await security.getByLabel("Current password").fill("not-my-password");
  await security.getByLabel("New password", { exact: true }).fill(`${person.password}-2`);
  await security.getByLabel("Repeat the new password").fill(`${person.password}-2`);
  await security.getByRole("button", { name: "Change password" }).click();
  await expect(security.getByLabel("Current password")).toHaveAccessibleDescription("This is not your current password.");
  await expect(security.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "settings-security-wrong-password");

  await security.getByLabel("Current password").fill(person.password);
  await security.getByRole("button", { name: "Change password" }).click();
  await expect(toast(page, "Password changed")).toContainText("Signed out on 1 other device.");
  await expect(security.getByLabel("Current password")).toHaveValue("");
  await screenshot(page, "settings-security");

  // This device stays signed in; the phone is out, and so is any copy of its cookie.
  await visit(page, "/settings");
  await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  await visit(phone, "/dashboard");
  await expect(phone).toHaveURL(/\/login/);
  expect((await replay(phoneCookie)).api).toBe(401);

  await signOut(page);
  await signIn(page, person.email, `${person.password}-2`);
});

test("sign out everywhere ends every session, this one included", async ({ page, freshPage }) => {
  const person = newPerson("Emery", "Everywhere");
  await signUpCompany(page, person);
  const laptop = await freshPage();
  await signIn(laptop, person.email, person.password);
  const laptopCookie = await sessionCookie(laptop.context());
  const ownCookie = await sessionCookie(page.context());

  await visit(page, "/settings");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out-everywhere$/);
  await expect(page.getByRole("status")).toHaveText("You were signed out on every device.");
  await screenshot(page, "signed-out-everywhere");

  await visit(laptop, "/dashboard");
  await expect(laptop).toHaveURL(/\/login/);
  expect((await replay(laptopCookie)).api).toBe(401);
  expect((await replay(ownCookie)).api).toBe(401);
});

// Over HTTP from one client (the browser may reach localhost by another address, ::1 or 127.0.0.1).
test("forged X-Forwarded-For headers do not make fresh sign-in buckets", async ({ page }) => {
  const person = newPerson("Taylor", "Spoof");
  await signUpCompany(page, person);

  const client = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    const attempt = async (password: string, forwardedFor: string) => {
      const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
      const response = await client.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: person.email, password, json: "true" },
        headers: { "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor },
        maxRedirects: 0,
      });
      return (await response.json()).url as string;
    };
    // Five wrong guesses, each claiming to come from somewhere new, all count for this one client.
    for (let i = 1; i <= 5; i++) expect(await attempt(`wrong-guess-${i}`, `203.0.113.${i}`)).toContain("error=CredentialsSignin");
    expect(await attempt(person.password, "198.51.100.77")).toContain("error=RateLimited");
  } finally {
    await client.dispose();
  }
});
