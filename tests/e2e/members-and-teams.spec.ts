// Journey 5: an owner runs the account's people: teams, roles, team membership, removal.
import { createInvite, errorAlert, expect, expectNoA11yViolations, joinWithInvite, newPerson, pageReady, screenshot, signUpCompany, test, toast, visit } from "./support";

test("an owner creates and renames a team, changes a role, moves a member and removes one", async ({ page, freshPage }) => {
  const owner = newPerson("Taylor", "Owner");
  await signUpCompany(page, owner);

  // Teams: empty state, create, duplicate name, rename.
  await visit(page, "/settings/teams");
  await expect(page.getByText("No teams yet.")).toBeVisible();
  await screenshot(page, "settings-teams-empty");
  await page.getByLabel("New team").fill("Projects");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(toast(page, 'Team "Projects" created')).toBeVisible();
  const teams = page.getByRole("list").filter({ has: page.getByRole("button", { name: /^Rename / }) });
  await expect(teams.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByLabel("New team")).toHaveValue("");

  await page.getByLabel("New team").fill("Projects");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByLabel("New team")).toHaveAccessibleDescription('A team called "Projects" already exists.');
  await expect(teams.getByRole("listitem")).toHaveCount(1);

  await page.getByRole("button", { name: "Rename Projects" }).click();
  await expect(page.getByLabel("Team name")).toBeFocused();
  await screenshot(page, "settings-teams-rename");
  await page.getByLabel("Team name").fill("Field Projects");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Team renamed")).toBeVisible();
  await expect(teams.getByRole("listitem")).toHaveCount(1);
  await expect(teams.getByRole("listitem").first()).toContainText("Field Projects");
  await expect(teams.getByRole("listitem").first()).toContainText("0 members");
  await screenshot(page, "settings-teams");
  await expectNoA11yViolations(page);

  // Two colleagues join with one two-use invite.
  const code = await createInvite(page, { role: "Engineer", uses: 2 });
  const jordan = newPerson("Jordan", "Engineer");
  const sam = newPerson("Sam", "Leaver");
  const jordansPage = await freshPage();
  await joinWithInvite(jordansPage, jordan, code);
  const samsPage = await freshPage();
  await joinWithInvite(samsPage, sam, code);

  await visit(page, "/settings/members");
  const rows = page.getByRole("row").filter({ has: page.getByRole("combobox") });
  await expect(rows).toHaveCount(3);
  const me = page.getByTestId(`member-${owner.email}`);
  await expect(me).toContainText("You");
  await expect(me.getByLabel(`Role of ${owner.name}`)).toBeDisabled();
  await expect(me.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await screenshot(page, "settings-members");
  await expectNoA11yViolations(page);

  // Role change: Jordan becomes an admin, and it sticks.
  const jordanRow = page.getByTestId(`member-${jordan.email}`);
  await jordanRow.getByLabel(`Role of ${jordan.name}`).selectOption("admin");
  await expect(toast(page, `${jordan.name} is now Admin`)).toBeVisible();
  // Team move: Jordan joins Field Projects.
  await jordanRow.getByLabel(`Team of ${jordan.name}`).selectOption({ label: "Field Projects" });
  await expect(toast(page, `${jordan.name} moved to Field Projects`)).toBeVisible();
  await page.reload();
  await pageReady(page);
  await expect(jordanRow.getByLabel(`Role of ${jordan.name}`)).toHaveValue("admin");
  await expect(jordanRow.getByLabel(`Team of ${jordan.name}`).locator("option:checked")).toHaveText("Field Projects");

  // Jordan, now an admin, sees the admin tabs; the team page counts them.
  await visit(jordansPage, "/settings/members");
  await expect(jordansPage.getByRole("heading", { name: "Members" })).toBeVisible();
  await visit(page, "/settings/teams");
  await expect(teams.getByRole("listitem").first()).toContainText("1 member");

  // Remove Sam: a confirm dialog, then Sam is gone and signed out.
  await visit(page, "/settings/members");
  await page.getByTestId(`member-${sam.email}`).getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${sam.name}?` });
  await expect(dialog).toContainText("They lose access to this account at once.");
  await screenshot(page, "settings-members-remove");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(3);

  await page.getByTestId(`member-${sam.email}`).getByRole("button", { name: "Remove" }).click();
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(toast(page, `${sam.name} was removed`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`member-${sam.email}`)).toHaveCount(0);
  await expect(rows).toHaveCount(2);

  await visit(samsPage, "/dashboard");
  await expect(samsPage).toHaveURL(/\/login/);
});

test("members and teams pages are for owners and admins only", async ({ page, freshPage }) => {
  const owner = newPerson("Jesse", "Owner");
  await signUpCompany(page, owner);
  const code = await createInvite(page, { role: "L1 technician" });
  const tech = newPerson("Lee", "Technician");
  const techPage = await freshPage();
  await joinWithInvite(techPage, tech, code);

  await visit(techPage, "/settings/members");
  // L1 techs land on their workspace, which says why they are there.
  await expect(techPage).toHaveURL(/\/l1\?denied=admin$/);
  await pageReady(techPage);
  // Exactly one alert (not the page and its hidden streamed copy), then its words.
  await expect(errorAlert(techPage)).toHaveCount(1);
  await expect(errorAlert(techPage)).toHaveText("That page is for account owners and admins.");
  await screenshot(techPage, "dashboard-denied");
  await expectNoA11yViolations(techPage);
  await visit(techPage, "/settings");
  await expect(techPage.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText(["Account"]);
  await expect(techPage.getByLabel("Account name")).toHaveCount(0);
});
