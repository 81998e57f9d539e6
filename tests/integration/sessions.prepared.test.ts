// A prepared session is not worked on until it is started: only its variables may change.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addCustomStep, completeSession, prepareSession, setStepState, startPreparedSession, updateSessionVariables } from "@/lib/sessions/sessions.actions";
import { as, ok, publishProcedure, stepIdsOf, teamTenant } from "@/tests/helpers/published-flows";

describe("prepared sessions before they start", () => {
  it("refuses runner actions until started, but lets the assignee adjust variables", async () => {
    const t = await teamTenant();
    const { flowId, structure } = await publishProcedure(t.engineer);
    const { id: sessionId } = ok(await as(t.engineer, () => prepareSession({ flowId, variables: { server_name: "srv-app01" }, assigneeId: t.teammate.id })));
    const [first] = stepIdsOf(structure);

    const mark = await as(t.teammate, () => setStepState({ sessionId, stepId: first, status: "done" }));
    expect(mark.ok || mark.error).toMatch(/Start this prepared session/);
    const custom = await as(t.teammate, () => addCustomStep({ sessionId, afterId: first, title: "Early" }));
    expect(custom.ok || custom.code).toBe("conflict");
    const complete = await as(t.teammate, () => completeSession({ sessionId, outcome: "completed" }));
    expect(complete.ok || complete.error).toMatch(/Start the session/);

    expect((await as(t.teammate, () => updateSessionVariables({ sessionId, values: { tier: "gold" } }))).ok).toBe(true);
    const before = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(before).toMatchObject({ status: "prepared", stepStates: {}, customSteps: [], variables: expect.objectContaining({ server_name: "srv-app01", tier: "gold" }) });

    ok(await as(t.teammate, () => startPreparedSession({ sessionId })));
    expect((await as(t.teammate, () => setStepState({ sessionId, stepId: first, status: "done" }))).ok).toBe(true);
  });
});
