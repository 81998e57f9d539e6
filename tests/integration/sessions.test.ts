// Running flows against the real database: starting, the troubleshooting walk, procedure
// checklists with custom steps, variables, prepared sessions and completion, with real
// parallel requests wherever two tabs or two people could collide.
import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/action";
import { db } from "@/lib/db/client";
import { createFlow, publishFlow, saveFlow, setFlowActive, unpublishFlow } from "@/lib/flows/flows.actions";
import type { ProcedureStructure, TreeStructure } from "@/lib/flows/structure";
import { getSessionView } from "@/lib/sessions/queries";
import { runtimeSteps, trail, type CustomStep, type PathEvent, type StepStates } from "@/lib/sessions/runtime";
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
  updateSessionNotes,
  updateSessionVariables,
} from "@/lib/sessions/sessions.actions";
import { createLibraryStep } from "@/lib/library/library.actions";
import {
  INTAKE,
  as,
  ok,
  printerTree,
  publishProcedure,
  publishTree,
  stepIdsOf,
  teamTenant,
  type Actor,
} from "@/tests/helpers/published-flows";

const row = (id: string) => db.session.findUniqueOrThrow({ where: { id } });
const usage = async (flowId: string) => (await db.flow.findUniqueOrThrow({ where: { id: flowId }, select: { usageCount: true } })).usageCount;
const start = async (user: Actor, flowId: string) => ok(await as(user, () => startSession({ flowId }))).id;

describe("startSession", () => {
  it("starts at once on the latest published version, with the variables' defaults", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishTree(t.engineer);
    // Version 2 renames the root; the session must run version 2.
    const v2 = structuredClone(structure);
    v2.nodes[v2.rootId].title = "Is the printer offline (v2)?";
    ok(await as(t.engineer, () => publishFlow({ flowId, name: "Printer offline", visibility: "account", tags: [], variables: INTAKE, structure: v2 })));

    const sessionId = await start(t.l1, flowId);
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId }, include: { flowVersion: true } });
    expect(session).toMatchObject({
      status: "active", ownerId: t.l1.id, teamId: t.team.id, accountId: t.account.id, flowId, flowName: "Printer offline",
      flowType: "troubleshooting", currentNodeId: structure.rootId, path: [], stepStates: {}, customSteps: [], completedAt: null, outcome: null,
      variables: { server_name: "srv-default01", tier: "silver" },
    });
    expect(session.startedAt).toBeInstanceOf(Date);
    expect(Date.now() - session.startedAt!.getTime()).toBeLessThan(60_000);
    expect(session.flowVersion?.version).toBe(2);
    expect(await usage(flowId)).toBe(1);

    // Editing the flow afterwards never changes the running session.
    const draft = structuredClone(v2);
    draft.nodes[draft.rootId].title = "Draft edit";
    ok(await as(t.engineer, () => saveFlow({ flowId, name: "Printer offline", visibility: "account", tags: [], variables: [], structure: draft })));
    const view = await getSessionView(t.l1, sessionId);
    expect(view.flowVersion).toBe(2);
    expect((view.structure as TreeStructure).nodes[structure.rootId].title).toBe("Is the printer offline (v2)?");
    expect(view.variableDefinitions.map((d) => d.key)).toEqual(INTAKE.map((d) => d.key));
  });

  it("a procedure starts on its first step", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishProcedure(t.engineer);
    const sessionId = await start(t.engineer, flowId);
    expect((await row(sessionId)).currentNodeId).toBe(stepIdsOf(structure)[0]);
  });

  it("refuses draft, unpublished and inactive flows, creating nothing", async () => {
    const t = await teamTenant();
    const draft = ok(await as(t.engineer, () => createFlow({ name: "Draft", type: "troubleshooting", visibility: "account" })));
    const unpublished = await publishTree(t.engineer);
    ok(await as(t.engineer, () => unpublishFlow({ flowId: unpublished.flowId })));
    const inactive = await publishTree(t.engineer);
    ok(await as(t.engineer, () => setFlowActive({ flowId: inactive.flowId, active: false })));

    for (const flowId of [draft.id, unpublished.flowId, inactive.flowId]) {
      const result = await as(t.engineer, () => startSession({ flowId }));
      expect(result).toMatchObject({ ok: false, code: "conflict", error: "This flow is not published, so it cannot be run yet." });
      const prepared = await as(t.admin, () => prepareSession({ flowId, variables: {} }));
      expect(prepared).toMatchObject({ ok: false, code: "conflict" });
      expect(await usage(flowId)).toBe(0);
    }
    expect(await db.session.count({ where: { accountId: t.account.id } })).toBe(0);
  });

  it("N parallel starts raise usageCount by exactly N", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const people = [t.engineer, t.teammate, t.l1, t.admin, t.owner];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => as(people[i % people.length], () => startSession({ flowId }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await usage(flowId)).toBe(30);
    expect(await db.session.count({ where: { flowId, status: "active" } })).toBe(30);
  });
});

describe("troubleshooting runner", () => {
  async function running() {
    const t = await teamTenant();
    const { flowId, structure } = await publishTree(t.engineer);
    const sessionId = await start(t.engineer, flowId);
    return { t, flowId, structure, sessionId, n: printerTree(structure) };
  }

  it("answering moves along the tree, recording each answer", async () => {
    const { t, sessionId, n, structure } = await running();
    expect(ok(await as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.yes })))).toEqual({ currentNodeId: n.restart });
    expect(ok(await as(t.engineer, () => answerNode({ sessionId, nodeId: n.restart, answerId: n.stillBroken })))).toEqual({ currentNodeId: n.escalate });
    const session = await row(sessionId);
    expect(session.currentNodeId).toBe(n.escalate);
    expect(session.path).toEqual([
      { kind: "answer", nodeId: n.root, answerId: n.yes, label: "Yes", next: n.restart, at: expect.any(String) },
      { kind: "answer", nodeId: n.restart, answerId: n.stillBroken, label: "Still broken", next: n.escalate, at: expect.any(String) },
    ]);
    expect(trail(structure.rootId, session.path as PathEvent[])).toEqual([n.root, n.restart, n.escalate]);
    // The end of the tree: complete instead.
    const atEnd = await as(t.engineer, () => answerNode({ sessionId, nodeId: n.escalate, answerId: null }));
    expect(atEnd).toMatchObject({ ok: false, code: "invalid", error: "This is the last step: complete the session instead." });
  });

  it("an answer that is not an option of the current node is refused and nothing is written", async () => {
    const { t, sessionId, n } = await running();
    const before = await row(sessionId);
    for (const answerId of [n.worked, "made-up", null]) {
      const result = await as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId }));
      expect(result).toMatchObject({ ok: false, code: "invalid", error: "That is not an answer of this step." });
    }
    expect(await row(sessionId)).toEqual(before);
  });

  it("a nodeId that is not the current node is a conflict", async () => {
    const { t, sessionId, n } = await running();
    const before = await row(sessionId);
    const result = await as(t.engineer, () => answerNode({ sessionId, nodeId: n.restart, answerId: n.worked }));
    expect(result).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/moved on/) });
    expect(await row(sessionId)).toEqual(before);
  });

  it("goBack records a back event (the path keeps growing) and returns to the previous node", async () => {
    const { t, sessionId, n, structure } = await running();
    ok(await as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.yes })));
    expect(ok(await as(t.engineer, () => goBack({ sessionId, nodeId: n.restart })))).toEqual({ currentNodeId: n.root });
    let session = await row(sessionId);
    expect(session.currentNodeId).toBe(n.root);
    expect(session.path).toHaveLength(2);
    expect((session.path as PathEvent[])[1]).toEqual({ kind: "back", from: n.restart, to: n.root, at: expect.any(String) });

    ok(await as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.no })));
    session = await row(sessionId);
    expect(session.path).toHaveLength(3);
    expect(trail(structure.rootId, session.path as PathEvent[])).toEqual([n.root, n.fixed]);

    // A stale back (from a node we are no longer on) is a conflict.
    expect(await as(t.engineer, () => goBack({ sessionId, nodeId: n.restart }))).toMatchObject({ ok: false, code: "conflict" });
    expect((await row(sessionId)).path).toHaveLength(3);
  });

  it("goBack at the root is refused", async () => {
    const { t, sessionId, n } = await running();
    const before = await row(sessionId);
    expect(await as(t.engineer, () => goBack({ sessionId, nodeId: n.root }))).toMatchObject({ ok: false, code: "invalid", error: "You are at the first step." });
    expect(await row(sessionId)).toEqual(before);
  });

  it("two tabs answer the same node at once: exactly one wins, the other gets a conflict", async () => {
    const { t, sessionId, n } = await running();
    const [yes, no] = await Promise.all([
      as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.yes })),
      as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.no })),
    ]);
    expect([yes.ok, no.ok].filter(Boolean)).toHaveLength(1);
    const loser = yes.ok ? no : yes;
    expect(loser).toMatchObject({ ok: false, code: "conflict" });
    const session = await row(sessionId);
    const path = session.path as PathEvent[];
    expect(path).toHaveLength(1);
    expect(session.currentNodeId).toBe(yes.ok ? n.restart : n.fixed);
    expect(path[0]).toMatchObject({ kind: "answer", nodeId: n.root, next: session.currentNodeId });
  });

  it("ten tabs at once (answers and backs): the path stays one consistent walk", async () => {
    const { t, sessionId, n, structure } = await running();
    ok(await as(t.engineer, () => answerNode({ sessionId, nodeId: n.root, answerId: n.yes })));
    // All aimed at the restart node: one of them wins, the rest see it moved on.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => as(t.engineer, () => (
      i % 3 === 0 ? goBack({ sessionId, nodeId: n.restart }) : answerNode({ sessionId, nodeId: n.restart, answerId: i % 2 ? n.worked : n.stillBroken })
    ))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "conflict")).toBe(true);
    const session = await row(sessionId);
    const path = session.path as PathEvent[];
    expect(path).toHaveLength(2);
    const ids = trail(structure.rootId, path);
    expect(session.currentNodeId).toBe(ids[ids.length - 1]);
  });

  it("procedure-only actions are refused on a troubleshooting session", async () => {
    const { t, sessionId, n } = await running();
    const before = await row(sessionId);
    expect(await as(t.engineer, () => setStepState({ sessionId, stepId: n.root, status: "done" }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await as(t.engineer, () => addCustomStep({ sessionId, afterId: null, title: "x" }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await as(t.engineer, () => selectStep({ sessionId, stepId: n.root }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await row(sessionId)).toEqual(before);
  });

  it("notes per node: saved, replaced, unknown node → not found", async () => {
    const { t, sessionId, n } = await running();
    ok(await as(t.engineer, () => setNodeNote({ sessionId, nodeId: n.root, note: "Printer in room 4" })));
    ok(await as(t.engineer, () => setNodeNote({ sessionId, nodeId: n.restart, note: "first" })));
    ok(await as(t.engineer, () => setNodeNote({ sessionId, nodeId: n.restart, note: "second" })));
    expect(await as(t.engineer, () => setNodeNote({ sessionId, nodeId: "nope", note: "x" }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await row(sessionId)).notes).toEqual({ [n.root]: "Printer in room 4", [n.restart]: "second" });
  });
});

describe("procedure runner", () => {
  async function running(steps = 3) {
    const t = await teamTenant();
    const published = await publishProcedure(t.engineer, steps);
    const sessionId = await start(t.engineer, published.flowId);
    return { t, ...published, sessionId, steps: stepIdsOf(published.structure) };
  }
  const states = async (sessionId: string) => (await row(sessionId)).stepStates as StepStates;

  it("marks steps done / skipped / failed with a note; null clears", async () => {
    const { t, sessionId, steps } = await running();
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId: steps[0], status: "done" })));
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId: steps[1], status: "skipped", note: "Snapshot not needed" })));
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId: steps[2], status: "failed", note: "0x80070643" })));
    expect(await states(sessionId)).toEqual({
      [steps[0]]: { status: "done", note: "", at: expect.any(String) },
      [steps[1]]: { status: "skipped", note: "Snapshot not needed", at: expect.any(String) },
      [steps[2]]: { status: "failed", note: "0x80070643", at: expect.any(String) },
    });
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId: steps[1], status: null })));
    expect(Object.keys(await states(sessionId)).sort()).toEqual([steps[0], steps[2]].sort());
    // Clearing something not marked is harmless.
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId: steps[1], status: null })));
    expect((await getSessionView(t.engineer, sessionId)).stepStates[steps[2]]).toMatchObject({ status: "failed" });
  });

  it("an unknown step, a section header or the end is not found; bad statuses are invalid", async () => {
    const { t, sessionId, structure } = await running();
    const before = await row(sessionId);
    const section = structure.steps.find((s) => s.type === "section_header")!.id;
    const end = structure.steps.find((s) => s.type === "procedure_end")!.id;
    for (const stepId of ["no-such-step", section, end]) {
      expect(await as(t.engineer, () => setStepState({ sessionId, stepId, status: "done" }))).toMatchObject({ ok: false, code: "not_found", error: "Step was not found." });
    }
    const bad = await as(t.engineer, () => setStepState({ sessionId, stepId: "x", status: "finished" as never }));
    expect(bad).toMatchObject({ ok: false, code: "invalid" });
    expect(await row(sessionId)).toEqual(before);
  });

  it("20 parallel marks of different steps: all 20 kept (no lost update)", async () => {
    const { t, sessionId, steps } = await running(20);
    const results = await Promise.all(steps.map((stepId, i) => as(t.engineer, () => setStepState({ sessionId, stepId, status: i % 2 ? "done" : "skipped", note: `note ${i}` }))));
    expect(results.every((r) => r.ok)).toBe(true);
    const saved = await states(sessionId);
    expect(Object.keys(saved)).toHaveLength(20);
    steps.forEach((stepId, i) => expect(saved[stepId]).toMatchObject({ status: i % 2 ? "done" : "skipped", note: `note ${i}` }));
  });

  it("parallel writes to the same step leave one of them, whole (last write wins)", async () => {
    const { t, sessionId, steps } = await running();
    const writes = Array.from({ length: 15 }, (_, i) => ({ status: (["done", "skipped", "failed"] as const)[i % 3], note: `tab ${i} ${"x".repeat(i * 50)}` }));
    const results = await Promise.all(writes.map((w) => as(t.engineer, () => setStepState({ sessionId, stepId: steps[0], ...w }))));
    expect(results.every((r) => r.ok)).toBe(true);
    const [{ valid }] = await db.$queryRaw<{ valid: boolean }[]>`SELECT jsonb_typeof("stepStates") = 'object' AS valid FROM "Session" WHERE id = ${sessionId}::uuid`;
    expect(valid).toBe(true);
    const saved = await states(sessionId);
    expect(Object.keys(saved)).toEqual([steps[0]]);
    expect(writes).toContainEqual({ status: saved[steps[0]].status, note: saved[steps[0]].note });
  });

  it("troubleshooting-only actions are refused on a procedure session", async () => {
    const { t, sessionId, steps } = await running();
    const before = await row(sessionId);
    expect(await as(t.engineer, () => answerNode({ sessionId, nodeId: steps[0], answerId: null }))).toMatchObject({ ok: false, code: "invalid", error: "This session is not a troubleshooting flow." });
    expect(await as(t.engineer, () => goBack({ sessionId, nodeId: steps[0] }))).toMatchObject({ ok: false, code: "invalid", error: "This session is not a troubleshooting flow." });
    expect(await row(sessionId)).toEqual(before);
  });

  it("selectStep moves the current step; unknown steps are not found", async () => {
    const { t, sessionId, steps } = await running();
    ok(await as(t.engineer, () => selectStep({ sessionId, stepId: steps[2] })));
    expect((await row(sessionId)).currentNodeId).toBe(steps[2]);
    expect(await as(t.engineer, () => selectStep({ sessionId, stepId: "nope" }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await row(sessionId)).currentNodeId).toBe(steps[2]);
  });

  it("custom steps go after a step, first (null), after a section, after another custom step; restored on resume", async () => {
    const { t, sessionId, steps, structure } = await running();
    const section = structure.steps[0].id;
    const add = async (afterId: string | null, title: string) => ok(await as(t.engineer, () => addCustomStep({ sessionId, afterId, title, instructions: `Do ${title}`, commands: [{ language: "cmd", code: "ipconfig /flushdns", label: "" }] }))).step;
    const afterFirst = await add(steps[0], "After step 1");
    const first = await add(null, "Before everything");
    const afterSection = await add(section, "After the section");
    const nested = await add(afterFirst.id, "After the custom step");
    expect(afterFirst).toMatchObject({ afterId: steps[0], libraryStepId: null, title: "After step 1", instructions: "Do After step 1" });
    expect((await row(sessionId)).currentNodeId).toBe(nested.id);

    const view = await getSessionView(t.engineer, sessionId);
    expect(view.customSteps.map((c) => c.id)).toEqual([afterFirst.id, first.id, afterSection.id, nested.id]);
    const order = runtimeSteps(view.structure as ProcedureStructure, view.customSteps).filter((s) => s.kind === "step").map((s) => s.id);
    expect(order).toEqual([first.id, afterSection.id, steps[0], afterFirst.id, nested.id, steps[1], steps[2]]);

    // A custom step is a step like any other.
    ok(await as(t.engineer, () => setStepState({ sessionId, stepId: nested.id, status: "done", note: "flushed" })));
    expect((await states(sessionId))[nested.id]).toMatchObject({ status: "done", note: "flushed" });

    const unknown = await as(t.engineer, () => addCustomStep({ sessionId, afterId: "no-such-step", title: "Lost" }));
    expect(unknown).toMatchObject({ ok: false, code: "not_found" });
    const untitled = await as(t.engineer, () => addCustomStep({ sessionId, afterId: null, title: "  " }));
    expect(untitled).toMatchObject({ ok: false, code: "invalid" });
    expect(((await row(sessionId)).customSteps as CustomStep[])).toHaveLength(4);
  });

  it("a custom step from the library counts a use of that library step; invisible ones are not found", async () => {
    const { t, sessionId, steps, flowId } = await running();
    const entry = await db.libraryStep.findFirstOrThrow({ where: { sourceTreeId: flowId, sourceNodeId: steps[1] } });
    expect(entry.usageCount).toBe(0);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => as(t.engineer, () => addCustomStep({ sessionId, afterId: steps[0], libraryStepId: entry.id, title: `${entry.title} (${i})` }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await db.libraryStep.findUniqueOrThrow({ where: { id: entry.id } })).usageCount).toBe(5);
    expect(((await row(sessionId)).customSteps as CustomStep[]).map((c) => c.libraryStepId)).toEqual(Array(5).fill(entry.id));

    // Another account's team step: not found, no custom step, no count.
    const hidden = ok(await as(t.other.engineer, () => createLibraryStep({ title: "Their secret step", visibility: "team" })));
    const before = await row(sessionId);
    for (const libraryStepId of [hidden.id, "0195a1c2-0000-7000-8000-00000000dead"]) {
      const result = await as(t.engineer, () => addCustomStep({ sessionId, afterId: steps[0], libraryStepId, title: "Stolen" }));
      expect(result).toMatchObject({ ok: false, code: "not_found", error: "Library step was not found." });
    }
    expect(await row(sessionId)).toEqual(before);
    expect((await db.libraryStep.findUniqueOrThrow({ where: { id: hidden.id } })).usageCount).toBe(0);
  });
});

describe("session variables", () => {
  async function running() {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const sessionId = await start(t.engineer, flowId);
    return { t, flowId, sessionId };
  }
  const variables = async (sessionId: string) => (await row(sessionId)).variables as Record<string, string>;

  it("a partial update keeps the other keys; an empty value clears one", async () => {
    const { t, sessionId } = await running();
    const first = ok(await as(t.engineer, () => updateSessionVariables({ sessionId, values: { ip: "10.0.0.15", contact: "it@contoso.example" } })));
    expect(first.variables).toEqual({ server_name: "srv-default01", tier: "silver", ip: "10.0.0.15", contact: "it@contoso.example" });
    ok(await as(t.engineer, () => updateSessionVariables({ sessionId, values: { server_name: "srv-file01", ip: "" } })));
    expect(await variables(sessionId)).toEqual({ server_name: "srv-file01", tier: "silver", ip: "", contact: "it@contoso.example" });
  });

  it("20 parallel updates of different keys: all 20 kept", async () => {
    const { t, sessionId } = await running();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => as(t.engineer, () => updateSessionVariables({ sessionId, values: { [`extra_${i}`]: `value ${i}` } }))));
    expect(results.every((r) => r.ok)).toBe(true);
    const saved = await variables(sessionId);
    for (let i = 0; i < 20; i++) expect(saved[`extra_${i}`]).toBe(`value ${i}`);
    expect(saved).toMatchObject({ server_name: "srv-default01", tier: "silver" });
  });

  it("values that do not fit their field type are refused with the label named, and nothing is written", async () => {
    const { t, sessionId } = await running();
    const before = await row(sessionId);
    const cases: [Record<string, string>, RegExp][] = [
      [{ server_name: "not a host!" }, /^Server: Enter a host name/],
      [{ ip: "300.1.1.1" }, /^IP address: Enter an IP address/],
      [{ contact: "nobody@" }, /^Customer contact: Enter an email address/],
      [{ portal: "portal.example.com" }, /^Portal URL: Enter a URL starting with http/],
      [{ disks: "four" }, /^Disk count: Enter a number/],
      [{ tier: "platinum" }, /^Support tier: Choose one of: gold, silver/],
      // One bad value spoils the whole update: the good one is not written either.
      [{ ip: "10.0.0.1", disks: "many" }, /^Disk count:/],
    ];
    for (const [values, message] of cases) {
      const result = await as(t.engineer, () => updateSessionVariables({ sessionId, values }));
      expect(result).toMatchObject({ ok: false, code: "invalid", error: expect.stringMatching(message) });
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toContain(Object.keys(values).at(-1));
    }
    expect(await row(sessionId)).toEqual(before);
  });

  it("oversized values, too many keys and bad keys are refused", async () => {
    const { t, sessionId } = await running();
    const before = await row(sessionId);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const cases: [Record<string, string>, RegExp][] = [
      [{ notes: "x".repeat(5001) }, /at most 5000 characters/],
      [{ server_name: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com` }, /^Server: Enter a host name/],
      [{ undefined_text: "x".repeat(501) }, /at most 500 characters/],
      [tooMany, /At most 50 variables/],
      [{ "bad key": "x" }, /Unknown variable/],
    ];
    for (const [values, message] of cases) {
      expect(await as(t.engineer, () => updateSessionVariables({ sessionId, values }))).toMatchObject({ ok: false, code: "invalid", error: expect.stringMatching(message) });
    }
    expect(await row(sessionId)).toEqual(before);
  });

  it("a session holds at most 100 variables, however many calls (or parallel calls) add them", async () => {
    const { t, sessionId } = await running();
    const batch = (from: number, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`v${from + i}`, "x"]));
    // Two defaults are already there: 2 + 49 + 49 = 100.
    ok(await as(t.engineer, () => updateSessionVariables({ sessionId, values: batch(0, 49) })));
    ok(await as(t.engineer, () => updateSessionVariables({ sessionId, values: batch(49, 49) })));
    const before = await row(sessionId);
    expect(Object.keys(before.variables as object)).toHaveLength(100);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => as(t.engineer, () => updateSessionVariables({ sessionId, values: { [`late_${i}`]: "x" } }))));
    expect(results.every((r) => !r.ok && r.code === "invalid" && r.error === "A session holds at most 100 variables.")).toBe(true);
    expect(await row(sessionId)).toEqual(before);
    // Changing the ones already there still works.
    ok(await as(t.engineer, () => updateSessionVariables({ sessionId, values: { v0: "changed", server_name: "srv-02" } })));
  });
});

describe("prepared sessions", () => {
  it("prepare fills variables and assigns an engineer of the same account; nothing is counted yet", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.admin, () => prepareSession({ flowId, variables: { server_name: "srv-sql02", contact: "dba@contoso.example" }, assigneeId: t.teammate.id })));
    expect(await row(id)).toMatchObject({
      status: "prepared", startedAt: null, ownerId: null, preparedById: t.admin.id, assigneeId: t.teammate.id, teamId: t.team.id,
      currentNodeId: stepIdsOf(structure)[0], variables: { server_name: "srv-sql02", contact: "dba@contoso.example", tier: "silver" },
    });
    expect(await usage(flowId)).toBe(0);
    expect((await getSessionView(t.teammate, id)).preparedBy).toMatchObject({ id: t.admin.id });
  });

  it("an assignee from another account is not found; bad values are refused; nothing is created", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const foreign = await as(t.admin, () => prepareSession({ flowId, variables: {}, assigneeId: t.other.engineer.id }));
    expect(foreign).toMatchObject({ ok: false, code: "not_found", error: "Engineer was not found." });
    const bad = await as(t.admin, () => prepareSession({ flowId, variables: { contact: "not-an-email" }, assigneeId: t.teammate.id }));
    expect(bad).toMatchObject({ ok: false, code: "invalid", error: expect.stringMatching(/^Customer contact:/) });
    expect(await db.session.count({ where: { flowId } })).toBe(0);
  });

  it("the assignee starts it: prepared → active, owner = assignee, usageCount +1; again is harmless", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.admin, () => prepareSession({ flowId, variables: { server_name: "srv-sql02" }, assigneeId: t.l1.id })));
    expect(ok(await as(t.l1, () => startPreparedSession({ sessionId: id })))).toEqual({ id, alreadyStarted: false });
    const started = await row(id);
    expect(started).toMatchObject({ status: "active", ownerId: t.l1.id, assigneeId: t.l1.id, preparedById: t.admin.id, variables: { server_name: "srv-sql02" } });
    expect(started.startedAt).toBeInstanceOf(Date);
    expect(await usage(flowId)).toBe(1);

    expect(ok(await as(t.l1, () => startPreparedSession({ sessionId: id })))).toEqual({ id, alreadyStarted: true });
    expect(await row(id)).toEqual(started);
    expect(await usage(flowId)).toBe(1);
  });

  it("10 parallel starts: exactly one transition, usageCount +1 once", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.admin, () => prepareSession({ flowId, variables: {}, assigneeId: t.engineer.id })));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => as(i % 2 ? t.engineer : t.admin, () => startPreparedSession({ sessionId: id }))));
    const data = results.map(ok);
    expect(data.filter((d) => !d.alreadyStarted)).toHaveLength(1);
    expect(await usage(flowId)).toBe(1);
    expect(await row(id)).toMatchObject({ status: "active" });
  });

  it("someone else (not admin) cannot start an assigned one; an admin can", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.engineer, () => prepareSession({ flowId, variables: {}, assigneeId: t.l1.id })));
    const before = await row(id);
    for (const user of [t.teammate, t.engineer]) {
      // Both see it (same team; the engineer prepared it) but neither is the assignee.
      expect((await getSessionView(user, id)).status).toBe("prepared");
      expect(await as(user, () => startPreparedSession({ sessionId: id }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await as(t.other.admin, () => startPreparedSession({ sessionId: id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await row(id)).toEqual(before);
    expect(await usage(flowId)).toBe(0);

    expect(ok(await as(t.admin, () => startPreparedSession({ sessionId: id }))).alreadyStarted).toBe(false);
    expect(await row(id)).toMatchObject({ status: "active", ownerId: t.admin.id, assigneeId: t.l1.id });
  });

  it("an unassigned prepared session can be started by any teammate (not by someone outside the team)", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.engineer, () => prepareSession({ flowId, variables: {} })));
    expect(await row(id)).toMatchObject({ assigneeId: null, teamId: t.team.id });
    expect(await as(t.loner, () => startPreparedSession({ sessionId: id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(ok(await as(t.teammate, () => startPreparedSession({ sessionId: id }))).alreadyStarted).toBe(false);
    expect(await row(id)).toMatchObject({ status: "active", ownerId: t.teammate.id, assigneeId: t.teammate.id });
  });

  it("a prepared session cannot be completed before it is started", async () => {
    const t = await teamTenant();
    const { flowId } = await publishProcedure(t.engineer);
    const { id } = ok(await as(t.admin, () => prepareSession({ flowId, variables: {}, assigneeId: t.engineer.id })));
    expect(await as(t.engineer, () => completeSession({ sessionId: id, outcome: "completed" }))).toMatchObject({ ok: false, code: "conflict", error: "Start the session before completing it." });
  });
});

describe("completeSession", () => {
  async function both() {
    const t = await teamTenant();
    const tree = await publishTree(t.engineer);
    const procedure = await publishProcedure(t.engineer);
    return { t, tree, procedure, treeSession: await start(t.engineer, tree.flowId), procedureSession: await start(t.engineer, procedure.flowId) };
  }

  it("the outcome must fit the kind of flow", async () => {
    const { t, treeSession, procedureSession } = await both();
    const wrongTree = await as(t.engineer, () => completeSession({ sessionId: treeSession, outcome: "completed" }));
    expect(wrongTree).toMatchObject({ ok: false, code: "invalid", error: "Choose one of: resolved, partially resolved, escalated, unresolved." });
    const wrongProcedure = await as(t.engineer, () => completeSession({ sessionId: procedureSession, outcome: "resolved" }));
    expect(wrongProcedure).toMatchObject({ ok: false, code: "invalid", error: "Choose one of: completed, completed with issues, aborted." });
    expect(await as(t.engineer, () => completeSession({ sessionId: treeSession, outcome: "done" as never }))).toMatchObject({ ok: false, code: "invalid" });
    expect(await row(treeSession)).toMatchObject({ status: "active", outcome: null, completedAt: null });
    expect(await row(procedureSession)).toMatchObject({ status: "active", outcome: null, completedAt: null });

    expect(ok(await as(t.engineer, () => completeSession({ sessionId: treeSession, outcome: "escalated", notes: " Sent to L2 ", nextSteps: "Call back" })))).toEqual({ outcome: "escalated", alreadyCompleted: false });
    expect(ok(await as(t.engineer, () => completeSession({ sessionId: procedureSession, outcome: "completed_with_issues" }))).alreadyCompleted).toBe(false);
    expect(await row(treeSession)).toMatchObject({ status: "completed", outcome: "escalated", outcomeNotes: "Sent to L2", nextSteps: "Call back" });
  });

  it("completing twice (or five times at once) is harmless: the first outcome and time stay", async () => {
    const { t, treeSession, procedureSession } = await both();
    ok(await as(t.engineer, () => completeSession({ sessionId: treeSession, outcome: "resolved", notes: "first" })));
    const done = await row(treeSession);
    expect(ok(await as(t.engineer, () => completeSession({ sessionId: treeSession, outcome: "unresolved", notes: "second" })))).toEqual({ outcome: "resolved", alreadyCompleted: true });
    expect(await row(treeSession)).toEqual(done);

    const results = (await Promise.all(Array.from({ length: 5 }, () => as(t.engineer, () => completeSession({ sessionId: procedureSession, outcome: "aborted" }))))).map(ok);
    expect(results.filter((r) => !r.alreadyCompleted)).toHaveLength(1);
    expect(results.every((r) => r.outcome === "aborted")).toBe(true);
  });

  it("afterwards the session is read-only, except the notes for its owner or an admin", async () => {
    const { t, tree, procedure, treeSession, procedureSession } = await both();
    const n = printerTree(tree.structure);
    const steps = stepIdsOf(procedure.structure);
    ok(await as(t.engineer, () => answerNode({ sessionId: treeSession, nodeId: n.root, answerId: n.yes })));
    ok(await as(t.engineer, () => completeSession({ sessionId: treeSession, outcome: "resolved" })));
    ok(await as(t.engineer, () => completeSession({ sessionId: procedureSession, outcome: "completed" })));
    const before = [await row(treeSession), await row(procedureSession)];

    const writes: (() => Promise<ActionResult<unknown>>)[] = [
      () => answerNode({ sessionId: treeSession, nodeId: n.restart, answerId: n.worked }),
      () => goBack({ sessionId: treeSession, nodeId: n.restart }),
      () => setNodeNote({ sessionId: treeSession, nodeId: n.root, note: "late" }),
      () => updateSessionVariables({ sessionId: treeSession, values: { ip: "10.0.0.1" } }),
      () => setStepState({ sessionId: procedureSession, stepId: steps[0], status: "done" }),
      () => selectStep({ sessionId: procedureSession, stepId: steps[1] }),
      () => addCustomStep({ sessionId: procedureSession, afterId: steps[0], title: "Late" }),
      () => updateSessionVariables({ sessionId: procedureSession, values: { ip: "10.0.0.1" } }),
    ];
    for (const user of [t.engineer, t.admin]) {
      for (const write of writes) {
        expect(await as(user, write)).toMatchObject({ ok: false, code: "conflict", error: "This session is completed and read-only." });
      }
    }
    expect([await row(treeSession), await row(procedureSession)]).toEqual(before);

    ok(await as(t.engineer, () => updateSessionNotes({ sessionId: treeSession, notes: "Owner's note", nextSteps: "Owner's next" })));
    expect(await row(treeSession)).toMatchObject({ outcomeNotes: "Owner's note", nextSteps: "Owner's next", status: "completed" });
    ok(await as(t.admin, () => updateSessionNotes({ sessionId: treeSession, notes: "Admin's note", nextSteps: "" })));
    expect(await row(treeSession)).toMatchObject({ outcomeNotes: "Admin's note", nextSteps: "" });
    expect(await as(t.teammate, () => updateSessionNotes({ sessionId: treeSession, notes: "Teammate", nextSteps: "" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect((await row(treeSession)).outcomeNotes).toBe("Admin's note");
  });
});
