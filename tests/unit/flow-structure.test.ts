import { describe, expect, it } from "vitest";
import { assignIds, collectIds } from "@/lib/flows/ids";
import { exportFlow, parseImport, type PortableFlow } from "@/lib/flows/portable";
import {
  MAX_NODES,
  normaliseCommands,
  asProcedure,
  asTree,
  parseStructure,
  readStructure,
  validateProcedure,
  validateTree,
  type ProcedureStructure,
  type TreeStructure,
} from "@/lib/flows/structure";
import { readVariables, scanReferences, variablesSchema, variableWarnings } from "@/lib/flows/variables";
import { sampleProcedure, sampleTree } from "@/tests/helpers/flow-fixtures";

function tree(nodes: TreeStructure["nodes"], rootId = "q1"): TreeStructure {
  const parsed = parseStructure("troubleshooting", { rootId, nodes });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.structure as TreeStructure;
}

const good = () =>
  tree({
    q1: { type: "question", title: "Is it plugged in?", description: "", answers: [{ id: "a1", label: "Yes", next: "act" }, { id: "a2", label: "No", next: "fix" }] },
    act: { type: "action", title: "Restart spooler", instructions: "", commands: [{ language: "powershell", code: "Restart-Service Spooler", label: "" }], answers: [{ id: "a3", label: "Fixed", next: "fix" }, { id: "a4", label: "Still broken", next: "esc" }], next: null },
    fix: { type: "solution", title: "Resolved", resolution: "Done", commands: [], outcome: "resolved" },
    esc: { type: "escalation", title: "Escalate to L2", escalateTo: "L2", instructions: "", outcome: "escalated" },
  } as never);

describe("validateTree", () => {
  it("accepts a well-formed tree", () => {
    expect(validateTree(good())).toEqual([]);
  });

  it("parses a new, empty tree and asks for a first node rather than an id", () => {
    const empty = parseStructure("troubleshooting", { rootId: "", nodes: {} });
    expect(empty.ok).toBe(true);
    if (empty.ok) expect(validateTree(empty.structure as TreeStructure)).toEqual([{ path: "structure", message: "Add at least one node." }]);
  });

  it("requires the root to exist", () => {
    const t = good();
    expect(validateTree({ ...t, rootId: "nope" })[0].message).toMatch(/start node does not exist/);
  });

  it("names the node whose answer points nowhere or at a missing node", () => {
    const t = good();
    (t.nodes.q1 as { answers: { next: string | null }[] }).answers[0].next = "ghost";
    (t.nodes.act as { answers: { next: string | null }[] }).answers[1].next = null;
    const issues = validateTree(t);
    expect(issues.find((i) => i.nodeId === "q1")?.message).toMatch(/does not exist/);
    expect(issues.find((i) => i.nodeId === "act")?.message).toMatch(/does not lead anywhere/);
  });

  it("flags unreachable nodes", () => {
    const t = good();
    t.nodes.orphan = { type: "solution", title: "Orphan", resolution: "", commands: [], outcome: "resolved" };
    expect(validateTree(t)).toEqual([expect.objectContaining({ nodeId: "orphan", message: expect.stringMatching(/cannot be reached/) })]);
  });

  it("flags nodes from which no terminal can be reached (loops)", () => {
    const t = tree({
      q1: { type: "question", title: "Start", answers: [{ id: "a", label: "Loop", next: "q2" }, { id: "b", label: "End", next: "s" }] },
      q2: { type: "question", title: "Loop A", answers: [{ id: "c", label: "Again", next: "q3" }] },
      q3: { type: "question", title: "Loop B", answers: [{ id: "d", label: "Again", next: "q2" }] },
      s: { type: "solution", title: "Done" },
    } as never);
    const ids = validateTree(t).map((i) => i.nodeId);
    expect(ids).toEqual(expect.arrayContaining(["q2", "q3"]));
    expect(ids).not.toContain("q1");
  });

  it("requires a question to have answers and a tree to have a terminal", () => {
    const t = tree({ q1: { type: "question", title: "Only", answers: [] } } as never);
    const messages = validateTree(t).map((i) => i.message).join(" | ");
    expect(messages).toMatch(/needs at least one answer/);
    expect(messages).toMatch(/at least one solution or escalation/);
  });

  it("accepts an action with a single next instead of answers", () => {
    const t = tree({
      q1: { type: "action", title: "Do it", next: "s" },
      s: { type: "solution", title: "Done" },
    } as never);
    expect(validateTree(t)).toEqual([]);
  });
});

describe("parseStructure", () => {
  it("rejects unknown node types naming the node", () => {
    const result = parseStructure("troubleshooting", { rootId: "x", nodes: { x: { type: "banana", title: "?" } } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0].nodeId).toBe("x");
      expect(result.issues[0].message).toMatch(/Unknown node type/);
    }
  });

  it("rejects unknown procedure step types naming the step", () => {
    const result = parseStructure("procedural", { steps: [{ id: "s1", type: "procedure_step", title: "ok" }, { id: "s2", type: "teleport", title: "?" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ nodeId: "s2", path: "structure.steps.1.type" });
  });

  it("bounds the size in bytes and in nodes", () => {
    const big = { steps: [{ id: "s", type: "procedure_step", title: "x", description: "y".repeat(1_100_000) }] };
    const bytes = parseStructure("procedural", big);
    expect(bytes.ok).toBe(false);
    if (!bytes.ok) expect(bytes.issues[0].message).toMatch(/too large/);

    const nodes = Object.fromEntries(Array.from({ length: MAX_NODES + 1 }, (_, i) => [`n${i}`, { type: "solution", title: "s" }]));
    const many = parseStructure("troubleshooting", { rootId: "n0", nodes });
    expect(many.ok).toBe(false);
  });

  it("normalises commands given as a plain string or as a list", () => {
    const result = parseStructure("procedural", {
      steps: [
        { id: "a", type: "procedure_step", title: "String", commands: "Get-Service Spooler" },
        { id: "b", type: "procedure_step", title: "List", commands: [{ language: "bash", code: "uptime", label: "Load" }, { language: "cmd", code: "   ", label: "blank" }] },
        { id: "c", type: "procedure_step", title: "None" },
      ],
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      const steps = (result.structure as ProcedureStructure).steps as { commands: unknown }[];
      expect(steps[0].commands).toEqual([{ language: "powershell", code: "Get-Service Spooler", label: "" }]);
      expect(steps[1].commands).toEqual([{ language: "bash", code: "uptime", label: "Load" }]);
      expect(steps[2].commands).toEqual([]);
    }
  });
});

describe("normaliseCommands", () => {
  it("guesses the language of a plain string", () => {
    expect(normaliseCommands("ipconfig /flushdns")[0].language).toBe("cmd");
    expect(normaliseCommands("sudo apt-get update")[0].language).toBe("bash");
    expect(normaliseCommands("")).toEqual([]);
    expect(normaliseCommands(undefined)).toEqual([]);
  });
});

describe("validateProcedure", () => {
  it("requires a step and keeps the closing step last", () => {
    expect(validateProcedure({ steps: [] })[0].message).toMatch(/at least one step/);
    const issues = validateProcedure({
      steps: [
        { id: "e", type: "procedure_end", title: "Done", text: "" },
        { id: "s", type: "procedure_step", title: "Step", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
      ],
    });
    expect(issues[0]).toMatchObject({ nodeId: "e", message: expect.stringMatching(/must be the last/) });
  });
});

describe("assignIds", () => {
  it("gives new nodes and answers UUIDs, rewrites references, keeps known ids", () => {
    const t = good();
    let n = 0;
    const result = assignIds(t, new Set(["q1", "a1"]), () => `uuid-${++n}`);
    expect(result.rootId).toBe("q1");
    const q1 = result.nodes.q1 as { answers: { id: string; next: string }[] };
    expect(q1.answers[0].id).toBe("a1");
    expect(q1.answers[1].id).toMatch(/^uuid-/);
    expect(Object.keys(result.nodes)).not.toContain("act");
    expect(result.nodes[q1.answers[0].next]).toMatchObject({ title: "Restart spooler" });
    expect(validateTree(result)).toEqual([]);
    expect(collectIds(result).size).toBe(8);
  });

  it("leaves dangling references dangling and re-ids duplicated procedure steps", () => {
    const t = tree({ q1: { type: "question", title: "Q", answers: [{ id: "a", label: "x", next: "deleted" }] } } as never);
    const assigned = assignIds(t, new Set());
    expect((assigned.nodes[assigned.rootId] as { answers: { next: string }[] }).answers[0].next).toBe("deleted");
    const steps = assignIds({ steps: [{ id: "s", type: "section_header", title: "A" }, { id: "s", type: "section_header", title: "B" }] } as ProcedureStructure, new Set(["s"]));
    expect(steps.steps[0].id).toBe("s");
    expect(steps.steps[1].id).not.toBe("s");
  });
});

describe("variables", () => {
  it("finds [VAR:key] references anywhere in the structure", () => {
    const structure = { steps: [{ id: "1", type: "procedure_step", title: "Patch [VAR:server_name]", description: "", expectedOutcome: "", commands: [{ language: "powershell", code: "Restart-Computer -ComputerName [VAR:server_name] -Force # [VAR:ticket]", label: "" }], contentType: "action", libraryVisibility: null }] } as ProcedureStructure;
    expect(scanReferences(structure)).toEqual(["server_name", "ticket"]);
    expect(variableWarnings(structure, [{ key: "server_name" }, { key: "unused_one" }])).toEqual({
      used: ["server_name", "ticket"],
      unknown: ["ticket"],
      unused: ["unused_one"],
    });
  });

  it("rejects duplicate keys, bad keys and selects without options", () => {
    const result = variablesSchema.safeParse([
      { key: "host", label: "Host" },
      { key: "HOST", label: "Again" },
      { key: "1bad", label: "Bad" },
      { key: "pick", label: "Pick", fieldType: "select" },
    ]);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
    expect(messages).toMatch(/1.key: Duplicate variable key "HOST"/);
    expect(messages).toMatch(/2.key: Keys start with a letter/);
    expect(messages).toMatch(/3.options/);
  });
});

describe("import/export", () => {
  const flow: PortableFlow = {
    name: "Printer offline",
    description: "When a printer shows offline",
    type: "troubleshooting",
    category: "Printing",
    tags: ["printing", "spooler"],
    visibility: "team",
    variables: [{ key: "printer_name", label: "Printer", fieldType: "text", helpText: "", options: [], required: true, default: "" }],
    structure: good(),
  };

  it("round-trips everything but ids", () => {
    const imported = parseImport(exportFlow(flow));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const { structure, ...rest } = imported.flow;
    const { structure: original, ...originalRest } = flow;
    expect(rest).toEqual(originalRest);
    // Same shape once ids are mapped back by position.
    const strip = (s: TreeStructure) => Object.values(s.nodes).map((n) => ({ ...n, answers: "answers" in n ? n.answers.map((a) => a.label) : undefined }));
    expect(strip(structure as TreeStructure)).toEqual(strip(original as TreeStructure));
    expect(validateTree(structure as TreeStructure)).toEqual([]);
    expect(Object.keys((structure as TreeStructure).nodes)).not.toContain("q1");
  });

  it("reports errors by path", () => {
    const bad = JSON.parse(exportFlow(flow));
    bad.flow.structure.nodes.q1.type = "banana";
    bad.flow.variables.push({ key: "printer_name", label: "dup" });
    const first = parseImport(JSON.stringify(bad));
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.issues.map((i) => i.path)).toContain("flow.variables.1.key");
    delete bad.flow.variables[1];
    bad.flow.variables = bad.flow.variables.filter(Boolean);
    const second = parseImport(JSON.stringify(bad));
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.issues[0]).toMatchObject({ path: "flow.structure.nodes.q1.type", nodeId: "q1" });
    expect(parseImport("{not json").ok).toBe(false);
    const wrongFormat = parseImport(JSON.stringify({ format: "other", formatVersion: 1, flow: {} }));
    expect(wrongFormat.ok || wrongFormat.issues[0].message).toMatch(/Not a ResolutionFlow export/);
  });
});

describe("reading a stored structure (the JSON boundary)", () => {
  it("types it on the flow type: a tree for troubleshooting, steps otherwise", () => {
    const tree = readStructure("troubleshooting", sampleTree());
    expect(tree.type === "troubleshooting" && tree.structure.rootId).toBe("tmp-q1");
    for (const type of ["procedural", "maintenance"] as const) {
      const procedure = readStructure(type, sampleProcedure(2));
      expect(procedure.type !== "troubleshooting" && procedure.structure.steps.length).toBe(4);
    }
    // Stored commands as a plain string come back normalised, as on write.
    const legacy = { steps: [{ id: "s", type: "procedure_step", title: "Patch", commands: "Get-HotFix" }] };
    expect(asProcedure(readStructure("procedural", legacy).structure).steps[0]).toMatchObject({ commands: [{ language: "powershell", code: "Get-HotFix", label: "" }] });
  });

  it("refuses a damaged row or one of the other kind, loudly", () => {
    expect(() => readStructure("troubleshooting", sampleProcedure(1))).toThrow(/Stored troubleshooting structure does not parse/);
    expect(() => readStructure("procedural", sampleTree())).toThrow(/Stored procedural structure does not parse/);
    expect(() => readStructure("procedural", { steps: [{ id: "s", type: "teleport", title: "?" }] })).toThrow(/steps\.0/);
    expect(() => readStructure("troubleshooting", null)).toThrow();
    expect(() => readVariables([{ key: "1bad", label: "x" }])).toThrow(/do not parse/);
    expect(readVariables(null)).toEqual([]);
  });

  it("asTree / asProcedure narrow by shape and refuse the other kind", () => {
    expect(asTree(sampleTree()).rootId).toBe("tmp-q1");
    expect(() => asTree(sampleProcedure(1))).toThrow(/Expected a decision tree/);
    expect(() => asProcedure(sampleTree())).toThrow(/Expected a procedure/);
  });
});
