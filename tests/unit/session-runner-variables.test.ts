import { describe, expect, it } from "vitest";
import { missingRequired, panelVariables, unfilledVariables } from "@/components/session-runner/variables-list";
import type { VariableDefinition } from "@/lib/flows/variables";

const def = (key: string, required = false): VariableDefinition => ({ key, label: key.toUpperCase(), fieldType: "text", helpText: "", options: [], required, default: "" });

describe("session variables list", () => {
  const list = panelVariables([def("server", true), def("ticket")], ["server", "user_email", "user_email"]);

  it("lists defined variables, then referenced but undefined keys once", () => {
    expect(list.map((v) => [v.key, v.unknown])).toEqual([["server", false], ["ticket", false], ["user_email", true]]);
    expect(list[2].fieldType).toBe("text");
  });

  it("counts unfilled and required-empty values (blank counts as empty)", () => {
    expect(unfilledVariables(list, { server: "  ", ticket: "123" }).map((v) => v.key)).toEqual(["server", "user_email"]);
    expect(missingRequired(list, { server: "" }).map((v) => v.key)).toEqual(["server"]);
    expect(missingRequired(list, { server: "srv-01" })).toEqual([]);
  });
});
