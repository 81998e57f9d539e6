import { describe, expect, it } from "vitest";
import {
  adjacentStepId,
  applyOverlay,
  effectivePath,
  emptyPathOverlay,
  initialStepId,
  overlayDrop,
  overlayReconcile,
  overlaySaved,
  overlaySet,
  pathAppend,
  pathReconcile,
  pathRefused,
  sameStepState,
  stepAfterMark,
  suggestedOutcome,
  type Overlay,
} from "@/components/session-runner/runner-state";
import type { ProcedureStructure } from "@/lib/flows/structure";
import { runtimeSteps, trail, type CustomStep, type PathEvent, type StepStates } from "@/lib/sessions/runtime";

const eqString = (a: string | undefined, b: string) => (a ?? "") === b;

describe("keyed overlay", () => {
  it("shows a change at once and keeps it until the server view has it", () => {
    let o: Overlay<string> = {};
    o = overlaySet(o, "host", "srv-01");
    expect(applyOverlay({ host: "" }, o)).toEqual({ host: "srv-01" });
    // a view that arrives before the save finished does not drop the pending entry
    o = overlayReconcile(o, { host: "" }, 1, eqString);
    expect(o.host?.value).toBe("srv-01");
    o = overlaySaved(o, "host", "srv-01", 1);
    o = overlayReconcile(o, { host: "srv-01" }, 2, eqString);
    expect(o).toEqual({});
  });

  it("drops a saved entry two views later even if another tab wrote something else", () => {
    let o = overlaySaved(overlaySet<string>({}, "host", "a"), "host", "a", 3);
    o = overlayReconcile(o, { host: "b" }, 4, eqString);
    expect(o.host?.value).toBe("a");
    o = overlayReconcile(o, { host: "b" }, 5, eqString);
    expect(applyOverlay({ host: "b" }, o)).toEqual({ host: "b" });
  });

  it("a refused change goes; a newer edit of the same key is not touched by the older one's result", () => {
    let o = overlaySet<string>({}, "host", "a");
    o = overlaySet(o, "host", "b");
    expect(overlaySaved(o, "host", "a", 1)).toBe(o);
    expect(overlayDrop(o, "host", "a")).toBe(o);
    expect(overlayDrop(o, "host", "b")).toEqual({});
  });

  it("undefined values delete keys (a step state cleared by Undo)", () => {
    const server: StepStates = { s1: { status: "done", note: "", at: "x" } };
    const o = overlaySet<StepStates[string] | undefined>({}, "s1", undefined);
    expect(applyOverlay(server, o)).toEqual({});
    const saved = overlaySaved(o, "s1", undefined, 1, sameStepState);
    expect(overlayReconcile(saved, {}, 2, sameStepState)).toEqual({});
  });

  it("compares step states by status and note, not time", () => {
    expect(sameStepState({ status: "done", note: "", at: "1" }, { status: "done", note: "", at: "2" })).toBe(true);
    expect(sameStepState({ status: "done", note: "", at: "1" }, { status: "failed", note: "", at: "1" })).toBe(false);
    expect(sameStepState(undefined, undefined)).toBe(true);
  });
});

describe("troubleshooting path overlay", () => {
  const answer = (nodeId: string, next: string): PathEvent => ({ kind: "answer", nodeId, answerId: `${nodeId}-a`, label: "Yes", next, at: "t" });
  const back = (from: string, to: string): PathEvent => ({ kind: "back", from, to, at: "t" });

  it("moves on at once and reconciles as the server catches up", () => {
    const server: PathEvent[] = [answer("root", "n1")];
    const e1 = answer("n1", "n2");
    const e2 = answer("n2", "n3");
    let o = pathAppend(emptyPathOverlay, server, e1);
    o = pathAppend(o, server, e2);
    expect(trail("root", effectivePath(server, o))).toEqual(["root", "n1", "n2", "n3"]);
    // the server has the first one now
    const server2 = [...server, e1];
    expect(effectivePath(server2, o)).toEqual([...server2, e2]);
    expect(pathReconcile(o, server2).events).toEqual([e2]);
    // and then both
    expect(pathReconcile(o, [...server2, e2])).toEqual(emptyPathOverlay);
  });

  it("a refused answer takes the ones queued after it along", () => {
    const server: PathEvent[] = [];
    const e1 = answer("root", "n1");
    const e2 = back("n1", "root");
    const e3 = answer("root", "n4");
    let o = pathAppend(emptyPathOverlay, server, e1);
    o = pathAppend(o, server, e2);
    o = pathAppend(o, server, e3);
    expect(trail("root", effectivePath(server, o))).toEqual(["root", "n4"]);
    expect(pathRefused(o, e2).events).toEqual([e1]);
    expect(pathRefused(o, e1)).toEqual(emptyPathOverlay);
  });

  it("appending after everything was reflected starts from the server's length", () => {
    const e1 = answer("root", "n1");
    const o = pathAppend(emptyPathOverlay, [], e1);
    const e2 = answer("n1", "n2");
    const next = pathAppend(o, [e1], e2);
    expect(next).toEqual({ base: 1, events: [e2] });
  });
});

describe("procedure navigation", () => {
  const procedure: ProcedureStructure = {
    steps: [
      { id: "sec", type: "section_header", title: "Prepare" },
      { id: "a", type: "procedure_step", title: "A", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
      { id: "b", type: "procedure_step", title: "B", description: "", expectedOutcome: "", commands: [], contentType: "warning", libraryVisibility: null },
      { id: "c", type: "procedure_step", title: "C", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
      { id: "end", type: "procedure_end", title: "Done", text: "All good" },
    ],
  };
  const custom: CustomStep = { id: "x", afterId: "a", libraryStepId: null, createdAt: "t", title: "X", instructions: "", commands: [] };
  const steps = runtimeSteps(procedure, [custom]);
  const done = (note = "") => ({ status: "done" as const, note, at: "t" });

  it("opens at the saved position, else the first open step", () => {
    expect(initialStepId(steps, {}, "b")).toBe("b");
    expect(initialStepId(steps, { a: done() }, null)).toBe("x");
    expect(initialStepId(steps, { a: done() }, "sec")).toBe("x");
    expect(initialStepId(steps, { a: done(), x: done(), b: done(), c: done() }, null)).toBe("c");
  });

  it("previous / next skip sections and include custom steps", () => {
    expect(adjacentStepId(steps, "a", 1)).toBe("x");
    expect(adjacentStepId(steps, "x", 1)).toBe("b");
    expect(adjacentStepId(steps, "a", -1)).toBeNull();
    expect(adjacentStepId(steps, "c", 1)).toBeNull();
  });

  it("after marking, goes to the next unmarked step, wrapping to earlier open ones", () => {
    expect(stepAfterMark(steps, { a: done() }, "a")).toBe("x");
    expect(stepAfterMark(steps, { a: done(), b: done() }, "a")).toBe("x");
    expect(stepAfterMark(steps, { c: done() }, "c")).toBe("a");
    expect(stepAfterMark(steps, { a: done(), x: done(), b: done(), c: done() }, "c")).toBe("c");
  });
});

describe("suggested outcome", () => {
  it("troubleshooting: the end node's default", () => {
    expect(suggestedOutcome({ kind: "troubleshooting", terminalOutcome: "escalated" })).toBe("escalated");
    expect(suggestedOutcome({ kind: "troubleshooting", terminalOutcome: null })).toBeNull();
  });
  it("procedures: only once every step is marked", () => {
    expect(suggestedOutcome({ kind: "procedure", total: 3, done: 2, skipped: 0, failed: 0 })).toBeNull();
    expect(suggestedOutcome({ kind: "procedure", total: 3, done: 3, skipped: 0, failed: 0 })).toBe("completed");
    expect(suggestedOutcome({ kind: "procedure", total: 3, done: 2, skipped: 1, failed: 0 })).toBe("completed_with_issues");
    expect(suggestedOutcome({ kind: "procedure", total: 3, done: 2, skipped: 0, failed: 1 })).toBe("completed_with_issues");
    expect(suggestedOutcome({ kind: "procedure", total: 0, done: 0, skipped: 0, failed: 0 })).toBeNull();
  });
});
