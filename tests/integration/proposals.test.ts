// Flow proposals against the real database: what proposes (resolved only), support instead of
// duplicates, one analysis per session under concurrency, approve publishing once, the custom
// step rule, the cron sweep and the review actions.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { analyseSession } from "@/lib/proposals/analyse";
import { approveProposal, dismissProposal, modifyProposal, rejectProposal, reopenProposal } from "@/lib/proposals/proposals.actions";
import { addCustomStep, completeSession } from "@/lib/sessions/sessions.actions";
import { outlookWalk, printerWalk, seedAssistantSession } from "@/tests/helpers/proposal-fixtures";
import { as, ok, publishProcedure, publishTree, stepIdsOf, teamTenant } from "@/tests/helpers/published-flows";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { publishFlow } from "@/lib/flows/flows.actions";
import { startSession } from "@/lib/sessions/sessions.actions";

const proposalsOf = (accountId: string) =>
  db.flowProposal.findMany({ where: { accountId }, select: { id: true, type: true, supportCount: true, targetFlowId: true, status: true, confidence: true }, orderBy: { createdAt: "asc" } });

describe("analysis", () => {
  it("only a resolved walk proposes; every completed outcome is still marked analysed", async () => {
    const t = await teamTenant();
    for (const outcome of ["unresolved", "escalated", "partially_resolved"] as const) {
      const id = await seedAssistantSession(t.engineer, { problem: `Outlook hangs (${outcome})`, outcome, nodes: outlookWalk });
      expect(await analyseSession(db, id)).toEqual({ kind: "analysed", reinforcedFlowId: null, proposalIds: [] });
      expect((await db.session.findUniqueOrThrow({ where: { id }, select: { analysedAt: true } })).analysedAt).not.toBeNull();
    }
    expect(await proposalsOf(t.account.id)).toEqual([]);

    const resolved = await seedAssistantSession(t.engineer, { problem: "Outlook hangs at start", nodes: outlookWalk, notes: "Disabled the add-in" });
    const result = await analyseSession(db, resolved);
    expect(result.kind === "analysed" && result.proposalIds).toHaveLength(1);
    const [proposal] = await proposalsOf(t.account.id);
    expect(proposal).toMatchObject({ type: "new_flow", supportCount: 1, targetFlowId: null, status: "pending" });
    // Analysed once: a second call finds the claim taken.
    expect(await analyseSession(db, resolved)).toEqual({ kind: "skipped" });
  });

  it("a walk along a flow reinforces it (no proposal); a walk with an extra step proposes an enhancement, and a second such session adds support", async () => {
    const t = await teamTenant();
    const tree = await publishTree(t.engineer, { name: "Printer offline" });
    const exact = await seedAssistantSession(t.engineer, { problem: "printer offline", nodes: printerWalk(tree.flowId, tree.structure) });
    expect(await analyseSession(db, exact)).toEqual({ kind: "analysed", reinforcedFlowId: tree.flowId, proposalIds: [] });
    expect((await db.flow.findUniqueOrThrow({ where: { id: tree.flowId }, select: { reinforcedCount: true } })).reinforcedCount).toBe(1);
    expect(await proposalsOf(t.account.id)).toEqual([]);

    const first = await seedAssistantSession(t.engineer, { problem: "printer offline again", nodes: printerWalk(tree.flowId, tree.structure, "Clear the print queue") });
    const second = await seedAssistantSession(t.teammate as never, { problem: "printer is offline", nodes: printerWalk(tree.flowId, tree.structure, "clear the PRINT queue.") });
    await analyseSession(db, first);
    await analyseSession(db, second);
    const proposals = await proposalsOf(t.account.id);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ type: "enhancement", targetFlowId: tree.flowId, supportCount: 2 });
    expect(await db.proposalSession.count({ where: { proposalId: proposals[0].id } })).toBe(2);
    // Support raised the confidence (support part 0.5 → 0.667 of its 0.4 weight).
    const detail = await db.flowProposal.findUniqueOrThrow({ where: { id: proposals[0].id }, select: { confidence: true, diff: true, targetVersion: true } });
    expect(detail.targetVersion).toBe(1);
    expect(detail.diff).toMatchObject({ added: [{ type: "action", title: "Clear the print queue" }] });
  });

  it("a new proposal emits proposal.created to the account's webhooks in its transaction; more support for it emits nothing", async () => {
    const t = await teamTenant();
    const endpoint = await db.webhookEndpoint.create({
      data: { accountId: t.account.id, url: "https://93.184.216.34/hooks", events: ["proposal.created"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=" },
    });
    const events = () => db.webhookEvent.findMany({ where: { accountId: t.account.id, type: "proposal.created" }, select: { payload: true, deliveries: { select: { endpointId: true } } } });
    const tree = await publishTree(t.engineer, { name: "Printer offline" });
    const first = await seedAssistantSession(t.engineer, { problem: "printer offline again", nodes: printerWalk(tree.flowId, tree.structure, "Clear the print queue") });
    await analyseSession(db, first);
    const [proposal] = await proposalsOf(t.account.id);
    const sent = await events();
    expect(sent).toHaveLength(1);
    expect(sent[0].deliveries).toEqual([{ endpointId: endpoint.id }]);
    expect(sent[0].payload).toMatchObject({ proposal: { id: proposal.id, type: "enhancement", targetFlowId: tree.flowId, sessionIds: [first] } });

    const second = await seedAssistantSession(t.engineer, { problem: "printer is offline", nodes: printerWalk(tree.flowId, tree.structure, "clear the print queue") });
    await analyseSession(db, second);
    expect((await proposalsOf(t.account.id))[0].supportCount).toBe(2);
    expect(await events()).toHaveLength(1);
  });

  it("concurrent analyses of one session: one claims it, the others skip, one proposal with support 1", async () => {
    const t = await teamTenant();
    const id = await seedAssistantSession(t.engineer, { problem: "Outlook hangs", nodes: outlookWalk });
    const results = await raceOnLockedRow(
      { sql: `SELECT id FROM "Session" WHERE id = $1 FOR UPDATE`, params: [id] },
      () => Array.from({ length: 5 }, () => analyseSession(db, id)),
    );
    expect(results.filter((r) => r.kind === "analysed")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "skipped")).toHaveLength(4);
    const proposals = await proposalsOf(t.account.id);
    expect(proposals).toHaveLength(1);
    expect(proposals[0].supportCount).toBe(1);
  });

  it("the same custom step in two completed runs of a procedure proposes inserting it there", async () => {
    const t = await teamTenant();
    const procedure = await publishProcedure(t.engineer, 3, { name: "Patch servers" });
    const [firstStep] = stepIdsOf(procedure.structure);
    const sessions: string[] = [];
    for (const [who, title] of [[t.engineer, "Check the UPS"], [t.teammate, "check the ups!"]] as const) {
      const { id } = ok(await as(who, () => startSession({ flowId: procedure.flowId })));
      ok(await as(who, () => addCustomStep({ sessionId: id, afterId: firstStep, title })));
      ok(await as(who, () => completeSession({ sessionId: id, outcome: "completed" })));
      sessions.push(id);
    }
    // completeSession ran outside a request, so nothing analysed them yet; the sweep would (oldest
    // first, 50 a tick: other files' sessions in the worker database come first), as does this.
    expect(await db.session.count({ where: { id: { in: sessions }, analysedAt: null } })).toBe(2);
    for (const id of sessions) expect(await analyseSession(db, id)).toMatchObject({ kind: "analysed" });
    const proposals = await proposalsOf(t.account.id);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ type: "enhancement", targetFlowId: procedure.flowId, supportCount: 2 });
    for (const id of sessions) expect(await analyseSession(db, id)).toEqual({ kind: "skipped" });
  });
});

describe("review", () => {
  async function newFlowProposal(t: Awaited<ReturnType<typeof teamTenant>>, problem = "Outlook hangs") {
    const id = await seedAssistantSession(t.engineer, { problem, nodes: outlookWalk });
    const result = await analyseSession(db, id);
    if (result.kind !== "analysed") throw new Error("not analysed");
    return result.proposalIds[0];
  }

  it("two admins approving at once publish once", async () => {
    const t = await teamTenant();
    const proposalId = await newFlowProposal(t);
    const results = await raceOnLockedRow(
      { sql: `SELECT id FROM "FlowProposal" WHERE id = $1 FOR UPDATE`, params: [proposalId] },
      () => [as(t.admin, () => approveProposal({ proposalId })), as(t.owner, () => approveProposal({ proposalId })), as(t.admin, () => approveProposal({ proposalId }))],
    );
    const data = results.map(ok);
    expect(data.filter((d) => !d.alreadyApproved)).toHaveLength(1);
    const flowId = data[0].flowId!;
    expect(data.every((d) => d.flowId === flowId)).toBe(true);
    expect(await db.flow.count({ where: { accountId: t.account.id, name: "Outlook hangs" } })).toBe(1);
    expect(await db.flowVersion.count({ where: { flowId } })).toBe(1);
    const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId }, select: { status: true, version: true } });
    expect(flow).toEqual({ status: "published", version: 1 });
  });

  it("approving an enhancement publishes a new version of the target, and the library sync runs", async () => {
    const t = await teamTenant();
    const tree = await publishTree(t.engineer, { name: "Printer offline" });
    const session = await seedAssistantSession(t.engineer, { problem: "printer offline", nodes: printerWalk(tree.flowId, tree.structure, "Clear the print queue") });
    const result = await analyseSession(db, session);
    const proposalId = result.kind === "analysed" ? result.proposalIds[0] : "";
    const approved = ok(await as(t.admin, () => approveProposal({ proposalId })));
    expect(approved.flowId).toBe(tree.flowId);
    expect((await db.flow.findUniqueOrThrow({ where: { id: tree.flowId }, select: { version: true } })).version).toBe(2);
    expect(await db.libraryStep.count({ where: { sourceTreeId: tree.flowId, title: "Clear the print queue", isActive: true } })).toBe(1);
    // Approving again: the same answer, no new version.
    expect(ok(await as(t.owner, () => approveProposal({ proposalId })))).toEqual({ flowId: tree.flowId, alreadyApproved: true });
    expect((await db.flow.findUniqueOrThrow({ where: { id: tree.flowId }, select: { version: true } })).version).toBe(2);
  });

  it("an enhancement made against an older version is refused, and stays pending", async () => {
    const t = await teamTenant();
    const tree = await publishTree(t.engineer, { name: "Printer offline" });
    const session = await seedAssistantSession(t.engineer, { problem: "printer offline", nodes: printerWalk(tree.flowId, tree.structure, "Clear the print queue") });
    const result = await analyseSession(db, session);
    const proposalId = result.kind === "analysed" ? result.proposalIds[0] : "";
    await db.flow.update({ where: { id: tree.flowId }, data: { version: 5 } });
    const refused = await as(t.admin, () => approveProposal({ proposalId }));
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect((await db.flowProposal.findUniqueOrThrow({ where: { id: proposalId }, select: { status: true } })).status).toBe("pending");
  });

  it("modify opens a draft, reject needs a reason, dismiss parks and reopen brings it back", async () => {
    const t = await teamTenant();
    const a = await newFlowProposal(t, "Outlook hangs A");
    const modified = ok(await as(t.admin, () => modifyProposal({ proposalId: a })));
    const draft = await db.flow.findUniqueOrThrow({ where: { id: modified.flowId }, select: { status: true, version: true, name: true, structure: true } });
    expect(draft).toMatchObject({ status: "draft", version: 0 });
    // Opening the draft does not decide anything: still pending, and Modify again opens the same draft.
    const proposalState = () => db.flowProposal.findUniqueOrThrow({ where: { id: a }, select: { status: true, publishedFlowId: true, reviewedById: true } });
    expect(await proposalState()).toEqual({ status: "pending", publishedFlowId: modified.flowId, reviewedById: null });
    expect(ok(await as(t.admin, () => modifyProposal({ proposalId: a })))).toEqual({ flowId: modified.flowId });
    expect(await db.flow.count({ where: { accountId: t.account.id, name: draft.name } })).toBe(1);
    // Approve would publish a second copy: it sends the admin to the editor instead.
    expect(await as(t.admin, () => approveProposal({ proposalId: a }))).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/open as a draft in the editor/) });
    // Publishing the draft in the editor (the normal publish path) approves it, with the edits.
    ok(await as(t.admin, () => publishFlow({ flowId: modified.flowId, name: `${draft.name} (edited)`, visibility: "account", tags: [], variables: [], structure: draft.structure })));
    expect(await proposalState()).toEqual({ status: "modified", publishedFlowId: modified.flowId, reviewedById: t.admin.id });
    expect(await as(t.admin, () => modifyProposal({ proposalId: a }))).toMatchObject({ ok: false, code: "conflict" });
    // Publishing that flow again later changes nothing more.
    ok(await as(t.admin, () => publishFlow({ flowId: modified.flowId, name: `${draft.name} (edited)`, visibility: "account", tags: [], variables: [], structure: draft.structure })));
    expect((await proposalState()).status).toBe("modified");

    const t2 = await teamTenant();
    const b = await newFlowProposal(t2, "Outlook hangs B");
    expect(await as(t2.admin, () => rejectProposal({ proposalId: b, reason: "  " }))).toMatchObject({ ok: false, code: "invalid" });
    ok(await as(t2.admin, () => dismissProposal({ proposalId: b })));
    expect(await as(t2.admin, () => approveProposal({ proposalId: b }))).toMatchObject({ ok: false, code: "conflict" });
    ok(await as(t2.admin, () => reopenProposal({ proposalId: b })));
    ok(await as(t2.admin, () => rejectProposal({ proposalId: b, reason: "Duplicate of the Outlook flow" })));
    expect(await db.flowProposal.findUniqueOrThrow({ where: { id: b }, select: { status: true, rejectReason: true } })).toEqual({ status: "rejected", rejectReason: "Duplicate of the Outlook flow" });
  });
});
