// AI-assisted sessions: a session of kind "assistant" whose walk is stored as WalkNode rows.
// - Every node id is assigned by the database (uuid), never by a provider or the browser.
// - The pending node (status pending) is stored, so a reload shows it without a provider call;
//   only a walk with no pending node asks the provider for the next one.
// - One node per position: unique (sessionId, seq). Two concurrent "next" requests may both ask
//   the provider, but only one node lands at that seq; the other request returns it.
// - Depth is capped (AI_MAX_DEPTH, default 25): node #cap (seq cap-1) can exist, never cap+1.
// - Provider failures never break the session: the error is a message, the walk stays usable.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Db, type Tx } from "@/lib/db/client";
import { AppError, forbidden, invalid, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { aiProviderFor } from "@/lib/ai/provider";
import { aiSettings } from "@/lib/ai/settings";
import { AiSuggestionError, type AiProvider, type SuggestContext, type Suggestion, type SuggestResult, type WalkAnswer, type WalkContextNode } from "@/lib/ai/types";
import type { Command } from "@/lib/flows/structure";
import { canChangeSession, visibleSessionsWhere } from "@/lib/sessions/access";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export type AssistantDeps = {
  /** The provider to ask (tests pass a counting mock); default: the configured one. */
  provider?: AiProvider;
  /** Depth cap; default AI_MAX_DEPTH. */
  maxDepth?: number;
};

export const PROBLEM_MAX = 2_000;
export const SUGGESTION_FAILED = "The assistant could not suggest a next step right now. Add a step yourself, write a note, or finish the session.";
export const NOTHING_TO_SUGGEST = "The assistant has nothing more to suggest from your library. Add a step yourself, write a note, or finish the session.";

export const walkNodeSelect = {
  id: true, seq: true, kind: true, title: true, body: true, answers: true, commands: true, status: true,
  answerId: true, answerLabel: true, result: true, provider: true, model: true, promptHash: true,
  sourceFlowId: true, sourceNodeId: true, sourceLibraryStepId: true, createdAt: true,
} as const satisfies Prisma.WalkNodeSelect;
export type WalkNodeRow = Prisma.WalkNodeGetPayload<{ select: typeof walkNodeSelect }>;

/** A short title from the problem: the history lists it as the session's flow name. */
export function titleFromProblem(problem: string): string {
  const line = problem.replace(/\s+/g, " ").trim();
  if (line.length <= 80) return line || "Assistant session";
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export const readAnswers = (value: unknown): WalkAnswer[] => (Array.isArray(value) ? (value as WalkAnswer[]) : []);
export const readCommands = (value: unknown): Command[] => (Array.isArray(value) ? (value as Command[]) : []);

export function toContextNode(row: WalkNodeRow): WalkContextNode {
  return {
    seq: row.seq, kind: row.kind, status: row.status, title: row.title, body: row.body,
    answers: readAnswers(row.answers), answerId: row.answerId, answerLabel: row.answerLabel,
    commands: readCommands(row.commands), result: row.result,
    sourceFlowId: row.sourceFlowId, sourceNodeId: row.sourceNodeId, sourceLibraryStepId: row.sourceLibraryStepId,
  };
}

/** Asks the provider; a failure or an unusable answer becomes a safe message (logged in full). */
async function ask(provider: AiProvider, context: SuggestContext): Promise<{ result: SuggestResult } | { error: string }> {
  try {
    return { result: await provider.suggestNext(context) };
  } catch (error) {
    console.error("[assistant] suggestion failed:", error instanceof AiSuggestionError ? `${error.message} ${error.causeText ?? ""}` : error);
    return { error: error instanceof AiSuggestionError ? error.message : SUGGESTION_FAILED };
  }
}

/** The row for a suggestion at `seq`: answers get server-assigned ids here. */
function nodeRow(accountId: string, sessionId: string, seq: number, suggestion: Suggestion, result: Pick<SuggestResult, "provider" | "model" | "promptHash">): Prisma.WalkNodeCreateManyInput {
  return {
    accountId, sessionId, seq,
    kind: suggestion.kind,
    title: suggestion.title.slice(0, 300),
    body: suggestion.body,
    answers: suggestion.kind === "question" ? suggestion.answers.map((a) => ({ id: crypto.randomUUID(), label: a.label.slice(0, 300), ...(a.source ? { source: a.source } : {}) })) : [],
    commands: suggestion.kind === "question" ? [] : suggestion.commands,
    status: "pending",
    provider: result.provider,
    model: result.model.slice(0, 100),
    promptHash: result.promptHash,
    sourceFlowId: suggestion.source?.flowId ?? null,
    sourceNodeId: suggestion.source?.nodeId ?? null,
    sourceLibraryStepId: suggestion.source?.libraryStepId ?? null,
  };
}

/**
 * Starts an AI-assisted session: a kind=assistant session owned by `ownerId` (default: the
 * viewer) with its first pending node. The provider is asked before anything is written; a
 * failed suggestion still creates the session (with `error`), which stays usable by hand.
 */
export async function startAssistantSession(
  viewer: Viewer,
  input: { problem: string; categoryId?: string | null; ownerId?: string | null },
  deps: AssistantDeps = {},
): Promise<{ sessionId: string; error?: string }> {
  const problem = input.problem.trim();
  if (!problem) throw invalid("Describe the problem first.", { problem: ["Describe the problem first."] });
  if (problem.length > PROBLEM_MAX) throw invalid(`Use at most ${PROBLEM_MAX} characters.`, { problem: [`Use at most ${PROBLEM_MAX} characters.`] });
  const ownerId = input.ownerId ?? viewer.id;
  const [owner, category] = await Promise.all([
    ownerId === viewer.id ? { id: viewer.id, teamId: viewer.teamId } : db.user.findFirst({ where: { id: ownerId, accountId: viewer.accountId }, select: { id: true, teamId: true } }),
    input.categoryId ? db.problemCategory.findFirst({ where: { id: input.categoryId, accountId: viewer.accountId }, select: { id: true } }) : null,
  ]);
  if (!owner) throw notFound("User");
  if (input.categoryId && !category) throw notFound("Problem category");

  const provider = deps.provider ?? aiProviderFor({ client: db, viewer });
  const asked = await ask(provider, { problem, walk: [] });
  const sessionId = await db.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: {
        accountId: viewer.accountId, teamId: owner.teamId, kind: "assistant", flowId: null, flowVersionId: null,
        flowName: titleFromProblem(problem), flowType: "troubleshooting", problem, categoryId: category?.id ?? null,
        ownerId: owner.id, status: "active", startedAt: new Date(),
      },
      select: { id: true },
    });
    if ("result" in asked && asked.result.suggestion) {
      await tx.walkNode.create({ data: nodeRow(viewer.accountId, session.id, 0, asked.result.suggestion, asked.result) as Prisma.WalkNodeUncheckedCreateInput, select: { id: true } });
    }
    return session.id;
  });
  if ("error" in asked) return { sessionId, error: asked.error };
  if (!asked.result.suggestion) return { sessionId, error: NOTHING_TO_SUGGEST };
  return { sessionId };
}

type AssistantSessionRow = { id: string; accountId: string; ownerId: string | null; assigneeId: string | null; status: string; problem: string; kind: string; outcome: string | null };

/** An assistant session the viewer may change, its row locked inside `tx`. */
export async function getChangeableAssistantSessionOrThrow(tx: Tx, viewer: Viewer, sessionId: string, options: { allowCompleted?: boolean } = {}): Promise<AssistantSessionRow> {
  await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId}::uuid AND "accountId" = ${viewer.accountId}::uuid FOR UPDATE`;
  const session = await tx.session.findFirst({
    where: { AND: [{ id: sessionId, kind: "assistant" }, visibleSessionsWhere(viewer)] },
    select: { id: true, accountId: true, ownerId: true, assigneeId: true, status: true, problem: true, kind: true, outcome: true },
  });
  if (!session) throw notFound("Session");
  if (!canChangeSession(viewer, session)) throw forbidden("Only the engineer running this session, its assignee or an admin can change it.");
  if (session.status === "completed" && !options.allowCompleted) throw new AppError("conflict", "This session is completed and read-only.");
  return session;
}

export async function loadWalk(client: Db | Tx, sessionId: string): Promise<WalkNodeRow[]> {
  return client.walkNode.findMany({ where: { sessionId }, orderBy: { seq: "asc" }, select: walkNodeSelect });
}

export type NextResult =
  | { kind: "pending"; node: WalkNodeRow; created: boolean }
  | { kind: "at_cap" }
  | { kind: "error"; message: string }
  | { kind: "nothing"; message: string };

/**
 * The walk's next node: the stored pending node when there is one (no provider call), else a
 * new suggestion appended at the next seq — unless the walk is at its depth cap.
 */
export async function nextSuggestion(viewer: Viewer, sessionId: string, deps: AssistantDeps = {}): Promise<NextResult> {
  const maxDepth = deps.maxDepth ?? aiSettings().maxDepth;
  const { session, walk } = await db.$transaction(async (tx) => {
    const session = await getChangeableAssistantSessionOrThrow(tx, viewer, sessionId);
    return { session, walk: await loadWalk(tx, sessionId) };
  });
  const pending = walk.find((n) => n.status === "pending");
  if (pending) return { kind: "pending", node: pending, created: false };
  if (walk.length >= maxDepth) return { kind: "at_cap" };

  const provider = deps.provider ?? aiProviderFor({ client: db, viewer });
  const asked = await ask(provider, { problem: session.problem, walk: walk.map(toContextNode) });
  if ("error" in asked) return { kind: "error", message: asked.error };
  if (!asked.result.suggestion) return { kind: "nothing", message: NOTHING_TO_SUGGEST };

  const seq = walk.length;
  // ON CONFLICT DO NOTHING on (sessionId, seq): a concurrent request that got there first wins,
  // and this one returns its node. The session must still be open.
  const inserted = await db.$transaction(async (tx) => {
    await getChangeableAssistantSessionOrThrow(tx, viewer, sessionId);
    // A manual step added meanwhile took this seq: keep the walk as it is (the runner reloads).
    if ((await tx.walkNode.count({ where: { sessionId } })) > seq) {
      return { created: false, node: await tx.walkNode.findFirst({ where: { sessionId, status: "pending" }, select: walkNodeSelect }) };
    }
    const { count } = await tx.walkNode.createMany({ data: [nodeRow(viewer.accountId, sessionId, seq, asked.result.suggestion!, asked.result)], skipDuplicates: true });
    const node = await tx.walkNode.findUnique({ where: { sessionId_seq: { sessionId, seq } }, select: walkNodeSelect });
    return { created: count === 1, node };
  });
  if (!inserted.node) return { kind: "error", message: "The walk changed meanwhile. Reload to see it." };
  return { kind: "pending", node: inserted.node, created: inserted.created };
}
