// Pure rules of a running session: the troubleshooting trail, the procedure's steps with the
// engineer's custom steps merged in, and progress. Used by the server actions, the runner UI,
// the ticket formatter and the batch hub.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { commandSchema, type Command, type ProcedureStructure, type TreeStructure } from "@/lib/flows/structure";

// ---------- troubleshooting ----------
export type PathEvent =
  | { kind: "answer"; nodeId: string; answerId: string | null; label: string; next: string; at: string }
  | { kind: "back"; from: string; to: string; at: string };

/** The breadcrumb from the root to the current node: answers push, "back" pops. */
export function trail(rootId: string, path: PathEvent[]): string[] {
  const stack = [rootId];
  for (const event of path) {
    if (event.kind === "answer") stack.push(event.next);
    else if (stack.length > 1) stack.pop();
  }
  return stack;
}

/** For each node on the trail (except the last), the answer that led on from it. */
export function trailAnswers(rootId: string, path: PathEvent[]): { nodeId: string; label: string; answerId: string | null }[] {
  const stack: { nodeId: string; label: string; answerId: string | null }[] = [];
  for (const event of path) {
    if (event.kind === "answer") stack.push({ nodeId: event.nodeId, label: event.label, answerId: event.answerId });
    else stack.pop();
  }
  void rootId;
  return stack;
}

export function currentNode(tree: TreeStructure, rootId: string, path: PathEvent[]) {
  const ids = trail(rootId, path);
  const id = ids[ids.length - 1];
  return { id, node: tree.nodes[id] };
}

// ---------- procedures ----------
export const STEP_STATUSES = ["done", "skipped", "failed"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export type StepState = { status: StepStatus; note: string; at: string };
export type StepStates = Record<string, StepState>;

export const customStepSchema = z.object({
  title: text().trim().min(1, "Give the step a title.").max(200, "Use at most 200 characters."),
  instructions: text().max(20_000, "Use at most 20000 characters.").default(""),
  commands: z.array(commandSchema).max(20, "At most 20 commands.").default([]),
});
export type CustomStep = z.infer<typeof customStepSchema> & {
  id: string;
  /** The step it follows (a flow step or another custom step); null = before everything. */
  afterId: string | null;
  libraryStepId: string | null;
  createdAt: string;
};

export type RuntimeStep =
  | { kind: "section"; id: string; title: string; custom: false }
  | { kind: "end"; id: string; title: string; text: string; custom: false }
  | {
      kind: "step";
      id: string;
      number: number;
      section: string | null;
      title: string;
      description: string;
      expectedOutcome: string;
      commands: Command[];
      contentType: string;
      custom: boolean;
      libraryStepId: string | null;
    };

/** Flow steps in order, each custom step placed right after the step it was added after. */
export function runtimeSteps(procedure: ProcedureStructure, customSteps: CustomStep[]): RuntimeStep[] {
  const after = new Map<string | null, CustomStep[]>();
  for (const custom of customSteps) after.set(custom.afterId, [...(after.get(custom.afterId) ?? []), custom]);
  const known = new Set<string | null>([null, ...procedure.steps.map((s) => s.id), ...customSteps.map((c) => c.id)]);
  // Custom steps anchored to something that no longer exists go at the end.
  const orphans = customSteps.filter((c) => !known.has(c.afterId));

  const out: RuntimeStep[] = [];
  let section: string | null = null;
  let number = 0;
  const pushCustom = (anchor: string | null, seen = new Set<string>()) => {
    for (const custom of after.get(anchor) ?? []) {
      if (seen.has(custom.id)) continue;
      seen.add(custom.id);
      out.push({
        kind: "step", id: custom.id, number: ++number, section, title: custom.title, description: custom.instructions,
        expectedOutcome: "", commands: custom.commands, contentType: "action", custom: true, libraryStepId: custom.libraryStepId,
      });
      pushCustom(custom.id, seen);
    }
  };
  pushCustom(null);
  const end = procedure.steps.find((s) => s.type === "procedure_end");
  for (const item of procedure.steps) {
    if (item.type === "procedure_end") continue;
    if (item.type === "section_header") {
      section = item.title;
      out.push({ kind: "section", id: item.id, title: item.title, custom: false });
    } else {
      out.push({
        kind: "step", id: item.id, number: ++number, section, title: item.title, description: item.description,
        expectedOutcome: item.expectedOutcome, commands: item.commands, contentType: item.contentType, custom: false, libraryStepId: null,
      });
    }
    pushCustom(item.id);
  }
  for (const custom of orphans) {
    out.push({ kind: "step", id: custom.id, number: ++number, section, title: custom.title, description: custom.instructions, expectedOutcome: "", commands: custom.commands, contentType: "action", custom: true, libraryStepId: custom.libraryStepId });
    // Steps added after an orphan follow it (they would otherwise vanish).
    pushCustom(custom.id);
  }
  if (end && end.type === "procedure_end") {
    pushCustom(end.id);
    out.push({ kind: "end", id: end.id, title: end.title, text: end.text, custom: false });
  }
  return out;
}

export type Progress = { total: number; done: number; skipped: number; failed: number; finished: number; percent: number };

export function procedureProgress(steps: RuntimeStep[], states: StepStates): Progress {
  const actionable = steps.filter((s) => s.kind === "step");
  const count = (status: StepStatus) => actionable.filter((s) => states[s.id]?.status === status).length;
  const done = count("done");
  const skipped = count("skipped");
  const failed = count("failed");
  const finished = done + skipped + failed;
  return { total: actionable.length, done, skipped, failed, finished, percent: actionable.length ? Math.round((finished / actionable.length) * 100) : 0 };
}

/** The first step not yet marked, or the last step when all are. */
export function nextOpenStep(steps: RuntimeStep[], states: StepStates): string | null {
  const actionable = steps.filter((s) => s.kind === "step");
  return (actionable.find((s) => !states[s.id]) ?? actionable[actionable.length - 1])?.id ?? null;
}
