// Pure list operations behind the procedure step editor. Every function takes the step list
// and returns a new one (never mutating), and every result keeps the closing step last.
import type { Command, ProcedureEnd, ProcedureItem, ProcedureStep, ProcedureStructure, SectionHeader } from "@/lib/flows/structure";

type Steps = readonly ProcedureItem[];

const TITLE_MAX = 200;

export function newStep(id: string, overrides: Partial<Omit<ProcedureStep, "id" | "type">> = {}): ProcedureStep {
  return {
    id,
    type: "procedure_step",
    title: "New step",
    description: "",
    expectedOutcome: "",
    commands: [],
    contentType: "action",
    libraryVisibility: null,
    ...overrides,
  };
}

export function newSection(id: string, title = "New section"): SectionHeader {
  return { id, type: "section_header", title };
}

export function newEnd(id: string): ProcedureEnd {
  return { id, type: "procedure_end", title: "Done", text: "" };
}

export const indexOfId = (steps: Steps, id: string | null | undefined) => (id == null ? -1 : steps.findIndex((s) => s.id === id));

export const hasEnd = (steps: Steps) => steps.some((s) => s.type === "procedure_end");

/** Moves closing steps to the end, keeping everything else in order. */
export function keepEndLast(steps: Steps): ProcedureItem[] {
  const body = steps.filter((s) => s.type !== "procedure_end");
  const ends = steps.filter((s) => s.type === "procedure_end");
  return [...body, ...ends];
}

/** Index at which the closing step starts (steps.length when there is none). */
function bodyLength(steps: Steps): number {
  const end = steps.findIndex((s) => s.type === "procedure_end");
  return end === -1 ? steps.length : end;
}

/**
 * Inserts `item` right after the item `afterId`; with no `afterId` (or an unknown one, or the
 * closing step's) it goes at the end, before the closing step. A closing step is only added
 * when there is none yet.
 */
export function insertAfter(steps: Steps, afterId: string | null, item: ProcedureItem): ProcedureItem[] {
  const ordered = keepEndLast(steps);
  if (item.type === "procedure_end") return hasEnd(ordered) ? ordered : [...ordered, item];
  const after = indexOfId(ordered, afterId);
  const limit = bodyLength(ordered);
  const at = after === -1 || after >= limit ? limit : after + 1;
  return [...ordered.slice(0, at), item, ...ordered.slice(at)];
}

export const appendItem = (steps: Steps, item: ProcedureItem) => insertAfter(steps, null, item);

/**
 * Moves the item at `from` to `to` (array semantics, like dnd-kit's arrayMove). The closing step
 * never moves, and nothing moves past it: a target beyond the body is clamped.
 */
export function moveItem(steps: Steps, from: number, to: number): ProcedureItem[] {
  const ordered = keepEndLast(steps);
  const limit = bodyLength(ordered);
  if (from < 0 || from >= limit) return ordered;
  const target = Math.max(0, Math.min(to, limit - 1));
  if (target === from) return ordered;
  const next = [...ordered];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved);
  return next;
}

/** Whether the item can move one place up (-1) or down (+1). */
export function canMoveBy(steps: Steps, id: string, delta: -1 | 1): boolean {
  const ordered = keepEndLast(steps);
  const index = indexOfId(ordered, id);
  const limit = bodyLength(ordered);
  if (index === -1 || index >= limit) return false;
  const target = index + delta;
  return target >= 0 && target < limit;
}

export function moveBy(steps: Steps, id: string, delta: -1 | 1): ProcedureItem[] {
  if (!canMoveBy(steps, id, delta)) return keepEndLast(steps);
  const ordered = keepEndLast(steps);
  const index = indexOfId(ordered, id);
  return moveItem(ordered, index, index + delta);
}

/** Copies a step or section right after the original, under a new id. The closing step is not copied. */
export function duplicateItem(steps: Steps, id: string, copyId: string): ProcedureItem[] {
  const original = steps.find((s) => s.id === id);
  if (!original || original.type === "procedure_end") return keepEndLast(steps);
  const title = `${original.title} (copy)`.slice(0, TITLE_MAX);
  const copy: ProcedureItem =
    original.type === "procedure_step"
      ? { ...original, id: copyId, title, commands: original.commands.map((c) => ({ ...c })) }
      : { ...original, id: copyId, title };
  return insertAfter(steps, id, copy);
}

/** Removes one item. Removing a section header leaves its steps in place (they join the section above). */
export function removeItem(steps: Steps, id: string): ProcedureItem[] {
  return keepEndLast(steps.filter((s) => s.id !== id));
}

export function replaceItem(steps: Steps, item: ProcedureItem): ProcedureItem[] {
  return keepEndLast(steps.map((s) => (s.id === item.id ? item : s)));
}

/** Adds a closing step (with `id`) or removes the existing one. */
export function setClosingStep(steps: Steps, present: boolean, id: string): ProcedureItem[] {
  if (present) return hasEnd(steps) ? keepEndLast(steps) : [...keepEndLast(steps), newEnd(id)];
  return steps.filter((s) => s.type !== "procedure_end");
}

/** The section header a step falls under: the nearest one before it, or null. */
export function sectionOf(steps: Steps, id: string): SectionHeader | null {
  const index = indexOfId(steps, id);
  for (let i = index - 1; i >= 0; i--) {
    const item = steps[i];
    if (item.type === "section_header") return item;
  }
  return null;
}

/** Step numbers (1-based) of the procedure steps; sections and the closing step are not numbered. */
export function stepNumbers(steps: Steps): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const item of steps) if (item.type === "procedure_step") numbers.set(item.id, numbers.size + 1);
  return numbers;
}

/** Which item to select after `id` is removed: the one after it, else the one before, else none. */
export function neighbourAfterRemoval(steps: Steps, id: string): string | null {
  const index = indexOfId(steps, id);
  if (index === -1) return null;
  return steps[index + 1]?.id ?? steps[index - 1]?.id ?? null;
}

/**
 * Keeps a selection valid when the list is replaced (e.g. a save turned temporary ids into UUIDs):
 * the same id if it still exists, else whatever now sits at the last known index (clamped),
 * else nothing.
 */
export function resolveSelection(steps: Steps, id: string | null, lastIndex: number): { id: string; index: number } | null {
  if (steps.length === 0) return null;
  const found = indexOfId(steps, id);
  if (found !== -1) return { id: steps[found].id, index: found };
  const index = Math.max(0, Math.min(lastIndex, steps.length - 1));
  return { id: steps[index].id, index };
}

// ---------- commands ----------

export function moveInList<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

export const newCommand = (language: Command["language"] = "powershell"): Command => ({ language, code: "", label: "" });

/**
 * Commands whose code is blank are dropped before saving: the server refuses empty commands, and a
 * half-added one should not block a save.
 */
export function dropEmptyCommands(structure: ProcedureStructure): ProcedureStructure {
  return {
    ...structure,
    steps: structure.steps.map((s) =>
      s.type === "procedure_step" && s.commands.some((c) => c.code.trim() === "") ? { ...s, commands: s.commands.filter((c) => c.code.trim() !== "") } : s,
    ),
  };
}
