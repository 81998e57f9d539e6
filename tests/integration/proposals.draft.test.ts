// new_flow proposals drafted by a model (lib/proposals/draft.ts), with the SDK's mock language
// model (no network): a good draft retitles and restructures the walk-built proposal and passes
// the publish rules; a bad or failed answer keeps the walk-built flow; a proposal already opened
// in the editor is left alone. The offline provider's draft is the walk, deterministic.
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { draftFromWalk, offlineProvider } from "@/lib/ai/offline";
import { modelProvider } from "@/lib/ai/model-provider";
import { readStructure, validateStructure, type TreeStructure } from "@/lib/flows/structure";
import { analyseSession } from "@/lib/proposals/analyse";
import { draftNewFlowProposals } from "@/lib/proposals/draft";
import { outlookWalk, seedAssistantSession } from "@/tests/helpers/proposal-fixtures";
import { teamTenant } from "@/tests/helpers/published-flows";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};
const answering = (text: string) => modelProvider({
  name: "openai", modelId: "test-model",
  model: new MockLanguageModelV3({ doGenerate: async () => ({ content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] }) }),
});

async function newFlowProposal(problem: string) {
  const t = await teamTenant();
  const sessionId = await seedAssistantSession(t.engineer, { problem, nodes: outlookWalk });
  const result = await analyseSession(db, sessionId);
  if (result.kind !== "analysed" || result.proposalIds.length !== 1) throw new Error("expected one proposal");
  const proposalId = result.proposalIds[0];
  const before = await db.flowProposal.findUniqueOrThrow({ where: { id: proposalId } });
  expect(before.type).toBe("new_flow");
  return { t, sessionId, proposalId, before };
}

const draft = {
  name: "Outlook hangs at the loading profile screen",
  description: "For Outlook that hangs on start: safe mode, then the add-ins.",
  nodes: [
    { kind: "question", title: "Does Outlook start with outlook.exe /safe?", body: "Run it from the Run box.", answers: ["yes", "No", "It crashes too"], commands: [] },
    { kind: "step", title: "Turn off the COM add-ins one by one", body: "File → Options → Add-ins.", answers: [], commands: [{ language: "powershell", code: "Get-ItemProperty HKCU:\\Software\\Microsoft\\Office\\Outlook\\Addins\\*", label: "List add-ins" }] },
    { kind: "solution", title: "Outlook starts normally without the faulty add-in", body: "Leave it disabled and tell the user.", answers: [], commands: [] },
  ],
};

describe("draftNewFlowProposals", () => {
  it("a good model draft titles and structures the new flow; it passes the publish rules and keeps the answer the walk took", async () => {
    const { proposalId } = await newFlowProposal("Outlook hangs on start");
    expect(await draftNewFlowProposals(db, [proposalId], answering(JSON.stringify(draft)))).toEqual(["drafted"]);
    const after = await db.flowProposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect(after).toMatchObject({ title: draft.name, description: draft.description, status: "pending", type: "new_flow" });
    const typed = readStructure("troubleshooting", after.structure);
    expect(typed.type).toBe("troubleshooting");
    const tree = typed.structure as TreeStructure;
    expect(validateStructure({ type: "troubleshooting", structure: tree })).toEqual([]);
    const root = tree.nodes[tree.rootId];
    expect(root).toMatchObject({ type: "question", title: "Does Outlook start with outlook.exe /safe?" });
    // "yes" is what the walk took ("Yes"): it leads on to the add-ins step; the others to "not covered yet".
    const answers = root.type === "question" ? root.answers : [];
    const taken = answers.find((a) => a.label === "yes")!;
    expect(tree.nodes[taken.next!]).toMatchObject({ type: "action", title: "Turn off the COM add-ins one by one" });
    for (const other of answers.filter((a) => a !== taken)) expect(tree.nodes[other.next!]).toMatchObject({ type: "escalation" });
    expect(Object.values(tree.nodes).some((n) => n.type === "solution" && n.title === "Outlook starts normally without the faulty add-in")).toBe(true);
    expect((after.diff as { added: unknown[] }).added.length).toBe(Object.keys(tree.nodes).length);
  });

  it("a bad or failed answer keeps the walk-built flow; a proposal opened in the editor is left alone", async () => {
    const { proposalId, before } = await newFlowProposal("Outlook hangs after update");
    const failing = modelProvider({ name: "anthropic", modelId: "m", model: new MockLanguageModelV3({ doGenerate: async () => { throw new Error("503"); } }) });
    for (const provider of [answering("not json"), answering(JSON.stringify({ ...draft, nodes: [] })), failing]) {
      expect(await draftNewFlowProposals(db, [proposalId], provider)).toEqual(["kept"]);
    }
    const kept = await db.flowProposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect({ title: kept.title, structure: kept.structure, description: kept.description }).toEqual({ title: before.title, structure: before.structure, description: before.description });

    const flow = await db.flow.create({ data: { accountId: before.accountId, name: "Draft", type: "troubleshooting", structure: before.structure as object } });
    await db.flowProposal.update({ where: { id: proposalId }, data: { publishedFlowId: flow.id } });
    expect(await draftNewFlowProposals(db, [proposalId], answering(JSON.stringify(draft)))).toEqual(["kept"]);
    expect((await db.flowProposal.findUniqueOrThrow({ where: { id: proposalId } })).title).toBe(before.title);
  });

  it("the offline provider's draft is the walk's kept nodes, the same every time", async () => {
    const { t, sessionId } = await newFlowProposal("Outlook hangs at splash");
    const rows = await db.walkNode.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
    const context = {
      problem: "Outlook hangs at splash",
      walk: rows.map((r) => ({ seq: r.seq, kind: r.kind, status: r.status, title: r.title, body: r.body, answers: r.answers as { id: string; label: string }[], answerId: r.answerId, answerLabel: r.answerLabel, commands: [], result: r.result, sourceFlowId: null, sourceNodeId: null, sourceLibraryStepId: null })),
    };
    const offline = offlineProvider({ client: db, viewer: t.engineer });
    const first = await offline.draftFlow(context);
    expect(await offline.draftFlow(context)).toEqual(first);
    expect(first).toEqual(draftFromWalk(context));
    expect(first.name).toBe("Outlook hangs at splash");
    expect(first.nodes.map((n) => [n.kind, n.title])).toEqual(outlookWalk.map((n) => [n.kind, n.title]));
  });
});
