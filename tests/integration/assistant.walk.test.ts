// AI-assisted sessions against the real database: the seed-003 defects cannot recur (ids on
// every node, no second provider call on reload, an exact depth cap, one node per position),
// the offline provider follows a matched flow, provider failures leave the session usable, and
// the walk is a normal session (completion, ticket, tenancy).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { offlineProvider } from "@/lib/ai/offline";
import { answerNode, addManualStep, completeNode, rejectNode } from "@/lib/assistant/nodes";
import { getAssistantSessionView } from "@/lib/assistant/queries";
import { nextSuggestion, startAssistantSession, SUGGESTION_FAILED, WALK_CLAIM_STALE_MS } from "@/lib/assistant/walk";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { AiSuggestionError } from "@/lib/ai/types";
import { completeSession } from "@/lib/sessions/sessions.actions";
import { buildTicketExports } from "@/lib/sessions/ticket";
import { question, scriptedProvider, step } from "@/tests/helpers/assistant";
import { as, ok, printerTree, publishTree, teamTenant } from "@/tests/helpers/published-flows";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const nodesOf = (sessionId: string) => db.walkNode.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });

describe("startAssistantSession", () => {
  it("creates a kind=assistant session with its first pending node; every node and answer id is a server uuid", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider(() => question("Is the printer on?", ["Yes", "No"]));
    const { sessionId, error } = await startAssistantSession(t.engineer, { problem: "  Printer not printing for finance  " }, { provider });
    expect(error).toBeUndefined();
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ kind: "assistant", flowVersionId: null, flowId: null, status: "active", ownerId: t.engineer.id, teamId: t.team.id, problem: "Printer not printing for finance", flowName: "Printer not printing for finance" });
    const [node, ...rest] = await nodesOf(sessionId);
    expect(rest).toEqual([]);
    expect(node).toMatchObject({ seq: 0, kind: "question", status: "pending", provider: "openai", model: "scripted" });
    expect(node.id).toMatch(uuid);
    expect(node.promptHash).toHaveLength(64);
    for (const a of node.answers as { id: string }[]) expect(a.id).toMatch(uuid);
  });

  it("a failing provider still gives a usable session with a clear message", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider(() => { throw new AiSuggestionError("The assistant's answer could not be used."); });
    const { sessionId, error } = await startAssistantSession(t.engineer, { problem: "VPN drops" }, { provider });
    expect(error).toBe("The assistant's answer could not be used.");
    expect(await nodesOf(sessionId)).toEqual([]);
    // Usable by hand: a manual step, then finish.
    await addManualStep(t.engineer, { sessionId, title: "Reinstalled the VPN client", body: "", commands: [], result: "done" }, { maxDepth: 25 });
    ok(await as(t.engineer, () => completeSession({ sessionId, outcome: "resolved" })));
    const unexpected = scriptedProvider(() => { throw new Error("socket hang up at 10.0.0.1"); });
    const other = await startAssistantSession(t.engineer, { problem: "VPN drops" }, { provider: unexpected });
    expect(other.error).toBe(SUGGESTION_FAILED); // internal text never reaches the user
  });

  it("refuses another account's category or owner", async () => {
    const t = await teamTenant();
    const category = await db.problemCategory.create({ data: { accountId: t.other.account.id, name: "Printers" } });
    const provider = scriptedProvider(() => null);
    await expect(startAssistantSession(t.engineer, { problem: "x y z", categoryId: category.id }, { provider })).rejects.toThrow(/not found/);
    await expect(startAssistantSession(t.engineer, { problem: "x y z", ownerId: t.other.engineer.id }, { provider })).rejects.toThrow(/not found/);
  });
});

describe("the walk", () => {
  it("a reload shows the stored pending node: 0 extra provider calls", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider((n) => step(`Step ${n}`));
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "Disk full" }, { provider });
    expect(provider.calls).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      const again = await nextSuggestion(t.engineer, sessionId, { provider });
      expect(again).toMatchObject({ kind: "pending", created: false });
      await getAssistantSessionView(t.engineer, sessionId); // what the page renders
    }
    expect(provider.calls).toHaveLength(1);
    const [first] = await nodesOf(sessionId);
    await completeNode(t.engineer, { sessionId, nodeId: first.id, result: "done" });
    expect(await nextSuggestion(t.engineer, sessionId, { provider })).toMatchObject({ kind: "pending", created: true });
    expect(await nextSuggestion(t.engineer, sessionId, { provider })).toMatchObject({ kind: "pending", created: false });
    expect(provider.calls).toHaveLength(2);
  });

  it("caps the depth exactly: node 25 exists, node 26 never does", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider((n) => step(`Step ${n + 1}`));
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "Slow PC" }, { provider });
    for (let i = 0; i < 30; i++) {
      const open = (await nodesOf(sessionId)).find((n) => n.status === "pending");
      if (open) await completeNode(t.engineer, { sessionId, nodeId: open.id, result: "done" });
      const next = await nextSuggestion(t.engineer, sessionId, { provider, maxDepth: 25 });
      if (next.kind === "at_cap") break;
    }
    const nodes = await nodesOf(sessionId);
    expect(nodes).toHaveLength(25);
    expect(nodes.map((n) => n.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(nodes[24].title).toBe("Step 25");
    expect(await nextSuggestion(t.engineer, sessionId, { provider, maxDepth: 25 })).toEqual({ kind: "at_cap" });
    expect(provider.calls).toHaveLength(25);
    await expect(addManualStep(t.engineer, { sessionId, title: "One more", body: "", commands: [], result: "done" }, { maxDepth: 25 })).rejects.toThrow(/limit of 25/);
    expect(await db.walkNode.count({ where: { sessionId } })).toBe(25);
  });

  it("concurrent next requests cannot create two nodes at one seq", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider((n) => step(`Step ${n}`));
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "Mail stuck" }, { provider });
    const [first] = await nodesOf(sessionId);
    await completeNode(t.engineer, { sessionId, nodeId: first.id, result: "done" });
    const results = await Promise.all(Array.from({ length: 4 }, () => nextSuggestion(t.engineer, sessionId, { provider })));
    const nodes = await nodesOf(sessionId);
    expect(nodes).toHaveLength(2);
    expect(results.filter((r) => r.kind === "pending" && r.created)).toHaveLength(1);
    for (const r of results) expect(r.kind === "pending" && r.node.id).toBe(nodes[1].id);
  });

  it("two next requests forced to overlap pay for one provider call; the other waits for that node", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider((n) => step(`Step ${n}`));
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "Printer queue stuck" }, { provider });
    const [first] = await nodesOf(sessionId);
    await completeNode(t.engineer, { sessionId, nodeId: first.id, result: "done" });
    // Both requests queue on the session row, then race for the claim on seq 1.
    const results = await raceOnLockedRow(
      { sql: `SELECT id FROM "Session" WHERE id = $1 FOR UPDATE`, params: [sessionId] },
      () => [nextSuggestion(t.engineer, sessionId, { provider }), nextSuggestion(t.engineer, sessionId, { provider })],
    );
    expect(provider.calls).toHaveLength(2); // the start, and one for seq 1
    const nodes = await nodesOf(sessionId);
    expect(nodes).toHaveLength(2);
    expect(results.map((r) => r.kind === "pending" && r.node.id)).toEqual([nodes[1].id, nodes[1].id]);
    expect(results.filter((r) => r.kind === "pending" && r.created)).toHaveLength(1);
    expect(await db.walkClaim.count({ where: { sessionId } })).toBe(0);
  });

  it("a failed provider call leaves no claim behind (the next request asks again); an abandoned claim is taken over", async () => {
    const t = await teamTenant();
    let failing = true;
    const provider = scriptedProvider((n) => {
      if (n > 0 && failing) throw new AiSuggestionError("The assistant is not reachable right now.");
      return step(`Step ${n}`);
    });
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "Scanner to email broken" }, { provider });
    const [first] = await nodesOf(sessionId);
    await completeNode(t.engineer, { sessionId, nodeId: first.id, result: "done" });
    expect(await nextSuggestion(t.engineer, sessionId, { provider })).toEqual({ kind: "error", message: "The assistant is not reachable right now." });
    expect(await db.walkClaim.count({ where: { sessionId } })).toBe(0);
    failing = false;
    // A request that died mid-call left its claim on seq 1, long ago: the next request takes it over.
    await db.walkClaim.create({ data: { sessionId, seq: 1, claimedAt: new Date(Date.now() - WALK_CLAIM_STALE_MS - 60_000) } });
    expect(await nextSuggestion(t.engineer, sessionId, { provider })).toMatchObject({ kind: "pending", created: true });
    expect(provider.calls).toHaveLength(3);
    expect(await db.walkClaim.count({ where: { sessionId } })).toBe(0);
    expect((await nodesOf(sessionId)).map((n) => n.title)).toEqual(["Step 0", "Step 2"]);
  });

  it("a manual step goes before the open node; reject asks again; another account's session is not found", async () => {
    const t = await teamTenant();
    const provider = scriptedProvider((n) => question(`Question ${n}?`, ["Yes", "No"]));
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "Teams crashes" }, { provider });
    await addManualStep(t.engineer, { sessionId, title: "Cleared the Teams cache", body: "", commands: [], result: "done" }, { maxDepth: 25 });
    let nodes = await nodesOf(sessionId);
    expect(nodes.map((n) => [n.seq, n.title, n.status])).toEqual([[0, "Cleared the Teams cache", "accepted"], [1, "Question 0?", "pending"]]);
    await rejectNode(t.engineer, { sessionId, nodeId: nodes[1].id });
    await nextSuggestion(t.engineer, sessionId, { provider });
    nodes = await nodesOf(sessionId);
    expect(nodes.map((n) => n.status)).toEqual(["accepted", "rejected", "pending"]);
    await expect(nextSuggestion(t.other.admin, sessionId, { provider })).rejects.toThrow(/not found/);
    await expect(getAssistantSessionView(t.other.admin, sessionId)).rejects.toThrow(/not found/);
    await expect(answerNode(t.other.admin, { sessionId, nodeId: nodes[2].id, answerId: "other", otherLabel: "x" })).rejects.toThrow(/not found/);
    await expect(answerNode(t.loner, { sessionId, nodeId: nodes[2].id, answerId: "other", otherLabel: "x" })).rejects.toThrow(/not found/);
    await expect(answerNode(t.teammate, { sessionId, nodeId: nodes[2].id, answerId: "other", otherLabel: "x" })).rejects.toThrow(/Only the engineer/);
    expect(provider.calls).toHaveLength(2);
  });
});

describe("the offline provider", () => {
  it("walks the matched flow: its root question, the answer's next node, then the action's result question and the solution", async () => {
    const t = await teamTenant();
    // Words no other test file's flows use: public flows of other accounts in the worker database
    // are candidates too, and a close one would make the assistant ask which problem it is.
    const { flowId, structure } = await publishTree(t.engineer, { name: "Quillfeather plotter offline" });
    const p = printerTree(structure);
    const provider = offlineProvider({ client: db, viewer: t.engineer });
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "quillfeather plotter offline since this morning" }, { provider });
    let [node] = await nodesOf(sessionId);
    expect(node).toMatchObject({ kind: "question", title: "Does the printer show offline?", sourceFlowId: flowId, sourceNodeId: p.root, provider: "offline", model: "retrieval-v1" });
    const yes = (node.answers as { id: string; label: string }[]).find((a) => a.label === "Yes")!;
    await answerNode(t.engineer, { sessionId, nodeId: node.id, answerId: yes.id });
    await nextSuggestion(t.engineer, sessionId, { provider });
    node = (await nodesOf(sessionId))[1];
    expect(node).toMatchObject({ kind: "step", sourceNodeId: p.restart, commands: [{ language: "powershell", code: "Restart-Service -Name Spooler", label: "Restart" }] });
    await completeNode(t.engineer, { sessionId, nodeId: node.id, result: "done" });
    await nextSuggestion(t.engineer, sessionId, { provider });
    node = (await nodesOf(sessionId))[2];
    expect(node).toMatchObject({ kind: "question", sourceNodeId: p.restart });
    const fixed = (node.answers as { id: string; label: string }[]).find((a) => a.label === "Fixed")!;
    await answerNode(t.engineer, { sessionId, nodeId: node.id, answerId: fixed.id });
    await nextSuggestion(t.engineer, sessionId, { provider });
    node = (await nodesOf(sessionId))[3];
    expect(node).toMatchObject({ kind: "solution", title: "Printer back online", sourceNodeId: p.fixed });
    await completeNode(t.engineer, { sessionId, nodeId: node.id, result: "done" });
    ok(await as(t.engineer, () => completeSession({ sessionId, outcome: "resolved", notes: "Spooler restarted." })));

    const view = await getAssistantSessionView(t.engineer, sessionId);
    const ticket = buildTicketExports(view.session).text;
    expect(ticket).toContain("quillfeather plotter offline since this morning (AI-assisted troubleshooting)");
    expect(ticket).toContain("Answer: Yes");
    expect(ticket).toContain("[Done] Restart the spooler");
    expect(ticket).toContain("Solution: Printer back online");
    expect(ticket).toContain("Outcome: Resolved");
  });

  it("asks a clarifying question from the differing first answers of close candidates, and an 'other' answer leaves the flow for library steps", async () => {
    const t = await teamTenant();
    const tree = (title: string, answers: string[]) => ({
      rootId: "tmp-q",
      nodes: {
        "tmp-q": { type: "question" as const, title, description: "", answers: answers.map((label, i) => ({ id: `tmp-a${i}`, label, next: "tmp-s" })) },
        "tmp-s": { type: "solution" as const, title: `${title} solved`, resolution: "", commands: [], outcome: "resolved" as const },
      },
    });
    const { publishAs } = await import("@/tests/helpers/published-flows");
    await publishAs(t.engineer, "troubleshooting", tree("What does the outlook screen show?", ["Password prompt", "Disconnected"]), { name: "Outlook problems", variables: [] });
    await publishAs(t.engineer, "troubleshooting", tree("Which outlook symptom?", ["Password prompt", "Search broken"]), { name: "Outlook problem", variables: [] });
    const provider = offlineProvider({ client: db, viewer: t.engineer });
    const { sessionId } = await startAssistantSession(t.engineer, { problem: "outlook problem" }, { provider });
    const [node] = await nodesOf(sessionId);
    expect(node.kind).toBe("question");
    expect(node.sourceFlowId).toBeNull();
    expect((node.answers as { label: string }[]).map((a) => a.label).sort()).toEqual(["Disconnected", "Search broken"]);
    await answerNode(t.engineer, { sessionId, nodeId: node.id, answerId: "other", otherLabel: "Calendar not syncing" });
    const next = await nextSuggestion(t.engineer, sessionId, { provider });
    // Left the flows: the library steps synced from them are what is left to try.
    expect(next.kind === "pending" ? next.node.title : next.kind).toMatch(/^Try this: /);
  });
});
