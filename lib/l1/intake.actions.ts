"use server";
// The L1 intake: a category and the problem in the tech's words → the best matching flow
// (walked in the normal runner) or, below the match threshold, an assistant-built walk.
// An explicit "use this flow" or "ad hoc" choice is honoured as given.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { startAssistantSession } from "@/lib/assistant/walk";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { getRunnableFlowOrThrow } from "@/lib/flows/access";
import { readVariables } from "@/lib/flows/variables";
import { defaultsOf, newSessionRow } from "@/lib/sessions/new-session";
import { categoriesWhere } from "./access";
import { matchFlowsSchema, startL1SessionSchema } from "./l1.validation";
import { matchFlows, type FlowMatch } from "./matching";

async function categoryOrThrow(user: CurrentUser, categoryId: string) {
  const category = await db.problemCategory.findFirst({ where: { AND: [{ id: categoryId }, categoriesWhere(user)] }, select: { id: true, name: true } });
  if (!category) throw notFound("Category");
  return category;
}

/** Starts a flow session as "Start" does, carrying the L1 category and problem. */
async function startFlowSession(user: CurrentUser, flowId: string, l1: { categoryId: string; problem: string }) {
  const { flow, version } = await getRunnableFlowOrThrow(user, flowId);
  if (flow.type === "maintenance") throw conflict("Maintenance runs are started from the maintenance hub.");
  return db.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: {
        ...newSessionRow({ accountId: user.accountId, teamId: user.teamId, flow, version, status: "active", ownerId: user.id, variables: defaultsOf(readVariables(version.variables)) }),
        problem: l1.problem,
        categoryId: l1.categoryId,
      },
      select: { id: true },
    });
    await tx.flow.update({ where: { id: flow.id }, data: { usageCount: { increment: 1 } } });
    return created.id;
  });
}

/** The candidates the intake shows (best first, each marked above or below the threshold). */
export const previewFlowMatches = authedAction({ schema: matchFlowsSchema }, async ({ categoryId, problem }, user): Promise<FlowMatch[]> => {
  await categoryOrThrow(user, categoryId);
  return matchFlows(user, problem);
});

export const startL1Session = authedAction({ schema: startL1SessionSchema }, async ({ categoryId, problem, choice }, user) => {
  const category = await categoryOrThrow(user, categoryId);
  let flowId: string | null = null;
  if (choice.kind === "flow") flowId = choice.flowId;
  else if (choice.kind === "auto") flowId = (await matchFlows(user, problem)).find((m) => m.aboveThreshold)?.flowId ?? null;

  let result: { sessionId: string; kind: "flow" | "assistant"; error?: string };
  if (flowId) {
    result = { sessionId: await startFlowSession(user, flowId, { categoryId: category.id, problem }), kind: "flow" };
  } else {
    const started = await startAssistantSession(user, { problem, categoryId: category.id });
    result = { sessionId: started.sessionId, kind: "assistant", error: started.error };
  }
  revalidatePath("/l1");
  revalidatePath("/sessions");
  return { ...result, href: `/sessions/${result.sessionId}` };
});
