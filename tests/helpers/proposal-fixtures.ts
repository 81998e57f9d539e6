// Completed sessions and proposals for the proposal tests, written straight to the database (the
// assistant runner that records walks lives elsewhere; these rows have the contract's shape).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { TreeStructure } from "@/lib/flows/structure";
import type { SessionOutcome } from "@/lib/generated/prisma/enums";

export type SeedNode =
  | { kind: "question"; title: string; answers: string[]; chosen: string; source?: { flowId: string; nodeId: string } }
  | { kind: "step" | "solution"; title: string; result?: "done" | "failed" | "skipped"; source?: { flowId: string; nodeId: string } };

/** A completed assistant session of `owner` with these walk nodes (all accepted), not analysed yet. */
export async function seedAssistantSession(owner: { id: string; accountId: string }, options: { problem: string; outcome?: SessionOutcome; nodes: SeedNode[]; notes?: string }) {
  const session = await db.session.create({
    data: {
      accountId: owner.accountId, kind: "assistant", flowName: options.problem.slice(0, 200), problem: options.problem, flowType: "troubleshooting",
      ownerId: owner.id, status: "completed", startedAt: new Date(), completedAt: new Date(), outcome: options.outcome ?? "resolved",
      outcomeNotes: options.notes ?? "",
    },
    select: { id: true },
  });
  await db.walkNode.createMany({
    data: options.nodes.map((node, seq) => {
      const answers = node.kind === "question" ? node.answers.map((label) => ({ id: randomUUID(), label })) : [];
      const chosen = node.kind === "question" ? answers.find((a) => a.label === node.chosen) : undefined;
      return {
        accountId: owner.accountId, sessionId: session.id, seq, kind: node.kind, title: node.title, answers, status: "accepted" as const,
        answerId: chosen?.id ?? null, answerLabel: node.kind === "question" ? node.chosen : null,
        result: node.kind === "step" ? (node.result ?? "done") : null,
        provider: "offline", model: "retrieval", promptHash: "0".repeat(64),
        sourceFlowId: node.source?.flowId ?? null, sourceNodeId: node.source?.nodeId ?? null,
      };
    }),
  });
  return session.id;
}

/** The printer walk of tests/helpers/flow-fixtures' sampleTree, through the flow's own node ids. */
export function printerWalk(flowId: string, tree: TreeStructure, extraStep?: string): SeedNode[] {
  const id = (title: string) => Object.entries(tree.nodes).find(([, n]) => n.title === title)![0];
  const root = id("Does the printer show offline?");
  const restart = id("Restart the spooler on [VAR:print_server]");
  const fixed = id("Printer back online");
  return [
    { kind: "question", title: "Does the printer show offline?", answers: ["Yes", "No"], chosen: "Yes", source: { flowId, nodeId: root } },
    ...(extraStep ? [{ kind: "step" as const, title: extraStep }] : []),
    { kind: "step", title: "Restart the spooler on [VAR:print_server]", source: { flowId, nodeId: restart } },
    { kind: "solution", title: "Printer back online", source: { flowId, nodeId: fixed } },
  ];
}

/** A walk nothing in the library resembles. */
export const outlookWalk: SeedNode[] = [
  { kind: "question", title: "Does Outlook start in safe mode?", answers: ["Yes", "No"], chosen: "Yes" },
  { kind: "step", title: "Disable the COM add-ins" },
  { kind: "solution", title: "Outlook starts normally" },
];
