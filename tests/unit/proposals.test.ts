// Proposal analysis, the pure parts: classification of a walk against a flow (exact /
// enhancement / branch / new), the structures built, the diff, fingerprints and confidence.
import { describe, expect, it } from "vitest";
import { parseStructure, validateTree, type TreeStructure } from "@/lib/flows/structure";
import { alignWalk, applyAlignment, buildTreeFromWalk } from "@/lib/proposals/classify";
import { confidence, supportFactor, walkQuality } from "@/lib/proposals/confidence";
import { diffStructures } from "@/lib/proposals/diff";
import { customStepFingerprint, flowChangeFingerprint, newFlowFingerprint } from "@/lib/proposals/fingerprint";
import { normaliseText, walkFromNodes, type WalkItem } from "@/lib/proposals/walk";

function tree(input: unknown): TreeStructure {
  const parsed = parseStructure("troubleshooting", input);
  if (!parsed.ok || parsed.typed.type !== "troubleshooting") throw new Error(JSON.stringify(parsed));
  return parsed.typed.structure;
}

/** Printer flow: q1 "Is the printer on?" yes → a1 "Restart the spooler" → s1; no → s2 "Turn it on". */
const printer = tree({
  rootId: "q1",
  nodes: {
    q1: { type: "question", title: "Is the printer on?", answers: [{ id: "yes", label: "Yes", next: "a1" }, { id: "no", label: "No", next: "s2" }] },
    a1: { type: "action", title: "Restart the spooler", commands: "Restart-Service Spooler", next: "s1" },
    s1: { type: "solution", title: "Printing works again" },
    s2: { type: "solution", title: "Turn it on" },
  },
});

const q = (title: string, chosen: string, answers = [chosen]): WalkItem => ({ kind: "question", title, body: "", answers, chosen, edited: false });
const step = (title: string, result: string | null = "done"): WalkItem => ({ kind: "step", title, body: "", commands: [], result, edited: false });
const sol = (title: string): WalkItem => ({ kind: "solution", title, body: "", commands: [], result: null, edited: false });
const closing = { title: "Resolved", resolution: "" };
const counter = () => {
  let n = 0;
  return () => `n${++n}`;
};

describe("classification", () => {
  it("a walk that follows the flow node for node is exact (titles compared normalised)", () => {
    const walk = [q("is the PRINTER on", "yes", ["Yes", "No"]), step("Restart the spooler."), sol("Printing works again")];
    expect(alignWalk(walk, printer)).toEqual({ kind: "exact", matched: 3 });
  });

  it("source links match whatever the title says", () => {
    const walk: WalkItem[] = [{ ...q("Power?", "Yes"), source: { flowId: "f1", nodeId: "q1" } }, step("Restart the spooler"), sol("Printing works again")];
    expect(alignWalk(walk, printer, "f1").kind).toBe("exact");
    expect(alignWalk(walk, printer, "other").kind).toBe("diverged");
  });

  it("extra steps before rejoining the flow are an enhancement inserting them there", () => {
    const walk = [q("Is the printer on?", "Yes"), step("Clear the print queue"), step("Restart the spooler"), sol("Printing works again")];
    const alignment = alignWalk(walk, printer);
    expect(alignment.kind).toBe("enhancement");
    if (alignment.kind !== "enhancement") return;
    expect(alignment.insertions).toEqual([{ afterNodeId: "q1", viaAnswerId: "yes", beforeNodeId: "a1", items: [walk[1]] }]);
    const proposed = applyAlignment(printer, alignment, closing, counter());
    expect(validateTree(proposed)).toEqual([]);
    expect(proposed.nodes.q1.type === "question" && proposed.nodes.q1.answers[0].next).toBe("n1");
    expect(proposed.nodes.n1).toMatchObject({ type: "action", title: "Clear the print queue", next: "a1" });
    // The input tree is left as it was.
    expect(printer.nodes.q1.type === "question" && printer.nodes.q1.answers[0].next).toBe("a1");
  });

  it("an answer the question does not have is a branch addition leading to what the walk did", () => {
    const walk = [q("Is the printer on?", "It is blinking orange", ["Yes", "No", "It is blinking orange"]), step("Open the front cover"), sol("Paper jam cleared")];
    const alignment = alignWalk(walk, printer);
    expect(alignment.kind).toBe("branch_addition");
    if (alignment.kind !== "branch_addition") return;
    const proposed = applyAlignment(printer, alignment, closing, counter());
    expect(validateTree(proposed)).toEqual([]);
    const answers = proposed.nodes.q1.type === "question" ? proposed.nodes.q1.answers : [];
    expect(answers.map((a) => a.label)).toEqual(["Yes", "No", "It is blinking orange"]);
    const first = proposed.nodes[answers[2].next!];
    expect(first).toMatchObject({ type: "action", title: "Open the front cover" });
  });

  it("a walk that never meets the flow's start has nothing to align (new flow territory)", () => {
    expect(alignWalk([q("Is Outlook open?", "Yes"), sol("Rebuilt the profile")], printer).kind).toBe("diverged");
  });

  it("a walk ending on a step gets a closing solution; the built new flow passes the publish rules", () => {
    const walk = [q("Does VPN connect?", "No", ["Yes", "No", "Sometimes"]), step("Renew the certificate"), step("Reconnect")];
    const built = buildTreeFromWalk(walk, { title: "VPN works", resolution: "Renewed cert" }, counter());
    expect(validateTree(built)).toEqual([]);
    const root = built.nodes[built.rootId];
    expect(root.type).toBe("question");
    // Answers not taken share one "not covered yet" escalation.
    const targets = root.type === "question" ? root.answers.map((a) => built.nodes[a.next!].type) : [];
    expect(targets.sort()).toEqual(["action", "escalation", "escalation"]);
    expect(Object.values(built.nodes).filter((n) => n.type === "solution")).toHaveLength(1);
  });
});

describe("diff builder", () => {
  it("lists added, removed and changed nodes by id", () => {
    const after = structuredClone(printer);
    after.nodes.n1 = { type: "action", title: "Clear the queue", instructions: "", commands: [], answers: [], next: "a1" };
    if (after.nodes.q1.type === "question") after.nodes.q1.answers[0].next = "n1";
    delete after.nodes.s2;
    if (after.nodes.q1.type === "question") after.nodes.q1.answers[1].next = "s1";
    const diff = diffStructures(printer, after);
    expect(diff.added).toEqual([{ id: "n1", type: "action", title: "Clear the queue" }]);
    expect(diff.removed).toEqual([{ id: "s2", type: "solution", title: "Turn it on" }]);
    expect(diff.changed).toEqual([{ id: "q1", type: "question", title: "Is the printer on?", fields: ["answers"], beforeTitle: "Is the printer on?" }]);
  });

  it("a new flow is all additions; an identical structure has no changes", () => {
    expect(diffStructures(null, printer).added).toHaveLength(4);
    expect(diffStructures(printer, structuredClone(printer))).toEqual({ added: [], removed: [], changed: [] });
  });

  it("procedure steps compare by id and position", () => {
    const before = { steps: [{ id: "a", type: "procedure_step" as const, title: "A", description: "", expectedOutcome: "", commands: [], contentType: "action" as const, libraryVisibility: null }] };
    const after = { steps: [{ ...before.steps[0], id: "b", title: "B" }, before.steps[0]] };
    const diff = diffStructures(before, after);
    expect(diff.added.map((d) => d.id)).toEqual(["b"]);
    expect(diff.changed.map((d) => [d.id, d.fields])).toEqual([["a", ["position"]]]);
  });
});

describe("fingerprints", () => {
  it("are stable across wording, case, punctuation and answer order", () => {
    const a = [q("Is the printer on?", "Yes", ["Yes", "No"]), step("Restart spooler"), sol("Works")];
    const b = [q("is the printer ON", "yes", ["No", "Yes"]), step("Restart  spooler."), sol("works!")];
    expect(newFlowFingerprint(a)).toBe(newFlowFingerprint(b));
    expect(newFlowFingerprint(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keep the order of a walk's steps, and ignore what came after its solution", () => {
    const a = [step("One"), step("Two"), sol("Done")];
    expect(newFlowFingerprint(a)).not.toBe(newFlowFingerprint([step("Two"), step("One"), sol("Done")]));
    expect(newFlowFingerprint(a)).toBe(newFlowFingerprint([...a, step("Tidy up")]));
  });

  it("treat a change's insertions as a set, and tell different changes apart", () => {
    const one = { afterNodeId: "q1", viaAnswerId: "yes", beforeNodeId: "a1", items: [step("Clear queue") as never] };
    const two = { afterNodeId: "a1", viaAnswerId: null, beforeNodeId: "s1", items: [step("Print test page") as never] };
    expect(flowChangeFingerprint([one, two], null)).toBe(flowChangeFingerprint([two, one], null));
    expect(flowChangeFingerprint([one], null)).not.toBe(flowChangeFingerprint([two], null));
    expect(flowChangeFingerprint([], { questionId: "q1", label: "Blinking", items: [] })).not.toBe(flowChangeFingerprint([], { questionId: "q1", label: "Off", items: [] }));
  });

  it("custom steps: same normalised text after the same step, nothing else", () => {
    expect(customStepFingerprint("s1", "Check  the UPS!")).toBe(customStepFingerprint("s1", "check the ups"));
    expect(customStepFingerprint("s1", "Check the UPS")).not.toBe(customStepFingerprint("s2", "Check the UPS"));
    expect(customStepFingerprint(null, "Check the UPS")).not.toBe(customStepFingerprint("s1", "Check the UPS"));
  });
});

describe("walk and confidence", () => {
  it("drops rejected and pending nodes and keeps a typed answer", () => {
    const base = { body: "", commands: [], result: null, sourceFlowId: null, sourceNodeId: null, answerId: null, answerLabel: null };
    const walk = walkFromNodes([
      { ...base, kind: "question", title: "On?", answers: [{ id: "a", label: "Yes" }], status: "accepted", answerId: "a" },
      { ...base, kind: "step", title: "Rejected", answers: [], status: "rejected" },
      { ...base, kind: "question", title: "Which light?", answers: [{ id: "x", label: "Red" }], status: "edited", answerId: "other", answerLabel: "Orange" },
      { ...base, kind: "solution", title: "Pending", answers: [], status: "pending" },
    ]);
    expect(walk.map((w) => w.title)).toEqual(["On?", "Which light?"]);
    expect(walk[1]).toMatchObject({ chosen: "Orange", answers: ["Red", "Orange"], edited: true });
    expect(normaliseText("  Héllo,  World! ")).toBe("héllo world");
  });

  it("is 0.4·support + 0.3·quality + 0.3·match, bounded to 0–1", () => {
    expect(supportFactor(1)).toBe(0.5);
    expect(confidence({ sessions: 1, quality: 1, match: 1 })).toBe(0.8);
    expect(confidence({ sessions: 0, quality: 0, match: 0 })).toBe(0);
    expect(confidence({ sessions: 3, quality: 2, match: -1 })).toBe(0.6);
    expect(walkQuality([step("a"), step("b", "failed")])).toBe(0.5);
  });
});
