// Which flow an L1 problem goes to. Retrieval itself is the assistant's (lib/ai/retrieve.ts:
// full-text rank weighted title > body, plus pg_trgm similarity of the title, scored 0–1).
import "server-only";
import { findSimilarFlows } from "@/lib/ai/retrieve";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/**
 * A flow scoring at or above this is walked (the normal runner); below it the tech gets an
 * assistant-built walk. 0.35 ≈ "the title's key word matched and the body agrees": one
 * incidental word scores ≈ 0.25, a problem naming the flow's subject ≈ 0.5+. The tech can always
 * override with "use this flow" or "ad hoc".
 */
export const L1_MATCH_THRESHOLD = 0.35;
/** How many candidates the intake shows. */
export const L1_MATCH_LIMIT = 3;

export type FlowMatch = { flowId: string; name: string; type: string; score: number; aboveThreshold: boolean };

/** L1 techs walk troubleshooting flows and procedures (maintenance runs are engineers' batches). */
export async function matchFlows(user: Viewer, problem: string): Promise<FlowMatch[]> {
  // The problem alone: with the category's name added ("Printers …") every problem in that
  // category would match its flows above the threshold, whatever the tech described.
  const found = await findSimilarFlows(db, user, problem, { limit: L1_MATCH_LIMIT, types: ["troubleshooting", "procedural"] });
  return found.map((f) => ({ ...f, aboveThreshold: f.score >= L1_MATCH_THRESHOLD }));
}
