// (p) Proposal analysis of one session: a resolved assistant walk classified against a library of
// 200 published flows (enhancement of the matching one), a walk nothing matches (new flow), and
// an exact walk (reinforcement); time per analysis and the statements each runs.
import "./count-queries";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import { analyseSession } from "@/lib/proposals/analyse";
import { createTenant } from "@/tests/helpers/factories";
import { sampleTree } from "@/tests/helpers/flow-fixtures";
import { outlookWalk, printerWalk, seedAssistantSession } from "@/tests/helpers/proposal-fixtures";
import { publishAs, publishTree } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { ms, printTable, summarise, timed } from "./measure";

const RUNS = 20;

it("analysis of one resolved session (200 flows in the account)", async () => {
  const tenant = await createTenant();
  const tree = await publishTree(tenant.engineer, { name: "Printer offline" });
  for (let i = 0; i < 199; i++) await publishAs(tenant.engineer, "troubleshooting", sampleTree(), { name: `Bench flow ${i} ${["VPN", "Outlook", "Disk", "DNS"][i % 4]} issue` });

  const measure = async (label: string, seed: (i: number) => Promise<string>) => {
    const ids: string[] = [];
    for (let i = 0; i <= RUNS; i++) ids.push(await seed(i));
    const counted = await countStatements(() => analyseSession(db, ids[0]));
    const samples: number[] = [];
    for (const id of ids.slice(1)) samples.push((await timed(() => analyseSession(db, id))).ms);
    const t = summarise(samples);
    return [label, ms(t.p50), ms(t.p95), counted.statements.length, counted.result.kind === "analysed" ? `${counted.result.proposalIds.length} proposal(s), reinforced: ${Boolean(counted.result.reinforcedFlowId)}` : "skipped"];
  };
  const rows = [
    await measure("enhancement (extra step)", (i) => seedAssistantSession(tenant.engineer, { problem: "printer offline", nodes: printerWalk(tree.flowId, tree.structure, `Clear the print queue ${i % 2}`) })),
    await measure("new flow (nothing similar)", (i) => seedAssistantSession(tenant.engineer, { problem: `Outlook hangs in safe mode ${i}`, nodes: outlookWalk })),
    await measure("exact (reinforce)", () => seedAssistantSession(tenant.engineer, { problem: "printer offline", nodes: printerWalk(tree.flowId, tree.structure) })),
  ];
  const done = await db.session.findFirstOrThrow({ where: { accountId: tenant.account.id }, select: { id: true } });
  const skipped = await countStatements(() => analyseSession(db, done.id));
  rows.push(["already analysed (claim fails)", "-", "-", skipped.statements.length, skipped.result.kind]);
  printTable(`(p1) Proposal analysis of one session, ${RUNS} runs each`, ["walk", "p50 ms", "p95 ms", "statements", "result"], rows, [
    "statements: everything analyseSession sends (claim, walk, candidates, upsert, links, support); BEGIN/COMMIT not counted.",
  ]);
});
