// Retrieval for the assistant on a fixed corpus, in real PostgreSQL: full-text (title over body)
// plus trigram ranking, visibility through the access helpers, published/active only, bounded.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findSimilarFlows, findSimilarLibrarySteps } from "@/lib/ai/retrieve";
import type { TreeStructure } from "@/lib/flows/structure";
import { createFlow } from "@/lib/flows/flows.actions";
import { as, ok, publishAs, teamTenant } from "@/tests/helpers/published-flows";

const tree = (title: string, answers: string[]): TreeStructure => ({
  rootId: "tmp-q",
  nodes: {
    "tmp-q": { type: "question", title, description: "", answers: answers.map((label, i) => ({ id: `tmp-a${i}`, label, next: "tmp-s" })) },
    "tmp-s": { type: "solution", title: `${title} fixed`, resolution: "Done.", commands: [], outcome: "resolved" },
  },
});

async function corpus() {
  const t = await teamTenant();
  const publish = (name: string, visibility: "account" | "private" | "team" = "account", author: { id: string } = t.engineer) =>
    publishAs(author, "troubleshooting", tree(`${name}?`, ["Yes", "No"]), { name, visibility, variables: [] });
  const printer = await publish("Printer not printing");
  const offline = await publish("Printer offline");
  const vpn = await publish("VPN will not connect");
  const outlook = await publish("Outlook keeps asking for a password");
  const hidden = await publish("Printer jams (private)", "private", t.loner);
  const draft = ok(await as(t.engineer, () => createFlow({ name: "Printer draft never published", type: "troubleshooting", visibility: "account" })));
  const foreign = await publishAs(t.other.engineer, "troubleshooting", tree("Printer elsewhere?", ["Yes", "No"]), { name: "Printer in another account", visibility: "account", variables: [] });
  return { t, printer, offline, vpn, outlook, hidden, draft, foreign };
}

describe("findSimilarFlows", () => {
  it("ranks the title match first, then partial matches; never private, draft or other accounts' flows", async () => {
    const c = await corpus();
    const found = await findSimilarFlows(db, c.t.engineer, "printer not printing", { limit: 10 });
    const ids = found.map((f) => f.flowId);
    expect(ids[0]).toBe(c.printer.flowId);
    expect(ids).toContain(c.offline.flowId);
    expect(ids.indexOf(c.printer.flowId)).toBeLessThan(ids.indexOf(c.offline.flowId));
    expect(ids).not.toContain(c.vpn.flowId);
    expect(ids).not.toContain(c.hidden.flowId);
    expect(ids).not.toContain(c.draft.id);
    expect(ids).not.toContain(c.foreign.flowId);
    for (const f of found) expect(f.score).toBeGreaterThan(0), expect(f.score).toBeLessThanOrEqual(1);
    expect(found[0]).toMatchObject({ name: "Printer not printing", type: "troubleshooting" });
    // The private flow's author sees it.
    const lonerIds = (await findSimilarFlows(db, c.t.loner, "printer jams", { limit: 10 })).map((f) => f.flowId);
    expect(lonerIds[0]).toBe(c.hidden.flowId);
  });

  it("matches through trigrams when the words are misspelt, and honours limit and types", async () => {
    const c = await corpus();
    const typo = await findSimilarFlows(db, c.t.engineer, "outlok keeps askng for pasword", { limit: 3 });
    expect(typo[0]?.flowId).toBe(c.outlook.flowId);
    expect(await findSimilarFlows(db, c.t.engineer, "printer", { limit: 1 })).toHaveLength(1);
    expect(await findSimilarFlows(db, c.t.engineer, "printer", { limit: 5, types: ["procedural"] })).toEqual([]);
    expect(await findSimilarFlows(db, c.t.engineer, "   ", { limit: 5 })).toEqual([]);
    expect(await findSimilarFlows(db, c.t.engineer, "the and of", { limit: 5 })).toEqual([]);
  });
});

describe("findSimilarLibrarySteps", () => {
  it("finds visible library steps synced from published flows, best first", async () => {
    const c = await corpus();
    const steps = await findSimilarLibrarySteps(db, c.t.engineer, "printer not printing", { limit: 5 });
    expect(steps.length).toBeGreaterThan(0);
    expect(steps[0].title).toMatch(/Printer not printing/);
    expect(steps.every((s) => s.sourceFlowId !== c.foreign.flowId && s.sourceFlowId !== c.hidden.flowId)).toBe(true);
  });
});
