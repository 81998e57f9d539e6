import { describe, expect, it } from "vitest";
import { DEFAULT_FLOWS } from "@/lib/flows/defaults";
import { collectIds } from "@/lib/flows/ids";
import { exportFlow, parseImport, type PortableFlow } from "@/lib/flows/portable";
import {
  parseStructure,
  validateStructure,
  type Command,
  type ProcedureStep,
  type ProcedureStructure,
  type TreeStructure,
} from "@/lib/flows/structure";
import { variablesSchema, variableWarnings } from "@/lib/flows/variables";

const isTree = (flow: PortableFlow) => flow.type === "troubleshooting";
const treeOf = (flow: PortableFlow) => flow.structure as TreeStructure;
const stepsOf = (flow: PortableFlow) => (flow.structure as ProcedureStructure).steps;
const proceduralSteps = (flow: PortableFlow) => stepsOf(flow).filter((s): s is ProcedureStep => s.type === "procedure_step");

function commandsOf(flow: PortableFlow): Command[] {
  if (isTree(flow)) {
    return Object.values(treeOf(flow).nodes).flatMap((node) => (node.type === "action" || node.type === "solution" ? node.commands : []));
  }
  return proceduralSteps(flow).flatMap((step) => step.commands);
}

describe("built-in default flows", () => {
  it("has the expected set, with unique names", () => {
    const names = DEFAULT_FLOWS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      "Outlook won't start",
      "Printer offline",
      "VPN won't connect",
      "User locked out",
      "Slow computer",
      "Mapped drive missing",
      "New user onboarding",
      "User offboarding",
      "FSLogix profile update",
      "Monthly Windows patching",
    ]) {
      expect(names).toContain(name);
    }
    expect(DEFAULT_FLOWS.filter((f) => f.type === "maintenance").length).toBeGreaterThanOrEqual(1);
  });

  describe.each(DEFAULT_FLOWS.map((flow) => [flow.name, flow] as const))("%s", (_name, flow) => {
    it("has public metadata: description, category, at least two lowercase tags", () => {
      expect(flow.visibility).toBe("public");
      expect(flow.description.trim().length).toBeGreaterThan(40);
      expect(flow.category).toBeTruthy();
      expect(flow.tags.length).toBeGreaterThanOrEqual(2);
      for (const tag of flow.tags) expect(tag).toBe(tag.toLowerCase());
    });

    it("parses, is already normalised and passes the publish rules", () => {
      const parsed = parseStructure(flow.type, flow.structure);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      if (!parsed.ok) return;
      expect(parsed.structure).toEqual(flow.structure);
      expect(validateStructure(parsed.typed)).toEqual([]);
    });

    it("has valid variables, and every [VAR:key] is defined and every variable used", () => {
      const variables = variablesSchema.safeParse(flow.variables);
      expect(variables.success ? [] : variables.error.issues).toEqual([]);
      const warnings = variableWarnings(flow.structure, flow.variables, [flow.name, flow.description]);
      expect(warnings.unknown).toEqual([]);
      expect(warnings.unused).toEqual([]);
    });

    it("round-trips through export and import", () => {
      const imported = parseImport(exportFlow(flow));
      expect(imported.ok ? [] : imported.issues).toEqual([]);
      if (!imported.ok) return;
      expect({ ...imported.flow, structure: undefined }).toEqual({ ...flow, structure: undefined });
    });

    it("uses ids that stay distinct once the seed replaces them (no answer id equals a node id)", () => {
      const ids = collectIds(flow.structure);
      const count = isTree(flow)
        ? Object.values(treeOf(flow).nodes).reduce((n, node) => n + 1 + (node.type === "question" || node.type === "action" ? node.answers.length : 0), 0)
        : stepsOf(flow).length;
      expect(ids.size).toBe(count);
    });

    it("has real, copy-paste commands (no <placeholder> outside [VAR:…])", () => {
      const commands = commandsOf(flow);
      expect(commands.length).toBeGreaterThan(5);
      for (const command of commands) {
        expect(command.code.trim()).not.toBe("");
        expect(command.label.trim(), command.code).not.toBe("");
        expect(command.code, command.label).not.toMatch(/<[A-Za-z][\w .-]*>/);
        expect(command.code, command.label).not.toMatch(/^\s+\S/); // dedented
      }
    });

    if (isTree(flow)) {
      it("is a real decision tree: ≥8 nodes, a solution, an escalation, questions with choices", () => {
        const nodes = Object.values(treeOf(flow).nodes);
        expect(nodes.length).toBeGreaterThanOrEqual(8);
        expect(nodes.some((n) => n.type === "solution")).toBe(true);
        expect(nodes.some((n) => n.type === "escalation")).toBe(true);
        expect(nodes.some((n) => n.type === "question" && n.answers.length >= 2)).toBe(true);
        for (const node of nodes) {
          if (node.type === "escalation") expect(node.escalateTo.trim()).not.toBe("");
          if (node.type === "solution") expect(node.resolution.trim()).not.toBe("");
          if (node.type === "action") expect(node.instructions.trim()).not.toBe("");
        }
      });
    } else {
      it("is a real procedure: ≥2 sections, ≥6 steps, commands on most non-informational steps, ends last", () => {
        const steps = stepsOf(flow);
        expect(steps.filter((s) => s.type === "section_header").length).toBeGreaterThanOrEqual(2);
        const procedureSteps = proceduralSteps(flow);
        expect(procedureSteps.length).toBeGreaterThanOrEqual(6);
        const actionable = procedureSteps.filter((s) => s.contentType !== "information");
        const withCommands = actionable.filter((s) => s.commands.length > 0);
        expect(withCommands.length / actionable.length).toBeGreaterThanOrEqual(0.7);
        expect(procedureSteps.filter((s) => s.contentType === "action").every((s) => s.commands.length > 0)).toBe(true);
        expect(steps[0].type).toBe("section_header");
        expect(steps[steps.length - 1].type).toBe("procedure_end");
        for (const step of procedureSteps) {
          expect(step.description.trim(), step.title).not.toBe("");
          if (step.contentType !== "information") expect(step.expectedOutcome.trim(), step.title).not.toBe("");
        }
      });

      it("puts destructive commands in warning steps", () => {
        const destructive = /Clear-MgDeviceManagementManagedDevice|-RemoveLicenses \$|Move-ADObject|Remove-VMSnapshot|Restore-VMSnapshot|Remove-Snapshot|systemctl reboot|autoremove|frx\.exe" migrate-vhd|Rename-Item/;
        for (const step of proceduralSteps(flow)) {
          if (step.commands.some((c) => destructive.test(c.code))) expect(step.contentType, step.title).toBe("warning");
        }
      });
    }
  });

  it("maintenance flows run per target through [VAR:server_name]", () => {
    for (const flow of DEFAULT_FLOWS.filter((f) => f.type === "maintenance")) {
      expect(flow.variables.find((v) => v.key === "server_name")?.required).toBe(true);
      expect(variableWarnings(flow.structure, flow.variables).used).toContain("server_name");
    }
  });
});
