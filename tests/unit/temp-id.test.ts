import { describe, expect, it } from "vitest";
import { assignIdsWithMap } from "@/lib/flows/ids";
import type { ProcedureStructure, TreeStructure } from "@/lib/flows/structure";
import { applyIdMap, tempId } from "@/lib/flows/temp-id";
import { sampleProcedure, sampleTree } from "@/tests/helpers/flow-fixtures";

describe("tempId", () => {
  it("is marked temporary and unique", () => {
    const first = tempId();
    expect(first).toMatch(/^tmp-[0-9a-f-]{36}$/);
    expect(tempId()).not.toBe(first);
  });

  it("is a tmp- prefixed uuid, different each time", () => {
    const a = tempId();
    expect(a).toMatch(/^tmp-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(tempId()).not.toBe(a);
  });

  it("falls back to getRandomValues where randomUUID is missing (plain http)", () => {
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(globalThis.crypto.randomUUID).toBeUndefined();
      expect(tempId()).toMatch(/^tmp-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(globalThis.crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});

describe("applyIdMap: a save's id map applied to the editor's current content", () => {
  it("on unchanged content it gives exactly the server's copy", () => {
    for (const sent of [sampleTree(), sampleProcedure(3)] as (TreeStructure | ProcedureStructure)[]) {
      const { structure, idMap } = assignIdsWithMap(sent, new Set());
      expect(Object.keys(idMap).length).toBeGreaterThan(0);
      expect(applyIdMap(sent, idMap)).toEqual(structure);
    }
  });

  it("keeps edits and nodes added since the save, and rewrites references to renamed ids", () => {
    const sent = sampleTree();
    const { structure: saved, idMap } = assignIdsWithMap(sent, new Set(["tmp-fix"]));
    // Typed while the save was in flight: a new title, and "Still broken" now leads to a new node.
    const now: TreeStructure = structuredClone(sent);
    now.nodes["tmp-q1"].title = "Does the printer show offline in the queue?";
    now.nodes["tmp-new"] = { type: "solution", title: "Cleared the queue", resolution: "", commands: [], outcome: "resolved" };
    const act = now.nodes["tmp-act"];
    if (act.type !== "action") throw new Error("fixture changed");
    act.answers[1].next = "tmp-new";

    const merged = applyIdMap(now, idMap);
    expect(merged.rootId).toBe(saved.rootId);
    expect(merged.nodes[saved.rootId].title).toBe("Does the printer show offline in the queue?");
    expect(Object.keys(merged.nodes).sort()).toEqual([...Object.keys(saved.nodes), "tmp-new"].sort());
    const mergedAct = merged.nodes[idMap["tmp-act"]];
    expect(mergedAct.type === "action" && mergedAct.answers.map((a) => [a.id, a.next])).toEqual([
      [idMap["tmp-a3"], "tmp-fix"],
      [idMap["tmp-a4"], "tmp-new"],
    ]);
    // The next save maps the rest, and keeps the ids the first one gave.
    const next = assignIdsWithMap(merged, new Set(Object.keys(saved.nodes).concat(Object.values(idMap))));
    expect(Object.keys(next.idMap)).toEqual(["tmp-new"]);
  });

  it("renames procedure steps in place and leaves new ones temporary", () => {
    const sent = sampleProcedure(2);
    const { structure: saved, idMap } = assignIdsWithMap(sent, new Set());
    const now: ProcedureStructure = { steps: [...sent.steps.slice(0, 2), { id: "tmp-added", type: "section_header", title: "Added during the save" }, ...sent.steps.slice(2)] };
    expect(applyIdMap(now, idMap).steps.map((s) => s.id)).toEqual([saved.steps[0].id, saved.steps[1].id, "tmp-added", ...saved.steps.slice(2).map((s) => s.id)]);
  });

  it("ignores ids that merely look like object keys", () => {
    // A computed key: written literally, TypeScript takes `constructor` for Object's own property.
    const id: string = "constructor";
    const sent: TreeStructure = { rootId: id, nodes: { [id]: { type: "solution", title: "x", resolution: "", commands: [], outcome: "resolved" } } };
    expect(applyIdMap(sent, { other: "uuid-1" })).toEqual(sent);
  });
});
