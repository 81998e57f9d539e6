// The L1 workspace end to end at the action level: intake (flow or assistant walk), escalation
// recipients (category → admins → nobody, with a warning), one winner of concurrent claims,
// resolution back to the L1 tech, and who may see and do what.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addEscalationNote, claimEscalation, escalateSession, resolveEscalation } from "@/lib/escalations/escalations.actions";
import { inboxList, raisedEscalations } from "@/lib/escalations/queries";
import { createCategory, deleteCategory, updateCategory } from "@/lib/l1/categories.actions";
import { previewFlowMatches, startL1Session } from "@/lib/l1/intake.actions";
import { L1_MATCH_THRESHOLD } from "@/lib/l1/matching";
import { markNotificationsRead } from "@/lib/notifications/notifications.actions";
import { bellFor } from "@/lib/notifications/queries";
import { GET as getBellRoute } from "@/app/api/notifications/route";
import { startSession } from "@/lib/sessions/sessions.actions";
import { createAccount, createUser } from "@/tests/helpers/factories";
import { mailTo, silenceMailLog } from "@/tests/helpers/outbox";
import { as, ok, publishTree, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";
import { raceOnLockedRow } from "@/tests/helpers/race";

beforeEach(() => silenceMailLog());

async function category(t: TeamTenant, recipientIds: string[] = [], name = `Printers ${Math.random().toString(36).slice(2, 8)}`) {
  return ok(await as(t.admin, () => createCategory({ name, description: "Printing, scanning, toner", recipientIds }))).id;
}

/** The l1 tech starts a walk of the account's printer flow in a category. */
async function l1Session(t: TeamTenant, categoryId: string, flowId: string, problem = "The printer on floor 2 is offline") {
  return ok(await as(t.l1, () => startL1Session({ categoryId, problem, choice: { kind: "flow", flowId } })));
}

const notificationsOf = (userId: string) => db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

describe("L1 intake", () => {
  it("starts the chosen flow in the normal runner with the category and the problem on the session", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer, { name: "Printer offline" });
    const categoryId = await category(t);
    const started = await l1Session(t, categoryId, flowId);
    expect(started).toMatchObject({ kind: "flow", href: `/sessions/${started.sessionId}` });
    const row = await db.session.findUniqueOrThrow({ where: { id: started.sessionId } });
    expect(row).toMatchObject({ kind: "flow", flowId, categoryId, problem: "The printer on floor 2 is offline", ownerId: t.l1.id, status: "active" });
    expect(row.flowVersionId).not.toBeNull();
  });

  it("auto: a flow at or above the threshold is walked; an unrelated problem gets an assistant walk; 'ad hoc' is honoured even with a match", async () => {
    const t = await teamTenant();
    // Words no other test file's flows use: public flows of other accounts in the worker database match too.
    const { flowId } = await publishTree(t.engineer, { name: "Kestrel scanner offline" });
    const categoryId = await category(t);
    const matches = ok(await as(t.l1, () => previewFlowMatches({ categoryId, problem: "kestrel scanner offline" })));
    expect(matches[0]).toMatchObject({ flowId, aboveThreshold: true });
    expect(matches[0].score).toBeGreaterThanOrEqual(L1_MATCH_THRESHOLD);

    const auto = ok(await as(t.l1, () => startL1Session({ categoryId, problem: "kestrel scanner offline", choice: { kind: "auto" } })));
    expect(auto.kind).toBe("flow");
    expect((await db.session.findUniqueOrThrow({ where: { id: auto.sessionId } })).flowId).toBe(flowId);

    const unrelated = ok(await as(t.l1, () => startL1Session({ categoryId, problem: "zebra quantum marmalade", choice: { kind: "auto" } })));
    expect(unrelated.kind).toBe("assistant");
    expect(await db.session.findUniqueOrThrow({ where: { id: unrelated.sessionId } })).toMatchObject({ kind: "assistant", flowVersionId: null, categoryId, problem: "zebra quantum marmalade" });

    const adhoc = ok(await as(t.l1, () => startL1Session({ categoryId, problem: "kestrel scanner offline", choice: { kind: "adhoc" } })));
    expect(adhoc.kind).toBe("assistant");
  });

  it("another account's category or flow is not found", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer);
    const foreignCategory = ok(await as(t.other.admin, () => createCategory({ name: "Printers", recipientIds: [] }))).id;
    const ownCategory = await category(t);
    expect(await as(t.l1, () => startL1Session({ categoryId: foreignCategory, problem: "printer offline", choice: { kind: "flow", flowId } }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await as(t.other.admin, () => startL1Session({ categoryId: ownCategory, problem: "printer offline", choice: { kind: "flow", flowId } }))).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("categories", () => {
  it("recipients must be engineers and up of the same account; a removed member stops receiving", async () => {
    const t = await teamTenant();
    expect(await as(t.admin, () => createCategory({ name: "Email", recipientIds: [t.l1.id] }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await as(t.admin, () => createCategory({ name: "Email", recipientIds: [t.other.engineer.id] }))).toMatchObject({ ok: false, code: "invalid" });
    const id = ok(await as(t.admin, () => createCategory({ name: "Email", recipientIds: [t.engineer.id, t.teammate.id] }))).id;
    ok(await as(t.admin, () => updateCategory({ categoryId: id, name: "Email & Outlook", description: "", recipientIds: [t.teammate.id] })));
    expect((await db.categoryRecipient.findMany({ where: { categoryId: id } })).map((r) => r.userId)).toEqual([t.teammate.id]);
    expect(await as(t.admin, () => createCategory({ name: "Email & Outlook", recipientIds: [] }))).toMatchObject({ ok: false, code: "conflict" });
    await db.user.delete({ where: { id: t.teammate.id } });
    expect(await db.categoryRecipient.count({ where: { categoryId: id } })).toBe(0);
    ok(await as(t.admin, () => deleteCategory({ categoryId: id })));
  });
});

describe("escalation", () => {
  it("goes to the category's recipients with the walk so far; the session ends as escalated; in-app and email", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer, { name: "Printer offline" });
    const categoryId = await category(t, [t.teammate.id]);
    const { sessionId } = await l1Session(t, categoryId, flowId);
    const result = ok(await as(t.l1, () => escalateSession({ sessionId, reason: "Restarted the spooler twice" })));
    expect(result).toMatchObject({ notified: 1, warning: null, alreadyEscalated: false });

    const escalation = await db.escalation.findUniqueOrThrow({ where: { id: result.escalationId } });
    expect(escalation).toMatchObject({ sessionId, fromId: t.l1.id, categoryId, status: "open", reason: "Restarted the spooler twice", notifiedCount: 1 });
    expect(escalation.walkText).toContain("Printer offline");
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ status: "completed", outcome: "escalated" });

    expect(await notificationsOf(t.teammate.id)).toMatchObject([{ kind: "escalation_created", href: `/escalations/${result.escalationId}` }]);
    expect(await notificationsOf(t.admin.id)).toEqual([]);
    const mail = await mailTo(t.teammate.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain(`/escalations/${result.escalationId}`);
    expect(mail[0].text).toContain("Printer offline");

    // Escalating again returns the same escalation and tells nobody twice.
    expect(ok(await as(t.l1, () => escalateSession({ sessionId, reason: "" })))).toMatchObject({ escalationId: result.escalationId, alreadyEscalated: true });
    expect(await notificationsOf(t.teammate.id)).toHaveLength(1);
  });

  it("tells the account's webhooks (session.escalated, then session.completed) in the escalation's transaction, once", async () => {
    const t = await teamTenant();
    await db.webhookEndpoint.create({
      data: { accountId: t.account.id, url: "https://93.184.216.34/hooks", events: ["session.escalated", "session.completed"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=" },
    });
    const { flowId } = await publishTree(t.engineer, { name: "Printer offline" });
    const categoryId = await category(t, [t.teammate.id], "Printers webhooks");
    const { sessionId } = await l1Session(t, categoryId, flowId);
    const result = ok(await as(t.l1, () => escalateSession({ sessionId, reason: "Toner light blinks" })));
    const events = () => db.webhookEvent.findMany({ where: { accountId: t.account.id }, orderBy: { id: "asc" }, select: { type: true, payload: true } });
    const sent = await events();
    expect(sent.map((e) => e.type).sort()).toEqual(["session.completed", "session.escalated"]);
    expect(sent.find((e) => e.type === "session.escalated")!.payload).toMatchObject({
      session: { id: sessionId, outcome: "escalated", flow: { id: flowId, name: "Printer offline" } },
      escalation: { id: result.escalationId, reason: "Toner light blinks", category: "Printers webhooks", from: { id: t.l1.id }, notified: 1 },
    });
    // Escalating again sends nothing more.
    await as(t.l1, () => escalateSession({ sessionId, reason: "" }));
    expect(await events()).toHaveLength(2);
  });

  it("falls back to the account's admins and owners when the category has no recipients", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer);
    const { sessionId } = await l1Session(t, await category(t), flowId);
    const result = ok(await as(t.l1, () => escalateSession({ sessionId, reason: "" })));
    expect(result).toMatchObject({ notified: 2, warning: null });
    expect(await notificationsOf(t.admin.id)).toHaveLength(1);
    expect(await notificationsOf(t.owner.id)).toHaveLength(1);
    expect(await notificationsOf(t.engineer.id)).toHaveLength(0);
    expect(await mailTo(t.admin.email)).toHaveLength(1);
  });

  it("with nobody to tell, the escalation still exists, the L1 tech is warned, and admins find it in the inbox", async () => {
    const account = await createAccount();
    const [engineer, l1] = await Promise.all([createUser({ accountId: account.id, role: "engineer" }), createUser({ accountId: account.id, role: "l1" })]);
    const { flowId } = await publishTree(engineer);
    // An admin-made category whose only admin has left since: create it directly.
    const cat = await db.problemCategory.create({ data: { accountId: account.id, name: "Printers" } });
    const { sessionId } = ok(await as(l1, () => startL1Session({ categoryId: cat.id, problem: "printer offline", choice: { kind: "flow", flowId } })));
    const result = ok(await as(l1, () => escalateSession({ sessionId, reason: "help" })));
    expect(result.notified).toBe(0);
    expect(result.warning).toMatch(/nobody was notified/i);
    expect(await db.notification.count({ where: { accountId: account.id } })).toBe(0);
    const admin = await createUser({ accountId: account.id, role: "admin" });
    const inbox = await inboxList({ ...admin, teamId: null, role: "admin" }, "open");
    expect(inbox.rows.map((r) => r.id)).toEqual([result.escalationId]);
    expect(inbox.counts).toEqual({ open: 1, claimed: 0, resolved: 0 });
  });

  it("two engineers claim at once: exactly one wins, the other is told who did", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer);
    const { sessionId } = await l1Session(t, await category(t), flowId);
    const { escalationId } = ok(await as(t.l1, () => escalateSession({ sessionId, reason: "" })));
    const results = await raceOnLockedRow(
      { sql: `SELECT 1 FROM "Escalation" WHERE id = $1::uuid FOR UPDATE`, params: [escalationId] },
      () => [as(t.engineer, () => claimEscalation({ escalationId })), as(t.loner, () => claimEscalation({ escalationId }))],
    );
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([expect.objectContaining({ ok: false, code: "conflict", error: expect.stringMatching(/claimed this escalation first/) })]);
    const row = await db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    expect(row.status).toBe("claimed");
    expect([t.engineer.id, t.loner.id]).toContain(row.claimedById);
    // The L1 tech hears once that someone is on it.
    expect((await notificationsOf(t.l1.id)).filter((n) => n.kind === "escalation_claimed")).toHaveLength(1);
  });

  it("resolve: only the claimer (or an admin); the resolution goes back to the L1 tech", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer);
    const { sessionId } = await l1Session(t, await category(t, [t.engineer.id]), flowId);
    const { escalationId } = ok(await as(t.l1, () => escalateSession({ sessionId, reason: "" })));
    expect(await as(t.engineer, () => resolveEscalation({ escalationId, resolution: "x" }))).toMatchObject({ ok: false, code: "forbidden", error: expect.stringMatching(/Claim this escalation/) });
    ok(await as(t.engineer, () => claimEscalation({ escalationId })));
    ok(await as(t.loner, () => addEscalationNote({ escalationId, text: "Driver 4.2 is known bad" })));
    ok(await as(t.engineer, () => addEscalationNote({ escalationId, text: "Rolling back the driver" })));
    expect(await as(t.loner, () => resolveEscalation({ escalationId, resolution: "x" }))).toMatchObject({ ok: false, code: "forbidden" });
    ok(await as(t.engineer, () => resolveEscalation({ escalationId, resolution: "Rolled the driver back to 4.1" })));
    expect(await as(t.admin, () => resolveEscalation({ escalationId, resolution: "again" }))).toMatchObject({ ok: false, code: "conflict" });

    const row = await db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    expect(row).toMatchObject({ status: "resolved", resolution: "Rolled the driver back to 4.1", claimedById: t.engineer.id });
    expect((row.notes as { text: string }[]).map((n) => n.text)).toEqual(["Driver 4.2 is known bad", "Rolling back the driver"]);
    expect(await raisedEscalations(t.l1)).toMatchObject([{ id: escalationId, status: "resolved", resolution: "Rolled the driver back to 4.1" }]);
    const bell = await bellFor(t.l1);
    expect(bell.items.map((i) => i.kind)).toEqual(["escalation_resolved", "escalation_claimed"]);
    expect(bell.unread).toBe(2);
    expect((await mailTo(t.l1.email)).at(-1)?.text).toContain("Rolled the driver back to 4.1");

    // The opened bell's list (GET /api/notifications): one's own notifications, and nobody's when signed out.
    const bellOver = async (user: Parameters<typeof as>[0]) => as(user, async () => {
      const response = await getBellRoute(new Request("http://localhost/api/notifications"), undefined);
      return { status: response.status, body: await response.json() };
    });
    expect(await bellOver(t.l1)).toMatchObject({ status: 200, body: { unread: 2, items: bell.items } });
    expect((await bellOver(t.engineer)).body.items.map((i: { id: string }) => i.id)).not.toContain(bell.items[0].id);
    expect((await bellOver(null)).status).toBe(401);

    // Mark read touches only one's own notifications.
    ok(await as(t.engineer, () => markNotificationsRead({})));
    expect((await bellFor(t.l1)).unread).toBe(2);
    ok(await as(t.l1, () => markNotificationsRead({ ids: [bell.items[0].id] })));
    expect((await bellFor(t.l1)).unread).toBe(1);
    ok(await as(t.l1, () => markNotificationsRead({})));
    expect((await bellFor(t.l1)).unread).toBe(0);
  });

  it("l1 techs cannot work the inbox, nor escalate sessions of people outside their team; other accounts see nothing", async () => {
    const t = await teamTenant();
    const { flowId } = await publishTree(t.engineer);
    const { sessionId } = await l1Session(t, await category(t), flowId);
    const { escalationId } = ok(await as(t.l1, () => escalateSession({ sessionId, reason: "" })));
    expect(await as(t.l1, () => claimEscalation({ escalationId }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await as(t.l1, () => addEscalationNote({ escalationId, text: "hi" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await as(t.other.admin, () => claimEscalation({ escalationId }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await as(t.other.admin, () => addEscalationNote({ escalationId, text: "hi" }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await inboxList({ ...t.other.admin, teamId: null, role: "admin" }, "open")).rows).toEqual([]);

    const lonerSession = ok(await as(t.loner, () => startSession({ flowId }))).id;
    expect(await as(t.l1, () => escalateSession({ sessionId: lonerSession, reason: "" }))).toMatchObject({ ok: false, code: "not_found" });
    // The l1 sees their teammate's session (team rule) but may not escalate it.
    const teamSession = ok(await as(t.engineer, () => startSession({ flowId }))).id;
    expect(await as(t.l1, () => escalateSession({ sessionId: teamSession, reason: "" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await raisedEscalations(t.engineer)).toEqual([]);
  });
});
