// A model's hand in new_flow proposals. The walk-built flow (lib/proposals/classify.ts) is
// always made first, inside the analysis transaction; when a model provider is configured
// (AI_PROVIDER openai | anthropic), its draftFlow then titles and structures that flow, after
// the transaction (a model call never holds a claim or a row lock). Its answer is zod-parsed
// (modelDraftSchema) and rebuilt with the same builder, so it passes the same publish rules;
// a failed call, a bad answer, or a flow that does not validate leaves the walk-built proposal
// as it was. The offline provider adds nothing here: its draft is the walk itself
// (draftFromWalk), which is what the proposal already holds.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AiSuggestionError, modelDraftSchema, type AiProvider, type DraftFlow } from "@/lib/ai/types";
import { validateStructure } from "@/lib/flows/structure";
import { toContextNode, walkNodeSelect } from "@/lib/assistant/walk";
import { closingOf } from "./analyse";
import { buildTreeFromWalk } from "./classify";
import { diffStructures } from "./diff";
import { normaliseText, walkFromNodes, type WalkItem, type WalkNodeRow } from "./walk";

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/**
 * The model's outline as a walk the tree builder takes: each question keeps the answer the
 * session took at that question (matched by label), else its first answer; steps count as done.
 */
export function walkFromDraft(draft: DraftFlow, walk: WalkItem[]): WalkItem[] {
  const taken = new Set(walk.flatMap((item) => (item.kind === "question" ? [normaliseText(item.chosen)] : [])));
  return draft.nodes.flatMap((node): WalkItem[] => {
    if (node.kind === "question") {
      if (node.answers.length < 2) return [];
      const chosen = node.answers.find((a) => taken.has(normaliseText(a))) ?? node.answers[0];
      return [{ kind: "question", title: node.title, body: node.body, answers: node.answers, chosen, source: null, edited: false }];
    }
    return [{ kind: node.kind, title: node.title, body: node.body, commands: node.commands, result: "done", source: null, edited: false }];
  });
}

export type DraftOutcome = "drafted" | "kept";

/**
 * Re-drafts each pending, not-yet-opened new_flow proposal among `proposalIds` with the
 * provider's draftFlow, from the walk of its first supporting session. One conditional UPDATE
 * each (still pending, not opened in the editor, structure unchanged since analysis).
 */
export async function draftNewFlowProposals(db: Db, proposalIds: string[], provider: AiProvider, options: { newId?: () => string } = {}): Promise<DraftOutcome[]> {
  const newId = options.newId ?? randomUUID;
  const outcomes: DraftOutcome[] = [];
  for (const proposalId of proposalIds) {
    const proposal = await db.flowProposal.findFirst({
      where: { id: proposalId, type: "new_flow", status: "pending", publishedFlowId: null },
      select: { id: true, accountId: true, structure: true, sessions: { select: { session: { select: { id: true, problem: true, outcomeNotes: true, kind: true } } }, orderBy: { createdAt: "asc" }, take: 1 } },
    });
    const session = proposal?.sessions[0]?.session;
    if (!proposal || !session || session.kind !== "assistant") {
      outcomes.push("kept");
      continue;
    }
    const rows = await db.walkNode.findMany({ where: { sessionId: session.id }, orderBy: { seq: "asc" }, select: walkNodeSelect });
    const walk = walkFromNodes(rows as unknown as WalkNodeRow[]);
    let draft: DraftFlow;
    try {
      const parsed = modelDraftSchema.safeParse(await provider.draftFlow({ problem: session.problem, walk: rows.map(toContextNode) }));
      if (!parsed.success) throw new AiSuggestionError("The draft could not be used.", parsed.error.message);
      draft = parsed.data;
    } catch (error) {
      console.error(`[proposals] draftFlow for proposal ${proposalId} failed; keeping the walk-built flow:`, error instanceof AiSuggestionError ? `${error.message} ${error.causeText ?? ""}` : error);
      outcomes.push("kept");
      continue;
    }
    const structure = buildTreeFromWalk(walkFromDraft(draft, walk), closingOf(session), newId);
    if (validateStructure({ type: "troubleshooting", structure }).length) {
      outcomes.push("kept");
      continue;
    }
    const diff = diffStructures(null, structure);
    const description = draft.description.trim() || `Drafted from a resolved walk${session.problem ? ` for "${clip(session.problem, 300)}"` : ""}: ${diff.added.length} nodes. No similar flow was found.`;
    const updated = await db.$executeRaw`
      UPDATE "FlowProposal"
         SET "title" = ${clip(draft.name, 200)}, "description" = ${description}, "structure" = ${JSON.stringify(structure)}::jsonb,
             "diff" = ${JSON.stringify(diff)}::jsonb, "updatedAt" = now()
       WHERE "id" = ${proposal.id}::uuid AND "accountId" = ${proposal.accountId}::uuid AND "status" = 'pending'
         AND "publishedFlowId" IS NULL AND "structure" = ${JSON.stringify(proposal.structure)}::jsonb`;
    outcomes.push(updated ? "drafted" : "kept");
  }
  return outcomes;
}
