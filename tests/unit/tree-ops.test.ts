import { describe, expect, it } from "vitest";
import {
  addAnswer,
  addChild,
  addNode,
  ancestorKeys,
  buildOutline,
  changeNodeType,
  danglingEdges,
  deleteNode,
  groupIssues,
  incomingLinks,
  linksLostByTypeChange,
  locate,
  moveAnswer,
  nodeAt,
  nodeRowKey,
  nodesInOrder,
  pathTo,
  removeAnswer,
  renameAnswer,
  setActionMode,
  setRoot,
  setTarget,
  UNLINKED_GROUP_KEY,
  visibleRows,
} from "@/components/flow-editor/tree/tree-ops";
import { validateTree, type TreeNode, type TreeStructure } from "@/lib/flows/structure";

const counter = () => {
  let n = 0;
  return () => `id${++n}`;
};

const q = (title: string, ...answers: [string, string | null][]): TreeNode => ({
  type: "question",
  title,
  description: "",
  answers: answers.map(([label, next], i) => ({ id: `${title}-a${i}`, label, next })),
});
const act = (title: string, next: string | null = null): TreeNode => ({ type: "action", title, instructions: "", commands: [], answers: [], next });
const sol = (title: string): TreeNode => ({ type: "solution", title, resolution: "", commands: [], outcome: "resolved" });
const esc = (title: string): TreeNode => ({ type: "escalation", title, escalateTo: "", instructions: "", outcome: "escalated" });

/** root ─Yes→ a ─→ fixed ; root ─No→ esc ; a shares "fixed" with b (unlinked) */
const sample = (): TreeStructure => ({
  rootId: "root",
  nodes: {
    root: q("Root", ["Yes", "a"], ["No", "esc"]),
    a: act("Restart", "fixed"),
    fixed: sol("Fixed"),
    esc: esc("Escalate"),
    b: act("Orphan", "fixed"),
  },
});

const kinds = (tree: TreeStructure) => buildOutline(tree).rows.map((r) => `${"  ".repeat(r.depth)}${r.kind}:${r.nodeId ?? r.target ?? r.edgeLabel ?? ""}`);

describe("buildOutline", () => {
  it("shows each node once in full, other paths as links, and unreachable nodes under Unlinked", () => {
    expect(kinds(sample())).toEqual([
      "node:root",
      "  node:a",
      "    node:fixed",
      "  node:esc",
      "group:",
      "  node:b",
      "    link:fixed",
    ]);
    const outline = buildOutline(sample());
    expect([...outline.reachable].sort()).toEqual(["a", "esc", "fixed", "root"]);
    expect(outline.unlinkedTops).toEqual(["b"]);
    const yes = outline.rows[1];
    expect(yes).toMatchObject({ edgeLabel: "Yes", fromId: "root", answerIndex: 0, posInSet: 1, setSize: 2, parentKey: nodeRowKey("root") });
  });

  it("places a shared node at its shallowest position (breadth-first)", () => {
    const tree: TreeStructure = {
      rootId: "r",
      nodes: { r: q("R", ["deep", "x"], ["shallow", "s"]), x: act("X", "s"), s: sol("S") },
    };
    expect(kinds(tree)).toEqual(["node:r", "  node:x", "    link:s", "  node:s"]);
  });

  it("terminates on cycles, showing the back edge as a link", () => {
    const tree: TreeStructure = { rootId: "r", nodes: { r: q("R", ["loop", "x"]), x: act("X", "r") } };
    expect(kinds(tree)).toEqual(["node:r", "  node:x", "    link:r"]);
  });

  it("shows unlinked cycles once, and open and dangling answers as their own rows", () => {
    const tree: TreeStructure = {
      rootId: "r",
      nodes: { r: q("R", ["open", null], ["gone", "deleted-id"]), c1: act("C1", "c2"), c2: act("C2", "c1") },
    };
    expect(kinds(tree)).toEqual(["node:r", "  open:open", "  dangling:deleted-id", "group:", "  node:c1", "    node:c2", "      link:c1"]);
  });

  it("puts every node under Unlinked when the start node is missing", () => {
    const tree: TreeStructure = { rootId: "gone", nodes: { s: sol("S") } };
    const outline = buildOutline(tree);
    expect(outline.rows.map((r) => r.key)).toEqual([UNLINKED_GROUP_KEY, nodeRowKey("s")]);
    expect(outline.reachable.size).toBe(0);
  });

  it("is empty for an empty tree", () => {
    expect(buildOutline({ rootId: "", nodes: {} }).rows).toEqual([]);
  });

  it("handles a long chain without recursion limits", () => {
    const nodes: Record<string, TreeNode> = {};
    for (let i = 0; i < 2000; i++) nodes[`n${i}`] = i === 1999 ? sol(`N${i}`) : act(`N${i}`, `n${i + 1}`);
    const outline = buildOutline({ rootId: "n0", nodes });
    expect(outline.rows).toHaveLength(2000);
    expect(outline.rows[1999].depth).toBe(1999);
  });
});

describe("visibleRows and ancestorKeys", () => {
  it("hides the descendants of collapsed rows", () => {
    const { rows } = buildOutline(sample());
    const keys = (collapsed: string[]) => visibleRows(rows, new Set(collapsed)).map((r) => r.nodeId ?? r.kind);
    expect(keys([])).toEqual(["root", "a", "fixed", "esc", "group", "b", "fixed"]);
    expect(keys([nodeRowKey("a")])).toEqual(["root", "a", "esc", "group", "b", "fixed"]);
    expect(keys([nodeRowKey("root"), UNLINKED_GROUP_KEY])).toEqual(["root", "group"]);
    // Collapsing a leaf does nothing.
    expect(keys([nodeRowKey("fixed")])).toHaveLength(7);
  });

  it("lists the rows above a row", () => {
    const { rows } = buildOutline(sample());
    expect(ancestorKeys(rows, nodeRowKey("fixed"))).toEqual([nodeRowKey("a"), nodeRowKey("root")]);
    expect(ancestorKeys(rows, nodeRowKey("b"))).toEqual([UNLINKED_GROUP_KEY]);
  });
});

describe("paths and positions", () => {
  it("gives the path from the start node with the answer taken at each step", () => {
    const tree = sample();
    const outline = buildOutline(tree);
    expect(pathTo(tree, outline, "fixed")).toEqual([
      { nodeId: "root", via: null },
      { nodeId: "a", via: "Yes" },
      { nodeId: "fixed", via: null },
    ]);
    expect(pathTo(tree, outline, "b")).toEqual([{ nodeId: "b", via: null }]);
  });

  it("finds the same node again after the server renames every id", () => {
    const tree = sample();
    const slots = locate(buildOutline(tree), "fixed");
    expect(slots).toEqual([0, 0]);
    const renamed: TreeStructure = {
      rootId: "R",
      nodes: { R: q("Root", ["Yes", "A"], ["No", "E"]), A: act("Restart", "F"), F: sol("Fixed"), E: esc("Escalate") },
    };
    expect(nodeAt(renamed, slots!)).toBe("F");
    expect(nodeAt(renamed, [])).toBe("R");
    expect(nodeAt(renamed, [5])).toBeNull();
    expect(locate(buildOutline(tree), "b")).toBeNull();
  });

  it("lists nodes in outline order", () => {
    expect(nodesInOrder(buildOutline(sample()))).toEqual(["root", "a", "fixed", "esc", "b"]);
  });

  it("finds incoming and dangling links", () => {
    const tree = sample();
    expect(incomingLinks(tree, "fixed")).toEqual([
      { from: "a", answerIndex: null, label: null },
      { from: "b", answerIndex: null, label: null },
    ]);
    const deleted = deleteNode(tree, "esc");
    expect(danglingEdges(deleted, "root")).toEqual([{ answerIndex: 1, answerId: "Root-a1", label: "No", target: "esc" }]);
  });
});

describe("groupIssues", () => {
  it("groups issues by node, keeps the rest general, drops repeats and stale node issues", () => {
    const tree = sample();
    const { byNode, general } = groupIssues(tree, [
      { path: "structure.nodes.a", nodeId: "a", message: "A is bad" },
      { path: "structure.nodes.a", nodeId: "a", message: "A is bad" },
      { path: "structure.nodes.x", nodeId: "x", message: "About a node that is gone" },
      { path: "structure", message: "General" },
    ]);
    expect(byNode.get("a")).toHaveLength(1);
    expect(general.map((i) => i.message)).toEqual(["General"]);
  });
});

describe("adding, linking and deleting nodes", () => {
  it("makes the first node the start node", () => {
    const { tree, id } = addNode({ rootId: "", nodes: {} }, "question", counter());
    expect(tree.rootId).toBe(id);
    expect(tree.nodes[id]).toMatchObject({ type: "question", title: "New question", answers: [{ label: "Yes", next: null }, { label: "No", next: null }] });
    const second = addNode(tree, "solution", counter());
    expect(second.tree.rootId).toBe(id);
  });

  it("adds a child linked from an answer or from an action's next step", () => {
    const makeId = counter();
    const base: TreeStructure = { rootId: "r", nodes: { r: q("R", ["Yes", null]), x: act("X") } };
    const one = addChild(base, "r", 0, "solution", makeId);
    expect(one.tree.nodes.r).toMatchObject({ answers: [{ next: one.id }] });
    expect(one.tree.nodes[one.id].type).toBe("solution");
    const two = addChild(one.tree, "x", null, "escalation", makeId);
    expect(two.tree.nodes.x).toMatchObject({ next: two.id });
    expect(base.nodes.r).toMatchObject({ answers: [{ next: null }] }); // input untouched
  });

  it("relinks and unlinks answers", () => {
    const tree = setTarget(sample(), "root", 1, "fixed");
    expect(tree.nodes.root).toMatchObject({ answers: [{ next: "a" }, { next: "fixed" }] });
    expect(setTarget(tree, "a", null, null).nodes.a).toMatchObject({ next: null });
    // Solutions have nowhere to link from.
    expect(setTarget(tree, "fixed", 0, "a")).toEqual(tree);
  });

  it("deletes a node leaving links to it dangling and the tree otherwise intact", () => {
    const tree = deleteNode(sample(), "a");
    expect(tree.nodes.a).toBeUndefined();
    expect(tree.nodes.root).toMatchObject({ answers: [{ next: "a" }, { next: "esc" }] });
    expect(validateTree(tree).some((i) => i.nodeId === "root" && /does not exist/.test(i.message))).toBe(true);
    expect(deleteNode({ rootId: "s", nodes: { s: sol("S") } }, "s")).toEqual({ rootId: "", nodes: {} });
  });

  it("sets the start node only to an existing node", () => {
    expect(setRoot(sample(), "b").rootId).toBe("b");
    expect(setRoot(sample(), "nope").rootId).toBe("root");
  });
});

describe("answers", () => {
  it("adds, renames, reorders and removes answers", () => {
    const makeId = counter();
    let tree = addAnswer(sample(), "root", makeId);
    expect(tree.nodes.root).toMatchObject({ answers: [{ label: "Yes" }, { label: "No" }, { id: "id1", label: "Answer 3", next: null }] });
    tree = renameAnswer(tree, "root", 2, "Maybe");
    tree = moveAnswer(tree, "root", 2, -1);
    expect(tree.nodes.root.type === "question" && tree.nodes.root.answers.map((a) => a.label)).toEqual(["Yes", "Maybe", "No"]);
    expect(moveAnswer(tree, "root", 0, -1)).toEqual(tree);
    expect(moveAnswer(tree, "root", 2, 1)).toEqual(tree);
    tree = removeAnswer(tree, "root", 0);
    expect(tree.nodes.root.type === "question" && tree.nodes.root.answers.map((a) => a.label)).toEqual(["Maybe", "No"]);
  });

  it("caps answers at 20", () => {
    let tree = sample();
    for (let i = 0; i < 30; i++) tree = addAnswer(tree, "root", counter());
    expect(tree.nodes.root.type === "question" && tree.nodes.root.answers).toHaveLength(20);
  });

  it("carries an action's next step into its first answer and back", () => {
    let tree = addAnswer(sample(), "a", counter());
    expect(tree.nodes.a).toMatchObject({ next: null, answers: [{ label: "Done", next: "fixed" }] });
    tree = removeAnswer(tree, "a", 0);
    expect(tree.nodes.a).toMatchObject({ next: "fixed", answers: [] });
  });

  it("switches an action between one next step and answers, keeping the link", () => {
    let tree = setActionMode(sample(), "a", "answers", counter());
    expect(tree.nodes.a).toMatchObject({ next: null, answers: [{ label: "Fixed", next: "fixed" }, { label: "Still broken", next: null }] });
    tree = setTarget(tree, "a", 0, null);
    tree = setTarget(tree, "a", 1, "esc");
    tree = setActionMode(tree, "a", "next", counter());
    expect(tree.nodes.a).toMatchObject({ next: "esc", answers: [] });
  });
});

describe("changeNodeType", () => {
  it("keeps the title and moves the text to the new type's field", () => {
    const tree: TreeStructure = {
      rootId: "a",
      nodes: {
        a: { type: "action", title: "Flush DNS", instructions: "Run it.", commands: [{ language: "cmd", code: "ipconfig /flushdns", label: "Flush" }], answers: [], next: "s" },
        s: sol("Done"),
      },
    };
    const asSolution = changeNodeType(tree, "a", "solution", counter()).nodes.a;
    expect(asSolution).toEqual({ type: "solution", title: "Flush DNS", resolution: "Run it.", commands: tree.nodes.a.type === "action" ? tree.nodes.a.commands : [], outcome: "resolved" });

    const asQuestion = changeNodeType(tree, "a", "question", counter()).nodes.a;
    expect(asQuestion).toMatchObject({ type: "question", title: "Flush DNS", answers: [{ label: "Continue", next: "s" }] });
    expect(asQuestion.type === "question" && asQuestion.description).toBe("Run it.\n\nFlush:\n```cmd\nipconfig /flushdns\n```");
  });

  it("keeps answers between question and action and gives a new question default answers", () => {
    const tree = sample();
    const asAction = changeNodeType(tree, "root", "action", counter()).nodes.root;
    expect(asAction).toMatchObject({ type: "action", next: null, answers: [{ label: "Yes", next: "a" }, { label: "No", next: "esc" }] });
    const fromSolution = changeNodeType(tree, "fixed", "question", counter()).nodes.fixed;
    expect(fromSolution).toMatchObject({ type: "question", title: "Fixed", answers: [{ label: "Yes" }, { label: "No" }] });
  });

  it("carries the escalation target into the text", () => {
    const tree: TreeStructure = { rootId: "e", nodes: { e: { type: "escalation", title: "Call L2", escalateTo: "Network team", instructions: "Attach logs.", outcome: "unresolved" } } };
    expect(changeNodeType(tree, "e", "solution", counter()).nodes.e).toEqual({
      type: "solution", title: "Call L2", resolution: "Escalate to: Network team\n\nAttach logs.", commands: [], outcome: "resolved",
    });
  });

  it("counts the links a terminal type would drop", () => {
    const tree = sample();
    expect(linksLostByTypeChange(tree.nodes.root, "solution")).toBe(2);
    expect(linksLostByTypeChange(tree.nodes.root, "action")).toBe(0);
    expect(linksLostByTypeChange(tree.nodes.fixed, "escalation")).toBe(0);
    expect(changeNodeType(tree, "root", "escalation", counter()).nodes.root).toMatchObject({ type: "escalation", title: "Root" });
  });
});
