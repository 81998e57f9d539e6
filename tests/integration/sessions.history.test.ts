// Step feedback (one vote per person per step, rolled up into the synced library entry) and
// the session history search (tabs, filters, paging, tenancy).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getSessionView, HISTORY_PAGE_SIZE, historySearchSchema, searchSessions } from "@/lib/sessions/queries";
import { completeSession, prepareSession, startSession, submitStepFeedback } from "@/lib/sessions/sessions.actions";
import { createUser } from "@/tests/helpers/factories";
import { as, ok, printerTree, publishAs, publishProcedure, publishTree, stepIdsOf, teamTenant, type Actor } from "@/tests/helpers/published-flows";
import { sampleProcedure } from "@/tests/helpers/flow-fixtures";
import { startAssistantSession } from "@/lib/assistant/walk";
import { scriptedProvider, step } from "@/tests/helpers/assistant";

const start = async (user: Actor, flowId: string) => ok(await as(user, () => startSession({ flowId }))).id;
const entryOf = (flowId: string, stepId: string) => db.libraryStep.findUniqueOrThrow({ where: { sourceTreeId_sourceNodeId: { sourceTreeId: flowId, sourceNodeId: stepId } } });
const counts = async (flowId: string, stepId: string) => {
  const entry = await entryOf(flowId, stepId);
  return [entry.helpfulCount, entry.unhelpfulCount];
};

describe("submitStepFeedback", () => {
  it("one vote per person per step: changing it moves the library entry's counts by exactly one", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishProcedure(t.engineer);
    const [stepId, otherStep] = stepIdsOf(structure);
    const sessionId = await start(t.engineer, flowId);
    const vote = (user: Actor, helpful: boolean, comment = "") => as(user, () => submitStepFeedback({ sessionId, stepId, helpful, comment }));

    expect(ok(await vote(t.engineer, true, "clear"))).toEqual({ stepId, helpful: true });
    expect(await counts(flowId, stepId)).toEqual([1, 0]);
    // The same vote again: the comment changes, the counts do not.
    ok(await vote(t.engineer, true, "very clear"));
    expect(await counts(flowId, stepId)).toEqual([1, 0]);
    ok(await vote(t.engineer, false, "outdated"));
    expect(await counts(flowId, stepId)).toEqual([0, 1]);
    ok(await vote(t.engineer, true));
    expect(await counts(flowId, stepId)).toEqual([1, 0]);
    expect(await db.stepFeedback.findMany({ where: { sessionId } })).toEqual([expect.objectContaining({ userId: t.engineer.id, stepId, helpful: true, comment: "" })]);

    // Someone else's vote is their own row.
    ok(await vote(t.admin, false, "missing a step"));
    expect(await counts(flowId, stepId)).toEqual([1, 1]);
    expect(await db.stepFeedback.count({ where: { sessionId } })).toBe(2);
    expect((await getSessionView(t.engineer, sessionId)).feedback).toEqual({ [stepId]: { helpful: true, comment: "" } });
    expect((await getSessionView(t.admin, sessionId)).feedback).toEqual({ [stepId]: { helpful: false, comment: "missing a step" } });
    // Other entries are untouched.
    expect(await counts(flowId, otherStep)).toEqual([0, 0]);
  });

  it("troubleshooting: rolls up into the synced action/solution; a question has no entry to move", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishTree(t.engineer);
    const n = printerTree(structure);
    const sessionId = await start(t.engineer, flowId);
    ok(await as(t.engineer, () => submitStepFeedback({ sessionId, stepId: n.restart, helpful: true })));
    ok(await as(t.engineer, () => submitStepFeedback({ sessionId, stepId: n.fixed, helpful: false })));
    ok(await as(t.engineer, () => submitStepFeedback({ sessionId, stepId: n.root, helpful: true })));
    expect(await counts(flowId, n.restart)).toEqual([1, 0]);
    expect(await counts(flowId, n.fixed)).toEqual([0, 1]);
    expect(await db.stepFeedback.count({ where: { sessionId } })).toBe(3);
    const totals = await db.libraryStep.aggregate({ where: { sourceTreeId: flowId }, _sum: { helpfulCount: true, unhelpfulCount: true } });
    expect(totals._sum).toEqual({ helpfulCount: 1, unhelpfulCount: 1 });
  });

  it("unknown steps are not found; bad input is invalid; nothing is written", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const sessionId = await start(t.engineer, flowId);
    expect(await as(t.engineer, () => submitStepFeedback({ sessionId, stepId: "no-such-step", helpful: true }))).toMatchObject({ ok: false, code: "not_found", error: "Step was not found." });
    expect(await as(t.engineer, () => submitStepFeedback({ sessionId, stepId: "x", helpful: "yes" as never }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await as(t.engineer, () => submitStepFeedback({ sessionId, stepId: "x", helpful: true, comment: "c".repeat(1001) }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await db.stepFeedback.count({ where: { sessionId } })).toBe(0);
  });

  it("parallel votes stay consistent: one person flipping 20 times at once, 12 people at once, 6 sessions at once", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishProcedure(t.engineer);
    const [stepId] = stepIdsOf(structure);

    // One person, one session, 20 clicks in flight: one row, and the entry counts exactly that one vote.
    const sessionId = await start(t.engineer, flowId);
    const flips = await Promise.all(Array.from({ length: 20 }, (_, i) => as(t.engineer, () => submitStepFeedback({ sessionId, stepId, helpful: i % 2 === 0 }))));
    expect(flips.every((r) => r.ok)).toBe(true);
    const [row] = await db.stepFeedback.findMany({ where: { sessionId } });
    expect(await db.stepFeedback.count({ where: { sessionId } })).toBe(1);
    expect(await counts(flowId, stepId)).toEqual(row.helpful ? [1, 0] : [0, 1]);

    // 12 people on that session at once, then 6 sessions of other people at once.
    const voters = await Promise.all(Array.from({ length: 12 }, () => createUser({ accountId: t.account.id, role: "admin" })));
    await Promise.all(voters.map((user, i) => as(user, () => submitStepFeedback({ sessionId, stepId, helpful: i < 8 }))));
    const sessions = await Promise.all(voters.slice(0, 6).map((user) => start(user, flowId)));
    await Promise.all(sessions.map((id, i) => as(voters[i], () => submitStepFeedback({ sessionId: id, stepId, helpful: i % 3 !== 0 }))));

    const votes = await db.stepFeedback.findMany({ where: { stepId } });
    expect(votes).toHaveLength(1 + 12 + 6);
    expect(await counts(flowId, stepId)).toEqual([votes.filter((v) => v.helpful).length, votes.filter((v) => !v.helpful).length]);
  });
});

describe("searchSessions", () => {
  const search = (user: Parameters<typeof searchSessions>[0], params: Record<string, unknown> = {}) => searchSessions(user, historySearchSchema.parse(params));

  it("assistant sessions have a filter of their own (they have no flow) and say what they are", async () => {
    const t = await teamTenant();
    const tree = await publishTree(t.engineer);
    const flowRun = await start(t.engineer, tree.flowId);
    const provider = scriptedProvider(() => step("Restart the spooler"));
    const walk = (await startAssistantSession(t.engineer, { problem: "Labels print blank" }, { provider })).sessionId;
    await startAssistantSession(t.other.engineer, { problem: "Labels print blank" }, { provider });
    const assistant = await search(t.engineer, { tab: "all", kind: "assistant" });
    expect(assistant.items.map((s) => [s.id, s.kind, s.flowName])).toEqual([[walk, "assistant", "Labels print blank"]]);
    const flows = await search(t.engineer, { tab: "all", kind: "flow" });
    expect(flows.items.map((s) => [s.id, s.kind])).toEqual([[flowRun, "flow"]]);
    expect(historySearchSchema.parse({ kind: "robot" }).kind).toBeUndefined();
  });

  /** An account with a known mix of sessions, and another account with sessions of its own. */
  async function history() {
    const t = await teamTenant();
    const tree = await publishTree(t.engineer);
    const procedure = await publishProcedure(t.engineer);
    const maintenance = await publishAs(t.engineer, "maintenance", sampleProcedure(2), { name: "Monthly patching" });
    const ids = {
      treeActive: await Promise.all([start(t.engineer, tree.flowId), start(t.engineer, tree.flowId), start(t.teammate, tree.flowId)]),
      treeResolved: await start(t.engineer, tree.flowId),
      treeEscalated: await start(t.teammate, tree.flowId),
      procedureDone: await start(t.engineer, procedure.flowId),
      maintenanceActive: await start(t.loner, maintenance.flowId),
      preparedForEngineer: ok(await as(t.admin, () => prepareSession({ flowId: procedure.flowId, variables: {}, assigneeId: t.engineer.id }))).id,
      preparedForLoner: ok(await as(t.admin, () => prepareSession({ flowId: procedure.flowId, variables: {}, assigneeId: t.loner.id }))).id,
      preparedUnassigned: ok(await as(t.engineer, () => prepareSession({ flowId: maintenance.flowId, variables: {} }))).id,
    };
    ok(await as(t.engineer, () => completeSession({ sessionId: ids.treeResolved, outcome: "resolved" })));
    ok(await as(t.teammate, () => completeSession({ sessionId: ids.treeEscalated, outcome: "escalated" })));
    ok(await as(t.engineer, () => completeSession({ sessionId: ids.procedureDone, outcome: "completed" })));
    // Dates for the date filter (on last activity, updatedAt): sessions created and last worked on in January 2024.
    const jan10 = new Date("2024-01-10T12:00:00Z");
    const jan31 = new Date("2024-01-31T23:59:00Z");
    await db.session.updateMany({ where: { id: { in: [ids.treeResolved, ids.procedureDone] } }, data: { createdAt: jan10, updatedAt: jan10 } });
    await db.session.update({ where: { id: ids.treeEscalated }, data: { createdAt: jan31, updatedAt: jan31 } });

    // The other account: its own flow and a pile of sessions, never counted here.
    const theirs = await publishTree(t.other.engineer);
    await Promise.all(Array.from({ length: 6 }, () => start(t.other.engineer, theirs.flowId)));
    return { t, tree, procedure, maintenance, ids, theirs };
  }

  it("tabs: active, prepared, completed and all, for an admin (the whole account)", async () => {
    const { t, ids } = await history();
    const active = await search(t.admin, { tab: "active" });
    expect(active.total).toBe(4);
    expect(active.items.map((i) => i.id).sort()).toEqual([...ids.treeActive, ids.maintenanceActive].sort());
    expect((await search(t.admin, { tab: "prepared" })).total).toBe(3);
    expect((await search(t.admin, { tab: "completed" })).total).toBe(3);
    expect((await search(t.admin, { tab: "all" })).total).toBe(10);
    // No tab given (or a made-up one): active.
    expect((await search(t.admin)).total).toBe(4);
    expect((await search(t.admin, { tab: "deleted" })).total).toBe(4);
  });

  it("non-admins see their own, their assigned and their team's sessions only", async () => {
    const { t, ids } = await history();
    // The loner (no team): their maintenance run and the session prepared for them.
    expect((await search(t.loner, { tab: "all" })).items.map((i) => i.id).sort()).toEqual([ids.maintenanceActive, ids.preparedForLoner].sort());
    // The teammate: everything of the team (engineer's and teammate's runs, prepared for the team/engineer).
    expect((await search(t.teammate, { tab: "all" })).total).toBe(8);
  });

  it("filters: flow, type, outcome, engineer, assigned to me, date range; combined", async () => {
    const { t, ids, tree, procedure, maintenance } = await history();
    const idsOf = async (params: Record<string, unknown>) => (await search(t.admin, { tab: "all", ...params })).items.map((i) => i.id).sort();

    expect(await idsOf({ flowId: tree.flowId })).toEqual([...ids.treeActive, ids.treeResolved, ids.treeEscalated].sort());
    expect(await idsOf({ flowId: maintenance.flowId })).toEqual([ids.maintenanceActive, ids.preparedUnassigned].sort());
    expect(await idsOf({ type: "procedural" })).toEqual([ids.procedureDone, ids.preparedForEngineer, ids.preparedForLoner].sort());
    expect(await idsOf({ type: "maintenance" })).toEqual([ids.maintenanceActive, ids.preparedUnassigned].sort());
    expect(await idsOf({ outcome: "escalated" })).toEqual([ids.treeEscalated]);
    expect(await idsOf({ outcome: "resolved", flowId: procedure.flowId })).toEqual([]);
    expect(await idsOf({ engineerId: t.teammate.id })).toEqual([ids.treeActive[2], ids.treeEscalated].sort());
    expect((await search(t.engineer, { tab: "prepared", mine: "assigned" })).items.map((i) => i.id)).toEqual([ids.preparedForEngineer]);
    expect((await search(t.loner, { tab: "all", mine: "assigned" })).items.map((i) => i.id)).toEqual([ids.preparedForLoner]);
    // Date range on the creation day (inclusive both ends).
    expect(await idsOf({ from: "2024-01-01", to: "2024-01-31" })).toEqual([ids.treeResolved, ids.procedureDone, ids.treeEscalated].sort());
    expect(await idsOf({ from: "2024-01-10", to: "2024-01-10" })).toEqual([ids.treeResolved, ids.procedureDone].sort());
    expect(await idsOf({ from: "2024-01-11", to: "2024-01-30" })).toEqual([]);
    expect((await idsOf({ from: "2024-02-01" })).length).toBe(7);
    expect(await idsOf({ to: "2024-01-30", type: "troubleshooting" })).toEqual([ids.treeResolved]);
    expect(await idsOf({ tab: "completed", engineerId: t.engineer.id, type: "troubleshooting" })).toEqual([ids.treeResolved]);
  });

  it("list rows carry what the history page shows", async () => {
    const { t, ids } = await history();
    const result = await search(t.admin, { tab: "completed", outcome: "escalated" });
    expect(result.items[0]).toMatchObject({
      id: ids.treeEscalated, status: "completed", flowName: "Printer offline", flowType: "troubleshooting", outcome: "escalated",
      owner: { id: t.teammate.id, name: t.teammate.name }, assignee: null, preparedBy: null, stepsMarked: 0,
      createdAt: "2024-01-31T23:59:00.000Z", completedAt: expect.any(String),
    });
    const prepared = await search(t.admin, { tab: "prepared", mine: undefined, flowId: undefined });
    expect(prepared.items.find((i) => i.id === ids.preparedForLoner)).toMatchObject({ assignee: { id: t.loner.id }, preparedBy: t.admin.name, owner: null, startedAt: null });
  });

  it("paging: 25 a page, newest activity first, no overlap, a page past the end is empty", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const started: string[] = [];
    for (let i = 0; i < 30; i++) started.push(await start(t.engineer, flowId));
    // Spread the activity times so the order is certain.
    await Promise.all(started.map((id, i) => db.$executeRaw`UPDATE "Session" SET "updatedAt" = ${new Date(Date.UTC(2025, 0, 1, 0, i))} WHERE id = ${id}::uuid`));
    const page1 = await search(t.engineer, { tab: "active" });
    const page2 = await search(t.engineer, { tab: "active", page: "2" });
    const page3 = await search(t.engineer, { tab: "active", page: 3 });
    expect([page1.total, page2.total, page3.total]).toEqual([30, 30, 30]);
    expect(page1.pageSize).toBe(HISTORY_PAGE_SIZE);
    expect(page1.items).toHaveLength(25);
    expect(page2.items).toHaveLength(5);
    expect(page2.page).toBe(2);
    expect(page3.items).toEqual([]);
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual([...started].reverse());
  });

  it("another account's sessions are never listed or counted, whatever the filters", async () => {
    const { t, theirs, tree } = await history();
    for (const user of [t.admin, t.owner, t.engineer]) {
      expect((await search(user, { tab: "all", flowId: theirs.flowId })).total).toBe(0);
      expect((await search(user, { tab: "all", engineerId: t.other.engineer.id })).total).toBe(0);
    }
    const mine = await search(t.other.admin, { tab: "all" });
    expect(mine.total).toBe(6);
    expect(mine.items.every((i) => i.flowId === theirs.flowId)).toBe(true);
    expect((await search(t.other.admin, { tab: "all", flowId: tree.flowId })).total).toBe(0);
  });

  it("historySearchSchema turns anything in the URL into a safe search", () => {
    expect(historySearchSchema.parse({})).toEqual({ tab: "active", page: 1 });
    expect(historySearchSchema.parse({ tab: "all", page: "3", from: "2024-01-01", mine: "assigned", type: "procedural", outcome: "aborted" })).toEqual({
      tab: "all", page: 3, from: "2024-01-01", mine: "assigned", type: "procedural", outcome: "aborted",
    });
    expect(historySearchSchema.parse({
      tab: "drop table", flowId: "not-a-uuid", type: "x", outcome: "won", engineerId: "1", mine: "everyone", from: "01/02/2024", to: "2024-1-1", page: "-4",
    })).toEqual({ tab: "active", page: 1 });
    expect(historySearchSchema.parse({ page: "9999999" }).page).toBe(1);
    expect(historySearchSchema.parse({ page: "2.5" }).page).toBe(1);
  });
});
