// Flow proposals end to end: a resolved assistant walk (seeded straight into the database, as the
// assistant runner would have recorded it) is analysed by the cron route's sweep; the owner
// finds it in /proposals, reads the diff, approves it and finds the new flow in the flow library.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { shot, uniqueTag } from "./session-support";
import { DEMO_OWNER, DEMO_PASSWORD, chooseTheme, expect, submitSignIn, test, toast, visit } from "./support";

const DB_URL = `postgresql://resolutionflow:resolutionflow@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54359}/resolutionflow`;

/** A completed, resolved assistant session of the demo owner with a three-node walk, not analysed yet. */
async function seedResolvedWalk(name: string) {
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  try {
    const { rows: [owner] } = await client.query(`SELECT id, "accountId" FROM "User" WHERE email = $1`, [DEMO_OWNER.email]);
    const { rows: [session] } = await client.query(
      `INSERT INTO "Session" (id, "accountId", kind, "flowName", problem, "flowType", "ownerId", status, "startedAt", "completedAt", outcome, "outcomeNotes", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'assistant', $2, $3, 'troubleshooting', $4, 'completed', now(), now(), 'resolved', 'Fixed by clearing the cache', now())
       RETURNING id`,
      [owner.accountId, name, `${name}: Teams shows a blank window`, owner.id],
    );
    const nodes = [
      { kind: "question", title: `Does Teams open a blank window? ${name}`, answers: [{ id: "a1", label: "Yes" }, { id: "a2", label: "No" }], answerId: "a1", answerLabel: "Yes", result: null },
      { kind: "step", title: "Clear the Teams cache folder", answers: [], answerId: null, answerLabel: null, result: "done" },
      { kind: "solution", title: "Teams opens normally again", answers: [], answerId: null, answerLabel: null, result: null },
    ];
    for (const [seq, node] of nodes.entries()) {
      await client.query(
        `INSERT INTO "WalkNode" (id, "accountId", "sessionId", seq, kind, title, answers, status, "answerId", "answerLabel", result, provider, model, "promptHash", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::jsonb, 'accepted', $7, $8, $9, 'offline', 'retrieval', $10, now())`,
        [owner.accountId, session.id, seq, node.kind, node.title, JSON.stringify(node.answers), node.answerId, node.answerLabel, node.result, "0".repeat(64)],
      );
    }
  } finally {
    await client.end();
  }
}

test("an admin approves a proposal from a resolved walk and finds the new flow in the library", async ({ page }) => {
  test.setTimeout(240_000);
  const name = `Teams blank window ${uniqueTag()}`;
  await seedResolvedWalk(name);

  // The cron tick's sweep analyses completed sessions nobody analysed yet.
  const secret = readFileSync(path.join(process.cwd(), ".data/cron-secret"), "utf8").trim();
  const tick = await page.request.get("/api/cron/maintenance", { headers: { authorization: `Bearer ${secret}` } });
  expect(tick.status()).toBe(200);
  expect((await tick.json()).proposals).toMatchObject({ errors: 0 });

  await submitSignIn(page, DEMO_OWNER.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 60_000 });
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav.getByRole("link", { name: /Proposals/ })).toBeVisible();

  await visit(page, "/proposals?type=new_flow");
  const row = page.getByTestId("proposal-queue").getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("New flow");
  await expect(row).toContainText("Pending");
  await shot(page, "proposals-queue");

  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("diff-summary")).toHaveText(/^\d+ added · 0 changed · 0 removed$/);
  const added = page.locator('[data-diff="added"]');
  // (The question's row names where its answers lead, so match the node's own title exactly.)
  await expect(added.filter({ has: page.getByText("Clear the Teams cache folder", { exact: true }) })).toContainText("Added");
  await expect(added.filter({ has: page.getByText("Teams opens normally again", { exact: true }) })).toContainText("Added");
  await expect(page.getByRole("link", { name: `${name}: Teams shows a blank window` })).toBeVisible();
  await shot(page, "proposal-diff-light");
  await chooseTheme(page, "Dark");
  await shot(page, "proposal-diff-dark");
  await chooseTheme(page, "Light");

  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(toast(page, "Published")).toBeVisible();
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // In the flow library, published.
  await visit(page, `/flows?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name }).first()).toBeVisible();

  // The queue no longer lists it as pending.
  await visit(page, "/proposals");
  await expect(page.getByText(name)).toHaveCount(0);
});
