// Pure rules of a running session (lib/sessions/runtime.ts): the troubleshooting trail with
// backs, the procedure's steps with custom steps merged in, progress and the next open step.
import { describe, expect, it } from "vitest";
import type { ProcedureStructure, TreeStructure } from "@/lib/flows/structure";
import {
  currentNode,
  nextOpenStep,
  procedureProgress,
  runtimeSteps,
  trail,
  trailAnswers,
  type CustomStep,
  type PathEvent,
  type RuntimeStep,
  type StepStates,
} from "@/lib/sessions/runtime";

const at = "2025-03-04T09:00:00.000Z";
const answer = (nodeId: string, next: string, label = "Yes", answerId: string | null = `${nodeId}-${next}`): PathEvent => ({ kind: "answer", nodeId, answerId, label, next, at });
const back = (from: string, to: string): PathEvent => ({ kind: "back", from, to, at });

describe("trail", () => {
  it("starts at the root", () => {
    expect(trail("q1", [])).toEqual(["q1"]);
  });

  it("answers push, backs pop, and the path itself keeps every event", () => {
    const path = [answer("q1", "q2"), answer("q2", "a1"), back("a1", "q2"), answer("q2", "esc", "No")];
    expect(trail("q1", path)).toEqual(["q1", "q2", "esc"]);
    expect(path).toHaveLength(4);
  });

  it("going back to the root and choosing again", () => {
    expect(trail("q1", [answer("q1", "q2"), back("q2", "q1"), answer("q1", "a1")])).toEqual(["q1", "a1"]);
  });

  it("a back at the root never pops the root", () => {
    expect(trail("q1", [back("q1", "q1"), back("q1", "q1")])).toEqual(["q1"]);
    expect(trail("q1", [answer("q1", "q2"), back("q2", "q1"), back("q1", "q1"), answer("q1", "a1")])).toEqual(["q1", "a1"]);
  });

  it("trailAnswers: the answer that led on from each node still on the trail", () => {
    const path = [answer("q1", "q2", "No"), back("q2", "q1"), answer("q1", "a1", "Yes"), answer("a1", "fix", "Done", null)];
    expect(trailAnswers("q1", path)).toEqual([
      { nodeId: "q1", label: "Yes", answerId: "q1-a1" },
      { nodeId: "a1", label: "Done", answerId: null },
    ]);
  });

  it("currentNode: the node at the end of the trail", () => {
    const tree: TreeStructure = {
      rootId: "q1",
      nodes: {
        q1: { type: "question", title: "Q1", description: "", answers: [{ id: "x", label: "Yes", next: "fix" }] },
        fix: { type: "solution", title: "Fixed", resolution: "", commands: [], outcome: "resolved" },
      },
    };
    expect(currentNode(tree, "q1", [])).toMatchObject({ id: "q1", node: { title: "Q1" } });
    expect(currentNode(tree, "q1", [answer("q1", "fix")])).toMatchObject({ id: "fix", node: { title: "Fixed" } });
  });
});

// sec1 "Prepare": s1, s2; sec2 "Patch": s3; end
const procedure = (): ProcedureStructure => ({
  steps: [
    { id: "sec1", type: "section_header", title: "Prepare" },
    { id: "s1", type: "procedure_step", title: "Back up", description: "d1", expectedOutcome: "ok", commands: [], contentType: "verification", libraryVisibility: null },
    { id: "s2", type: "procedure_step", title: "Snapshot", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
    { id: "sec2", type: "section_header", title: "Patch" },
    { id: "s3", type: "procedure_step", title: "Install", description: "", expectedOutcome: "", commands: [{ language: "powershell", code: "Install-WindowsUpdate", label: "" }], contentType: "action", libraryVisibility: null },
    { id: "end", type: "procedure_end", title: "Done", text: "Close the window." },
  ],
});

const custom = (id: string, afterId: string | null, extra: Partial<CustomStep> = {}): CustomStep => ({
  id, afterId, libraryStepId: null, createdAt: at, title: `Custom ${id}`, instructions: "", commands: [], ...extra,
});

const shape = (steps: RuntimeStep[]) => steps.map((s) => (s.kind === "step" ? `${s.number}:${s.id}${s.custom ? "*" : ""}@${s.section ?? "-"}` : `${s.kind}:${s.id}`));

describe("runtimeSteps", () => {
  it("flow steps in order, numbered, with their section; sections and the end are not numbered", () => {
    const steps = runtimeSteps(procedure(), []);
    expect(shape(steps)).toEqual(["section:sec1", "1:s1@Prepare", "2:s2@Prepare", "section:sec2", "3:s3@Patch", "end:end"]);
    expect(steps[1]).toMatchObject({ title: "Back up", description: "d1", expectedOutcome: "ok", contentType: "verification", custom: false, libraryStepId: null });
    expect(steps[5]).toMatchObject({ kind: "end", title: "Done", text: "Close the window." });
  });

  it("places custom steps after their anchor: a step, a section header, null (first) and the end", () => {
    const steps = runtimeSteps(procedure(), [
      custom("c-after-s1", "s1"),
      custom("c-first", null),
      custom("c-after-sec2", "sec2"),
      custom("c-before-end", "end"),
    ]);
    expect(shape(steps)).toEqual([
      "1:c-first*@-",
      "section:sec1", "2:s1@Prepare", "3:c-after-s1*@Prepare", "4:s2@Prepare",
      "section:sec2", "5:c-after-sec2*@Patch", "6:s3@Patch",
      "7:c-before-end*@Patch", "end:end",
    ]);
  });

  it("nested custom steps follow their parent; siblings keep the order they were added in", () => {
    const steps = runtimeSteps(procedure(), [
      custom("a", "s1"),
      custom("b", "s1"),
      custom("a1", "a"),
      custom("a1x", "a1"),
      custom("a2", "a"),
    ]);
    expect(shape(steps).slice(0, 8)).toEqual(["section:sec1", "1:s1@Prepare", "2:a*@Prepare", "3:a1*@Prepare", "4:a1x*@Prepare", "5:a2*@Prepare", "6:b*@Prepare", "7:s2@Prepare"]);
  });

  it("custom steps carry their content and library origin", () => {
    const steps = runtimeSteps(procedure(), [custom("c", "s2", { title: "Clear cache", instructions: "rm -rf", commands: [{ language: "bash", code: "rm -rf /tmp/x", label: "" }], libraryStepId: "lib-1" })]);
    expect(steps.find((s) => s.id === "c")).toMatchObject({
      kind: "step", title: "Clear cache", description: "rm -rf", expectedOutcome: "", contentType: "action", custom: true, libraryStepId: "lib-1",
      commands: [{ language: "bash", code: "rm -rf /tmp/x", label: "" }],
    });
  });

  it("orphans (anchor no longer exists) go last, before the end, with the steps nested under them", () => {
    const steps = runtimeSteps(procedure(), [custom("o", "gone"), custom("o-child", "o"), custom("c", "s3")]);
    expect(shape(steps)).toEqual([
      "section:sec1", "1:s1@Prepare", "2:s2@Prepare", "section:sec2", "3:s3@Patch", "4:c*@Patch",
      "5:o*@Patch", "6:o-child*@Patch", "end:end",
    ]);
  });

  it("a procedure without an end, and an empty one", () => {
    const noEnd = { steps: procedure().steps.filter((s) => s.type !== "procedure_end") };
    expect(shape(runtimeSteps(noEnd, [custom("c", "s3")])).slice(-2)).toEqual(["3:s3@Patch", "4:c*@Patch"]);
    expect(runtimeSteps({ steps: [] }, [])).toEqual([]);
    expect(shape(runtimeSteps({ steps: [] }, [custom("c", null)]))).toEqual(["1:c*@-"]);
  });
});

describe("progress and the next open step", () => {
  const state = (status: "done" | "skipped" | "failed") => ({ status, note: "", at });

  it("counts only steps (custom ones included), rounding the percentage", () => {
    const steps = runtimeSteps(procedure(), [custom("c", "s1")]);
    const states: StepStates = { s1: state("done"), c: state("skipped"), s3: state("failed"), sec1: state("done"), unknown: state("done") };
    expect(procedureProgress(steps, states)).toEqual({ total: 4, done: 1, skipped: 1, failed: 1, finished: 3, percent: 75 });
    expect(procedureProgress(runtimeSteps(procedure(), []), { s1: state("done") })).toMatchObject({ total: 3, finished: 1, percent: 33 });
    expect(procedureProgress([], {})).toEqual({ total: 0, done: 0, skipped: 0, failed: 0, finished: 0, percent: 0 });
  });

  it("nextOpenStep: the first unmarked step, the last step when all are marked, null without steps", () => {
    const steps = runtimeSteps(procedure(), [custom("c", "s1")]);
    expect(nextOpenStep(steps, {})).toBe("s1");
    expect(nextOpenStep(steps, { s1: state("done") })).toBe("c");
    expect(nextOpenStep(steps, { s1: state("done"), c: state("failed"), s3: state("done") })).toBe("s2");
    expect(nextOpenStep(steps, { s1: state("done"), c: state("done"), s2: state("skipped"), s3: state("done") })).toBe("s3");
    expect(nextOpenStep(runtimeSteps({ steps: [{ id: "e", type: "procedure_end", title: "Done", text: "" }] }, []), {})).toBeNull();
  });
});
