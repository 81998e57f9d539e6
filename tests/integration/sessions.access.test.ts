// Who may do what to a session, for every session action: another account's people (and
// people of the account who cannot see it) get "not found" and change nothing; a teammate sees
// it but every change is "forbidden"; admins and owners may change it; an l1 runs their own.
import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/action";
import { db } from "@/lib/db/client";
import { getSessionView } from "@/lib/sessions/queries";
import {
  addCustomStep,
  answerNode,
  completeSession,
  goBack,
  prepareSession,
  selectStep,
  setNodeNote,
  setStepState,
  startPreparedSession,
  startSession,
  submitStepFeedback,
  updateSessionNotes,
  updateSessionVariables,
} from "@/lib/sessions/sessions.actions";
import { as, ok, printerTree, publishProcedure, publishTree, stepIdsOf, teamTenant, type Actor, type TeamTenant } from "@/tests/helpers/published-flows";

type Flows = {
  tree: Awaited<ReturnType<typeof publishTree>>;
  procedure: Awaited<ReturnType<typeof publishProcedure>>;
};
type Arranged = { sessionId: string; call: () => Promise<ActionResult<unknown>> };
type Case = [name: string, arrange: (t: TeamTenant, flows: Flows) => Promise<Arranged>];

const start = async (user: Actor, flowId: string) => ok(await as(user, () => startSession({ flowId }))).id;

/** Every session action, each aimed at a fresh session run by the tenant's engineer. */
const CASES: Case[] = [
  ["answerNode", async (t, { tree }) => {
    const sessionId = await start(t.engineer, tree.flowId);
    const n = printerTree(tree.structure);
    return { sessionId, call: () => answerNode({ sessionId, nodeId: n.root, answerId: n.yes }) };
  }],
  ["goBack", async (t, { tree }) => {
    const sessionId = await start(t.engineer, tree.flowId);
    const n = printerTree(tree.structure);
    ok(await as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.yes })));
    return { sessionId, call: () => goBack({ sessionId, nodeId: n.restart }) };
  }],
  ["setNodeNote", async (t, { tree }) => {
    const sessionId = await start(t.engineer, tree.flowId);
    return { sessionId, call: () => setNodeNote({ sessionId, nodeId: tree.structure.rootId, note: "changed" }) };
  }],
  ["setStepState", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    return { sessionId, call: () => setStepState({ sessionId, stepId: stepIdsOf(procedure.structure)[0], status: "done", note: "x" }) };
  }],
  ["setStepState(null)", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    const stepId = stepIdsOf(procedure.structure)[0];
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId, status: "failed" })));
    return { sessionId, call: () => setStepState({ sessionId, stepId, status: null }) };
  }],
  ["selectStep", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    return { sessionId, call: () => selectStep({ sessionId, stepId: stepIdsOf(procedure.structure)[2] }) };
  }],
  ["addCustomStep", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    return { sessionId, call: () => addCustomStep({ sessionId, afterId: stepIdsOf(procedure.structure)[0], title: "Extra" }) };
  }],
  ["addCustomStep(from library)", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    const entry = await db.libraryStep.findFirstOrThrow({ where: { sourceTreeId: procedure.flowId } });
    return { sessionId, call: () => addCustomStep({ sessionId, afterId: null, title: entry.title, libraryStepId: entry.id }) };
  }],
  ["updateSessionVariables", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    return { sessionId, call: () => updateSessionVariables({ sessionId, values: { ip: "10.1.1.1" } }) };
  }],
  ["completeSession", async (t, { procedure }) => {
    const sessionId = await start(t.engineer, procedure.flowId);
    return { sessionId, call: () => completeSession({ sessionId, outcome: "completed", notes: "done" }) };
  }],
  ["updateSessionNotes", async (t, { tree }) => {
    const sessionId = await start(t.engineer, tree.flowId);
    ok(await as(t.engineer, () => completeSession({ sessionId, outcome: "resolved", notes: "original" })));
    return { sessionId, call: () => updateSessionNotes({ sessionId, notes: "rewritten", nextSteps: "more" }) };
  }],
  ["startPreparedSession", async (t, { procedure }) => {
    const { id: sessionId } = ok(await as(t.admin, () => prepareSession({ flowId: procedure.flowId, variables: {}, assigneeId: t.engineer.id })));
    return { sessionId, call: () => startPreparedSession({ sessionId }) };
  }],
];

/** Everything an action on this session could change. */
async function snapshot(sessionId: string, flows: Flows) {
  const flowIds = [flows.tree.flowId, flows.procedure.flowId];
  const [session, flowsNow, library, feedback] = await Promise.all([
    db.session.findUniqueOrThrow({ where: { id: sessionId } }),
    db.flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, usageCount: true }, orderBy: { id: "asc" } }),
    db.libraryStep.findMany({ where: { sourceTreeId: { in: flowIds } }, select: { id: true, usageCount: true, helpfulCount: true, unhelpfulCount: true }, orderBy: { id: "asc" } }),
    db.stepFeedback.count({ where: { sessionId } }),
  ]);
  return { session, flowsNow, library, feedback };
}

async function world() {
  const t = await teamTenant();
  const flows: Flows = { tree: await publishTree(t.engineer), procedure: await publishProcedure(t.engineer) };
  return { t, flows };
}

describe("every session action, by who asks", () => {
  it("another account's people, and people of the account who cannot see it: not found, nothing changes", async () => {
    const { t, flows } = await world();
    for (const [name, arrange] of CASES) {
      const { sessionId, call } = await arrange(t, flows);
      const before = await snapshot(sessionId, flows);
      for (const user of [t.other.admin, t.other.owner, t.other.engineer, t.loner]) {
        expect(await as(user, call), `${name} as ${user.role} outside`).toMatchObject({ ok: false, code: "not_found", error: "Session was not found." });
        await expect(getSessionView(user, sessionId)).rejects.toMatchObject({ code: "not_found" });
      }
      expect(await snapshot(sessionId, flows), name).toEqual(before);
    }
  });

  it("a teammate (engineer or l1, not owner, assignee or admin) sees it but every change is forbidden", async () => {
    const { t, flows } = await world();
    for (const [name, arrange] of CASES) {
      const { sessionId, call } = await arrange(t, flows);
      const before = await snapshot(sessionId, flows);
      for (const user of [t.teammate, t.l1]) {
        const view = await getSessionView(user, sessionId);
        expect(view).toMatchObject({ id: sessionId, canChange: false, canEditNotes: false });
        expect(await as(user, call), `${name} as teammate ${user.role}`).toMatchObject({ ok: false, code: "forbidden" });
      }
      expect(await snapshot(sessionId, flows), name).toEqual(before);
    }
  });

  it("an admin and the account owner may change anyone's session", async () => {
    const { t, flows } = await world();
    for (const [name, arrange] of CASES) {
      for (const user of [t.admin, t.owner]) {
        const { sessionId, call } = await arrange(t, flows);
        const before = await snapshot(sessionId, flows);
        expect((await getSessionView(user, sessionId)).canChange).toBe(true);
        const result = await as(user, call);
        expect(result.ok || result, `${name} as ${user.role}`).toBe(true);
        expect(await snapshot(sessionId, flows), `${name} as ${user.role} changed something`).not.toEqual(before);
      }
    }
  });

  it("an l1 runs their own session from start to finish, notes included", async () => {
    const { t, flows } = await world();
    const n = printerTree(flows.tree.structure);
    const tree = await start(t.l1, flows.tree.flowId);
    ok(await as(t.l1, () => answerNode({ sessionId: tree, nodeId: n.root, answerId: n.yes })));
    ok(await as(t.l1, () => goBack({ sessionId: tree, nodeId: n.restart })));
    ok(await as(t.l1, () => answerNode({ sessionId: tree, nodeId: n.root, answerId: n.no })));
    ok(await as(t.l1, () => setNodeNote({ sessionId: tree, nodeId: n.root, note: "checked" })));
    ok(await as(t.l1, () => updateSessionVariables({ sessionId: tree, values: { print_server: "prn01" } })));
    ok(await as(t.l1, () => submitStepFeedback({ sessionId: tree, stepId: n.fixed, helpful: true })));
    ok(await as(t.l1, () => completeSession({ sessionId: tree, outcome: "resolved" })));
    ok(await as(t.l1, () => updateSessionNotes({ sessionId: tree, notes: "Fixed by the l1", nextSteps: "" })));
    expect(await db.session.findUniqueOrThrow({ where: { id: tree } })).toMatchObject({ status: "completed", ownerId: t.l1.id, outcomeNotes: "Fixed by the l1" });

    const steps = stepIdsOf(flows.procedure.structure);
    const procedure = await start(t.l1, flows.procedure.flowId);
    const entry = await db.libraryStep.findFirstOrThrow({ where: { sourceTreeId: flows.procedure.flowId } });
    ok(await as(t.l1, () => setStepState({ sessionId: procedure, stepId: steps[0], status: "done" })));
    ok(await as(t.l1, () => selectStep({ sessionId: procedure, stepId: steps[1] })));
    ok(await as(t.l1, () => addCustomStep({ sessionId: procedure, afterId: steps[1], title: entry.title, libraryStepId: entry.id })));
    ok(await as(t.l1, () => completeSession({ sessionId: procedure, outcome: "aborted" })));
    expect((await getSessionView(t.l1, procedure)).canEditNotes).toBe(true);
  });

  it("a teammate may rate steps of a session they can see (their own vote, not a change to the run)", async () => {
    const { t, flows } = await world();
    const sessionId = await start(t.engineer, flows.procedure.flowId);
    const stepId = stepIdsOf(flows.procedure.structure)[0];
    ok(await as(t.teammate, () => submitStepFeedback({ sessionId, stepId, helpful: false, comment: "Needs a screenshot" })));
    const vote = await db.stepFeedback.findFirstOrThrow({ where: { sessionId } });
    expect(vote).toMatchObject({ userId: t.teammate.id, accountId: t.account.id, helpful: false });
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.stepStates).toEqual({});

    // Outside the account (or out of sight): not found, no vote, no roll-up.
    const before = await snapshot(sessionId, flows);
    for (const user of [t.other.admin, t.other.engineer, t.loner]) {
      expect(await as(user, () => submitStepFeedback({ sessionId, stepId, helpful: true }))).toMatchObject({ ok: false, code: "not_found", error: "Session was not found." });
    }
    expect(await snapshot(sessionId, flows)).toEqual(before);
  });

  it("starting and preparing a flow of another account (not public): not found, nothing created", async () => {
    const { t, flows } = await world();
    for (const user of [t.other.admin, t.other.engineer]) {
      expect(await as(user, () => startSession({ flowId: flows.tree.flowId }))).toMatchObject({ ok: false, code: "not_found", error: "Flow was not found." });
      expect(await as(user, () => prepareSession({ flowId: flows.procedure.flowId, variables: {} }))).toMatchObject({ ok: false, code: "not_found" });
    }
    // Preparing for someone of another account, from one's own account: not found either.
    expect(await as(t.admin, () => prepareSession({ flowId: flows.procedure.flowId, variables: {}, assigneeId: t.other.l1.id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.session.count({ where: { flowId: { in: [flows.tree.flowId, flows.procedure.flowId] } } })).toBe(0);
    expect((await db.flow.findMany({ where: { id: { in: [flows.tree.flowId, flows.procedure.flowId] } } })).map((f) => f.usageCount)).toEqual([0, 0]);
  });

  it("signed out: every action answers unauthenticated", async () => {
    const { t, flows } = await world();
    const { sessionId, call } = await CASES[0][1](t, flows);
    expect(await as(null, call)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await as(null, () => startSession({ flowId: flows.tree.flowId }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).path).toEqual([]);
  });
});
