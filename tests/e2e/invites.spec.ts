// Journey 3: an owner invites a colleague with a code; the colleague joins the same account
// with the right role and team; used-up and revoked codes are refused.
import { createInvite, errorAlert, expect, expectNoA11yViolations, inviteRow, joinWithInvite, newPerson, screenshot, signUpCompany, test, toast, visit } from "./support";

test("an owner invites an engineer to a team and the code works exactly once", async ({ page, freshPage }) => {
  const owner = newPerson("Morgan", "Owner");
  const company = await signUpCompany(page, owner);

  await visit(page, "/settings/teams");
  await page.getByLabel("New team").fill("Service Desk");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "Service Desk" })).toContainText("0 members");

  await visit(page, "/settings/invites");
  await expect(page.getByText("No invites yet.")).toBeVisible();
  await screenshot(page, "settings-invites-empty");
  const code = await createInvite(page, { role: "Engineer", team: "Service Desk", uses: 1, shot: "invite-dialog" });
  const row = inviteRow(page, code);
  await expect(row).toContainText("Engineer · Service Desk");
  await expect(row).toContainText("0 / 1");
  await expect(row).toContainText("active");

  // A colleague on another computer joins with the code.
  const colleague = newPerson("Avery", "Engineer");
  const theirPage = await freshPage();
  await joinWithInvite(theirPage, colleague, code);
  await expect(theirPage.getByTestId("account-name")).toHaveText(company);
  // Engineers are not admins: their get-started cards are about flows, not people.
  await expect(theirPage.getByRole("heading", { name: "Write your first flow" })).toBeVisible();
  await expect(theirPage.getByRole("heading", { name: "Invite your team" })).toHaveCount(0);
  await screenshot(theirPage, "dashboard-engineer");
  await visit(theirPage, "/settings");
  await expect(theirPage.getByRole("definition")).toContainText([colleague.name, colleague.email, "Engineer", "Service Desk"]);
  await expect(theirPage.getByRole("link", { name: "Members" })).toHaveCount(0);
  await screenshot(theirPage, "settings-account-engineer");

  await visit(page, "/settings/members");
  const member = page.getByTestId(`member-${colleague.email}`);
  await expect(member).toContainText(colleague.name);
  await expect(member.getByLabel(`Role of ${colleague.name}`)).toHaveValue("engineer");
  await expect(member.getByLabel(`Role of ${colleague.name}`).locator("option:checked")).toHaveText("Engineer");
  await expect(member.getByLabel(`Team of ${colleague.name}`).locator("option:checked")).toHaveText("Service Desk");

  await visit(page, "/settings/invites");
  await expect(row).toContainText("1 / 1");
  await expect(row).toContainText("used up");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await screenshot(page, "settings-invites");
  await expectNoA11yViolations(page);

  // The same code a second time: used up.
  const late = await freshPage();
  await visit(late, `/signup?invite=${code}`);
  await expect(late.getByRole("tab", { name: "I have an invite code" })).toHaveAttribute("aria-selected", "true");
  await expect(late.getByLabel("Invite code")).toHaveValue(code);
  await screenshot(late, "signup-invite-prefilled");
  await expectNoA11yViolations(late);
  const latecomer = newPerson("Drew");
  await late.getByLabel("Your name").fill(latecomer.name);
  await late.getByLabel("Work email").fill(latecomer.email);
  await late.getByLabel("Password", { exact: true }).fill(latecomer.password);
  await late.getByRole("button", { name: "Join account" }).click();
  await expect(late.getByLabel("Invite code")).toHaveAccessibleDescription("This invite code is not valid.");
  await expect(late).toHaveURL(/\/signup/);
});

test("a revoked invite code is refused with a clear message", async ({ page, freshPage }) => {
  const owner = newPerson("Harper", "Owner");
  await signUpCompany(page, owner);
  const code = await createInvite(page, { role: "L1 technician" });
  const row = inviteRow(page, code);
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(toast(page, "Invite revoked")).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const theirPage = await freshPage();
  const person = newPerson("Riley");
  await visit(theirPage, `/signup?invite=${code.toLowerCase()}`);
  await theirPage.getByLabel("Your name").fill(person.name);
  await theirPage.getByLabel("Work email").fill(person.email);
  await theirPage.getByLabel("Password", { exact: true }).fill(person.password);
  await theirPage.getByRole("button", { name: "Join account" }).click();
  await expect(errorAlert(theirPage).first()).toHaveText("That invite code is not valid. It may have expired, been used up or revoked.");
  await expect(theirPage.getByLabel("Invite code")).toHaveAccessibleDescription("This invite code is not valid.");
  await screenshot(theirPage, "signup-invite-revoked");
  await expectNoA11yViolations(theirPage);

  // Nothing was created: the email cannot sign in.
  await visit(theirPage, "/login");
  await theirPage.getByLabel("Email").fill(person.email);
  await theirPage.getByLabel("Password").fill(person.password);
  await theirPage.getByRole("button", { name: "Sign in" }).click();
  await expect(errorAlert(theirPage)).toHaveText("Wrong email or password.");
});
