import { describe, expect, it } from "vitest";
import { procedureCountText, procedureCounts, type ProcedureItem } from "@/lib/flows/structure";

const section = (id: string): ProcedureItem => ({ id, type: "section_header", title: id });
const step = (id: string): ProcedureItem => ({ id, type: "procedure_step", title: id, description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null });
const end: ProcedureItem = { id: "end", type: "procedure_end", title: "Done", text: "" };

describe("procedure counts (one rule for the editor and the flow page)", () => {
  it("counts numbered steps only; sections are counted apart and the closing step not at all", () => {
    const counts = procedureCounts([section("a"), step("1"), step("2"), section("b"), step("3"), end]);
    expect(counts).toEqual({ steps: 3, sections: 2 });
    expect(procedureCountText(counts)).toBe("3 steps in 2 sections");
  });

  it("says it in the singular and leaves out sections when there are none", () => {
    expect(procedureCountText(procedureCounts([step("1")]))).toBe("1 step");
    expect(procedureCountText(procedureCounts([section("a"), step("1")]))).toBe("1 step in 1 section");
    expect(procedureCountText(procedureCounts([]))).toBe("0 steps");
  });
});
