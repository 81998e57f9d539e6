import { describe, expect, it } from "vitest";
import {
  appendItem,
  canMoveBy,
  dropEmptyCommands,
  duplicateItem,
  hasEnd,
  insertAfter,
  keepEndLast,
  moveBy,
  moveInList,
  moveItem,
  neighbourAfterRemoval,
  newEnd,
  newSection,
  newStep,
  removeItem,
  replaceItem,
  resolveSelection,
  sectionOf,
  setClosingStep,
  stepNumbers,
} from "@/components/flow-editor/procedure/procedure-ops";
import { validateProcedure, type ProcedureItem } from "@/lib/flows/structure";

const ids = (steps: ProcedureItem[]) => steps.map((s) => s.id);

// s1: section "Prepare", a, b, s2: section "Fix", c, end
const sample = (): ProcedureItem[] => [
  newSection("s1", "Prepare"),
  newStep("a", { title: "Check backups" }),
  newStep("b", { title: "Notify user", commands: [{ language: "cmd", code: "msg * hi", label: "" }] }),
  newSection("s2", "Fix"),
  newStep("c", { title: "Restart service" }),
  newEnd("end"),
];

describe("insertAfter", () => {
  it("inserts right after the given item", () => {
    expect(ids(insertAfter(sample(), "a", newStep("x")))).toEqual(["s1", "a", "x", "b", "s2", "c", "end"]);
  });

  it("appends before the closing step when no anchor, an unknown anchor or the closing step is given", () => {
    for (const anchor of [null, "nope", "end"]) {
      expect(ids(insertAfter(sample(), anchor, newStep("x")))).toEqual(["s1", "a", "b", "s2", "c", "x", "end"]);
    }
    expect(ids(appendItem(sample(), newSection("s3")))).toEqual(["s1", "a", "b", "s2", "c", "s3", "end"]);
  });

  it("appends at the very end when there is no closing step", () => {
    expect(ids(appendItem([newStep("a")], newStep("b")))).toEqual(["a", "b"]);
    expect(ids(insertAfter([], null, newStep("a")))).toEqual(["a"]);
  });

  it("adds a closing step only once, always last", () => {
    const withoutEnd = sample().slice(0, -1);
    expect(ids(insertAfter(withoutEnd, "a", newEnd("e2")))).toEqual(["s1", "a", "b", "s2", "c", "e2"]);
    expect(ids(insertAfter(sample(), "a", newEnd("e2")))).toEqual(ids(sample()));
  });

  it("does not mutate its input", () => {
    const steps = sample();
    const before = JSON.stringify(steps);
    insertAfter(steps, "a", newStep("x"));
    expect(JSON.stringify(steps)).toBe(before);
  });
});

describe("moveItem / moveBy", () => {
  it("moves like arrayMove inside the body", () => {
    expect(ids(moveItem(sample(), 1, 4))).toEqual(["s1", "b", "s2", "c", "a", "end"]);
    expect(ids(moveItem(sample(), 4, 0))).toEqual(["c", "s1", "a", "b", "s2", "end"]);
  });

  it("never moves the closing step, nor anything past it", () => {
    expect(ids(moveItem(sample(), 5, 0))).toEqual(ids(sample()));
    expect(ids(moveItem(sample(), 1, 5))).toEqual(["s1", "b", "s2", "c", "a", "end"]);
    expect(ids(moveItem(sample(), 1, 99))).toEqual(["s1", "b", "s2", "c", "a", "end"]);
  });

  it("ignores out-of-range sources and no-op moves", () => {
    expect(ids(moveItem(sample(), -1, 2))).toEqual(ids(sample()));
    expect(ids(moveItem(sample(), 2, 2))).toEqual(ids(sample()));
  });

  it("moves one place up or down with moveBy, with canMoveBy telling the limits", () => {
    expect(ids(moveBy(sample(), "b", -1))).toEqual(["s1", "b", "a", "s2", "c", "end"]);
    expect(ids(moveBy(sample(), "b", 1))).toEqual(["s1", "a", "s2", "b", "c", "end"]);
    expect(canMoveBy(sample(), "s1", -1)).toBe(false);
    expect(canMoveBy(sample(), "s1", 1)).toBe(true);
    expect(canMoveBy(sample(), "c", 1)).toBe(false);
    expect(canMoveBy(sample(), "end", -1)).toBe(false);
    expect(canMoveBy(sample(), "missing", 1)).toBe(false);
    expect(ids(moveBy(sample(), "c", 1))).toEqual(ids(sample()));
  });

  it("keeps a valid procedure valid", () => {
    const moved = moveItem(moveBy(sample(), "a", 1), 0, 99);
    expect(validateProcedure({ steps: moved })).toEqual([]);
  });
});

describe("duplicateItem", () => {
  it("copies a step right after the original with a new id and its own commands", () => {
    const steps = duplicateItem(sample(), "b", "b2");
    expect(ids(steps)).toEqual(["s1", "a", "b", "b2", "s2", "c", "end"]);
    const [original, copy] = [steps[2], steps[3]];
    expect(copy).toMatchObject({ type: "procedure_step", title: "Notify user (copy)" });
    if (original.type !== "procedure_step" || copy.type !== "procedure_step") throw new Error("expected steps");
    expect(copy.commands).toEqual(original.commands);
    expect(copy.commands[0]).not.toBe(original.commands[0]);
  });

  it("copies a section header and keeps titles within 200 characters", () => {
    const long = [newSection("s", "x".repeat(200))];
    const copy = duplicateItem(long, "s", "s-copy")[1];
    expect(copy.title).toHaveLength(200);
  });

  it("does not copy the closing step or unknown ids", () => {
    expect(ids(duplicateItem(sample(), "end", "e2"))).toEqual(ids(sample()));
    expect(ids(duplicateItem(sample(), "nope", "e2"))).toEqual(ids(sample()));
  });
});

describe("removeItem / replaceItem / setClosingStep", () => {
  it("removes a section header but keeps its steps", () => {
    expect(ids(removeItem(sample(), "s2"))).toEqual(["s1", "a", "b", "c", "end"]);
  });

  it("replaces an item by id", () => {
    const steps = replaceItem(sample(), newStep("a", { title: "Renamed" }));
    expect(steps[1].title).toBe("Renamed");
    expect(steps).toHaveLength(6);
  });

  it("adds and removes the closing step", () => {
    const without = setClosingStep(sample(), false, "ignored");
    expect(hasEnd(without)).toBe(false);
    const withEnd = setClosingStep(without, true, "e2");
    expect(ids(withEnd).at(-1)).toBe("e2");
    expect(withEnd.at(-1)).toMatchObject({ type: "procedure_end", title: "Done", text: "" });
    expect(ids(setClosingStep(sample(), true, "e3"))).toEqual(ids(sample()));
  });

  it("repairs a misplaced closing step", () => {
    const misplaced = [newEnd("end"), newStep("a"), newStep("b")];
    expect(ids(keepEndLast(misplaced))).toEqual(["a", "b", "end"]);
  });
});

describe("sectionOf / stepNumbers", () => {
  it("finds the nearest section before a step", () => {
    expect(sectionOf(sample(), "a")?.id).toBe("s1");
    expect(sectionOf(sample(), "c")?.title).toBe("Fix");
    expect(sectionOf(sample(), "s2")?.id).toBe("s1");
    expect(sectionOf([newStep("a"), newSection("s")], "a")).toBeNull();
    expect(sectionOf(sample(), "missing")).toBeNull();
  });

  it("numbers steps across sections, never restarting", () => {
    expect([...stepNumbers(sample())]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });
});

describe("selection helpers", () => {
  it("picks the next item after a removal, else the previous", () => {
    expect(neighbourAfterRemoval(sample(), "b")).toBe("s2");
    expect(neighbourAfterRemoval(sample(), "end")).toBe("c");
    expect(neighbourAfterRemoval([newStep("a")], "a")).toBeNull();
    expect(neighbourAfterRemoval(sample(), "missing")).toBeNull();
  });

  it("keeps an existing selection and follows it when it moves", () => {
    expect(resolveSelection(sample(), "c", 0)).toEqual({ id: "c", index: 4 });
  });

  it("falls back to the same position when ids were replaced by a save", () => {
    const saved = sample().map((s) => ({ ...s, id: `real-${s.id}` }));
    expect(resolveSelection(saved, "b", 2)).toEqual({ id: "real-b", index: 2 });
    expect(resolveSelection(saved.slice(0, 2), "b", 4)).toEqual({ id: "real-a", index: 1 });
    expect(resolveSelection([], "b", 2)).toBeNull();
  });
});

describe("commands", () => {
  it("moves within a list without mutating it", () => {
    const list = ["a", "b", "c"];
    expect(moveInList(list, 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveInList(list, 0, 3)).toEqual(list);
    expect(list).toEqual(["a", "b", "c"]);
  });

  it("drops blank commands before saving", () => {
    const steps = [
      newStep("a", { commands: [{ language: "bash", code: "  ", label: "blank" }, { language: "bash", code: "ls", label: "" }] }),
      newSection("s"),
    ];
    const cleaned = dropEmptyCommands({ steps });
    expect(cleaned.steps[0]).toMatchObject({ commands: [{ code: "ls" }] });
    expect(cleaned.steps[1]).toBe(steps[1]);
  });
});
