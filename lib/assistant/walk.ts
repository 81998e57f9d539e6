// AI-assisted sessions: a session of kind "assistant" whose walk is stored as WalkNode rows.
// - Every node id is assigned by the database (uuid), never by a provider or the browser.
// - The pending node (status pending) is stored, so a reload shows it without a provider call;
//   only a walk with no pending node asks the provider for the next one.
// - One provider call per position: before asking, a request claims the next seq (a WalkClaim
//   row, under the session's row lock). Two concurrent "next" requests → one call; the other
//   waits for that node. The claim goes with the node's insert, or when the call fails. And
//   one node per position: unique (sessionId, seq).
// - Depth is capped (AI_MAX_DEPTH, default 25): node #cap (seq cap-1) can exist, never cap+1.
// - Provider failures never break the session: the error is a message, the walk stays usable.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Db, type Tx } from "@/lib/db/client";
import { AppError, forbidden, invalid, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { aiProviderFor } from "@/lib/ai/provider";
import { MODEL_TIMEOUT_MS } from "@/lib/ai/model-provider";
import { aiSettings } from "@/lib/ai/settings";
import { AiSuggestionError, type AiProvider, type SuggestContext, type Suggestion, type SuggestResult, type WalkAnswer, type WalkContextNode } from "@/lib/ai/types";
import type { Command } from "@/lib/flows/structure";
import { canChangeSession, visibleSessionsWhere } from "@/lib/sessions/access";
import { PROBLEM_MAX } from "./limits";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export type AssistantDeps = {
  /** The provider to ask (tests pass a counting mock); default: the configured one. */
  provider?: AiProvider;
  /** Depth cap; default AI_MAX_DEPTH. */
  maxDepth?: number;
};

export { PROBLEM_MAX };
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

/** Waiting for the engineer: pending, or edited and not yet answered / marked. */
export function isOpen(node: Pick<WalkNodeRow, "status" | "kind" | "answerId" | "result">): boolean {
  if (node.status === "pending") return true;
  if (node.status !== "edited") return false;
  return node.kind === "question" ? node.answerId === null : node.result === null;
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
  | { kind: "nothing"; message: string }
  | { kind: "busy"; message: string };

export const ALREADY_THINKING = "The assistant is still thinking about the next step. Reload in a moment to see it.";

/** A claim older than this was abandoned (its request died): the model timeout and a margin. */
export const WALK_CLAIM_STALE_MS = MODEL_TIMEOUT_MS * 2 + 10_000;
/** How long a request that lost the claim waits for the winner's node. */
const CLAIM_WAIT_MS = MODEL_TIMEOUT_MS * 2 + 5_000;
const CLAIM_POLL_MS = 150;

type Claimed =
  | { kind: "open"; node: WalkNodeRow }
  | { kind: "at_cap" }
  | { kind: "won"; problem: string; walk: WalkNodeRow[]; claimedAt: Date }
  | { kind: "lost"; seq: number };

/**
 * Under the session's row lock: the open node if there is one, else the claim on the next seq.
 * The claim is taken when nobody holds it, or when the holder's claim is for an earlier seq
 * (already filled) or abandoned.
 */
async function claimNext(viewer: Viewer, sessionId: string, maxDepth: number): Promise<Claimed> {
  return db.$transaction(async (tx) => {
    const session = await getChangeableAssistantSessionOrThrow(tx, viewer, sessionId);
    const walk = await loadWalk(tx, sessionId);
    const open = walk.find(isOpen);
    if (open) return { kind: "open", node: open };
    if (walk.length >= maxDepth) return { kind: "at_cap" };
    const seq = walk.length;
    const won = await tx.$queryRaw<{ claimedAt: Date }[]>`
      INSERT INTO "WalkClaim" ("sessionId", "seq", "claimedAt") VALUES (${sessionId}::uuid, ${seq}, clock_timestamp())
      ON CONFLICT ("sessionId") DO UPDATE SET "seq" = EXCLUDED."seq", "claimedAt" = EXCLUDED."claimedAt"
       WHERE "WalkClaim"."seq" < EXCLUDED."seq"
          OR "WalkClaim"."claimedAt" < clock_timestamp() - make_interval(secs => ${WALK_CLAIM_STALE_MS / 1000})
      RETURNING "claimedAt"`;
    return won.length ? { kind: "won", problem: session.problem, walk, claimedAt: won[0].claimedAt } : { kind: "lost", seq };
  });
}

/** Lets go of this request's claim (a later claim, by a request that took over, stays). */
async function releaseClaim(client: Db | Tx, sessionId: string, claimedAt: Date) {
  await client.walkClaim.deleteMany({ where: { sessionId, claimedAt } });
}

/** The loser of a claim: the winner's node once it lands; "again" when the claim went without one. */
async function waitForClaimedNode(sessionId: string, seq: number): Promise<WalkNodeRow | "again" | null> {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
    const [node, claim] = await Promise.all([
      db.walkNode.findFirst({ where: { sessionId, seq: { gte: seq } }, orderBy: { seq: "desc" }, select: walkNodeSelect }),
      db.walkClaim.findUnique({ where: { sessionId }, select: { seq: true } }),
    ]);
    if (node) return isOpen(node) ? node : "again";
    if (!claim || claim.seq !== seq) return "again";
  }
  return null;
}

/**
 * The walk's next node: the stored pending node when there is one (no provider call), else a
 * new suggestion appended at the next seq — unless the walk is at its depth cap. Only the
 * request holding the claim on that seq asks the provider.
 */
export async function nextSuggestion(viewer: Viewer, sessionId: string, deps: AssistantDeps = {}): Promise<NextResult> {
  const maxDepth = deps.maxDepth ?? aiSettings().maxDepth;
  for (let attempt = 0; attempt < 3; attempt++) {
    const claimed = await claimNext(viewer, sessionId, maxDepth);
    if (claimed.kind === "open") return { kind: "pending", node: claimed.node, created: false };
    if (claimed.kind === "at_cap") return { kind: "at_cap" };
    if (claimed.kind === "lost") {
      const waited = await waitForClaimedNode(sessionId, claimed.seq);
      if (waited === "again") continue;
      if (!waited) return { kind: "busy", message: ALREADY_THINKING };
      return { kind: "pending", node: waited, created: false };
    }
    return askAndInsert(viewer, sessionId, claimed, deps);
  }
  return { kind: "busy", message: ALREADY_THINKING };
}

async function askAndInsert(viewer: Viewer, sessionId: string, claimed: Extract<Claimed, { kind: "won" }>, deps: AssistantDeps): Promise<NextResult> {
  const { walk, claimedAt } = claimed;
  let released = false;
  try {
    const provider = deps.provider ?? aiProviderFor({ client: db, viewer });
    const asked = await ask(provider, { problem: claimed.problem, walk: walk.map(toContextNode) });
    if ("error" in asked) return { kind: "error", message: asked.error };
    if (!asked.result.suggestion) return { kind: "nothing", message: NOTHING_TO_SUGGEST };

    const seq = walk.length;
    // The node and the claim's release in one transaction: a waiting request sees the node, or
    // the claim still held. ON CONFLICT DO NOTHING on (sessionId, seq) keeps one node per seq.
    const inserted = await db.$transaction(async (tx) => {
      await getChangeableAssistantSessionOrThrow(tx, viewer, sessionId);
      await releaseClaim(tx, sessionId, claimedAt);
      released = true;
      // A manual step added meanwhile took this seq: keep the walk as it is (the runner reloads).
      if ((await tx.walkNode.count({ where: { sessionId } })) > seq) {
        return { created: false, node: (await loadWalk(tx, sessionId)).find(isOpen) ?? null };
      }
      const { count } = await tx.walkNode.createMany({ data: [nodeRow(viewer.accountId, sessionId, seq, asked.result.suggestion!, asked.result)], skipDuplicates: true });
      const node = await tx.walkNode.findUnique({ where: { sessionId_seq: { sessionId, seq } }, select: walkNodeSelect });
      return { created: count === 1, node };
    }).catch((error: unknown) => {
      released = false; // rolled back with the transaction
      throw error;
    });
    if (!inserted.node) return { kind: "error", message: "The walk changed meanwhile. Reload to see it." };
    return { kind: "pending", node: inserted.node, created: inserted.created };
  } finally {
    if (!released) await releaseClaim(db, sessionId, claimedAt);
  }
}
