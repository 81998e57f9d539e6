// Proposal analysis of one completed session (SPEC §8, issue 12). Called after the completing
// request (after() in completeSession) and by the cron sweep; whichever comes first claims the
// session with a conditional UPDATE … WHERE "analysedAt" IS NULL inside the transaction that
// writes the proposal, so a crash rolls the claim back (the sweep retries) and nothing is
// analysed twice.
//
// What proposes:
// - Only a troubleshooting outcome of `resolved` proposes from a walk. partially_resolved does
//   not: a partial fix is not something to publish as the way to solve a problem. unresolved,
//   escalated and aborted propose nothing. Every completed session is still marked analysed.
// - Assistant walks (kind = assistant): the most similar published flow of the account (the
//   flows the walk's suggestions came from, and findSimilar over the problem text) → exact
//   path: the flow's reinforcedCount + 1 (auto_reinforced: a counter, no proposal row, since there
//   is nothing to review); off the path: enhancement / branch_addition with a diff against that
//   flow's current published version; nothing similar (or nothing expressible): new_flow.
// - L1 flow sessions (kind = flow with a category): the runner only follows the flow's own
//   answers, so a resolved walk matches it exactly → reinforcedCount + 1.
// - Procedure sessions of any kind (completed / completed_with_issues): each custom step that
//   another completed session of the same procedure also added (same normalised title after
//   the same flow step) → an enhancement inserting it there, citing those sessions.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { appLink } from "@/lib/env";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import { readStructure, validateStructure, type FlowType, type ProcedureStructure, type TreeStructure } from "@/lib/flows/structure";
import type { CustomStep, StepStates } from "@/lib/sessions/runtime";
import { alignWalk, applyAlignment, buildTreeFromWalk, type Alignment, type Closing } from "./classify";
import { confidence, SUPPORT_WEIGHT, walkQuality } from "./confidence";
import { diffStructures, diffSummary, type ProposalDiff } from "./diff";
import { customStepFingerprint, flowChangeFingerprint, newFlowFingerprint } from "./fingerprint";
import { findSimilarByTrigram, type FindSimilar } from "./similar";
import { normaliseText, walkFromNodes, type WalkItem, type WalkNodeRow } from "./walk";

/** A flow this similar (0–1) or more is "similar": the walk is compared with it. */
export const SIMILAR_THRESHOLD = 0.45;
/** Candidate flows compared per walk. */
const CANDIDATES = 3;
/** Other completed sessions of a procedure read for the custom-step rule (newest first). */
const CUSTOM_STEP_WINDOW = 200;

export type AnalysisResult =
  | { kind: "skipped" }
  | { kind: "analysed"; reinforcedFlowId: string | null; proposalIds: string[] };

export type AnalyseOptions = { findSimilar?: FindSimilar; newId?: () => string };

type Claimed = {
  id: string; accountId: string; teamId: string | null; ownerId: string | null; kind: "flow" | "assistant";
  flowId: string | null; flowType: FlowType; categoryId: string | null; outcome: string | null;
  problem: string; flowName: string; outcomeNotes: string; customSteps: CustomStep[];
};

type NewProposal = {
  type: "new_flow" | "enhancement" | "branch_addition";
  targetFlowId: string | null;
  targetVersion: number | null;
  flowType: FlowType;
  title: string;
  description: string;
  /** Confidence before support (supportCount 0); the support part is added in SQL with the links. */
  baseConfidence: number;
  diff: ProposalDiff;
  structure: unknown;
  fingerprint: string;
  sessionIds: string[];
};

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/**
 * Upserts the proposal and links its sessions. The proposal row is inserted with support 0 or,
 * when the same change (account, target, fingerprint) exists, left in place; the links go in
 * ON CONFLICT DO NOTHING, and support moves by the number of links actually inserted, in SQL
 * (a session counts once per proposal however often it is cited), with the support part of the
 * confidence moving with it.
 */
async function upsertProposal(tx: Tx, accountId: string, p: NewProposal): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string; created: boolean }[]>`
    INSERT INTO "FlowProposal" (id, "accountId", type, "targetFlowId", "targetVersion", "targetKey", "flowType", title, description,
                                confidence, diff, structure, fingerprint, "supportCount", "updatedAt")
    VALUES (uuidv7(), ${accountId}::uuid, ${p.type}::"ProposalType", ${p.targetFlowId}::uuid, ${p.targetVersion}, ${p.targetFlowId ?? ""},
            ${p.flowType}::"FlowType", ${clip(p.title, 200)}, ${p.description}, ${p.baseConfidence}, ${JSON.stringify(p.diff)}::jsonb,
            ${JSON.stringify(p.structure)}::jsonb, ${p.fingerprint}, 0, now())
    ON CONFLICT ("accountId", "targetKey", fingerprint) DO UPDATE SET "updatedAt" = now()
    RETURNING id, (xmax = 0) AS created`;
  // A new proposal (not more support for one that exists) tells the account's webhooks, in this
  // transaction: a rolled-back analysis sends nothing.
  if (row.created) {
    await emitWebhookEvent(tx, {
      accountId,
      type: "proposal.created",
      payload: { proposal: { id: row.id, url: appLink(`/proposals/${row.id}`), type: p.type, title: p.title, targetFlowId: p.targetFlowId, confidence: p.baseConfidence, sessionIds: p.sessionIds } },
    });
  }
  const linked = await tx.$executeRaw`
    INSERT INTO "ProposalSession" ("proposalId", "sessionId")
    SELECT ${row.id}::uuid, s FROM unnest(${p.sessionIds}::uuid[]) AS s
    ON CONFLICT DO NOTHING`;
  if (linked > 0) {
    await tx.$executeRaw`
      UPDATE "FlowProposal"
      SET "supportCount" = "supportCount" + ${linked},
          confidence = LEAST(1, confidence + ${SUPPORT_WEIGHT} * (1.0 / ("supportCount" + 1) - 1.0 / ("supportCount" + ${linked} + 1))),
          "updatedAt" = now()
      WHERE id = ${row.id}::uuid`;
  }
  return row.id;
}

async function currentVersion(tx: Tx, accountId: string, flowId: string) {
  return tx.flow.findFirst({
    where: { id: flowId, accountId, status: "published", isActive: true },
    select: { id: true, name: true, type: true, versions: { select: { version: true, structure: true }, orderBy: { version: "desc" }, take: 1 } },
  });
}

export function closingOf(session: Pick<Claimed, "outcomeNotes">): Closing {
  const notes = session.outcomeNotes.trim();
  return { title: notes ? clip(notes.split("\n")[0], 200) : "Resolved", resolution: notes };
}

/** The session's walk shape: its accepted / edited WalkNode rows, in order. */
async function loadWalk(tx: Tx, sessionId: string): Promise<WalkItem[]> {
  const rows = await tx.walkNode.findMany({
    where: { sessionId },
    orderBy: { seq: "asc" },
    select: {
      kind: true, title: true, body: true, answers: true, commands: true, status: true, answerId: true, answerLabel: true,
      result: true, sourceFlowId: true, sourceNodeId: true,
    },
  });
  return walkFromNodes(rows as WalkNodeRow[]);
}

/** Flows to compare a walk with: those its suggestions came from (share of nodes as score), then findSimilar's. */
async function candidates(tx: Tx, session: Claimed, walk: WalkItem[], findSimilar: FindSimilar) {
  const scores = new Map<string, number>();
  for (const item of walk) if (item.source) scores.set(item.source.flowId, (scores.get(item.source.flowId) ?? 0) + 1 / walk.length);
  const text = [session.problem, session.flowName].filter(Boolean).join(" ");
  const viewer = { id: session.ownerId ?? session.id, accountId: session.accountId, teamId: session.teamId, role: "admin" as const };
  for (const found of await findSimilar(tx, viewer, text, { limit: CANDIDATES, types: ["troubleshooting"] })) {
    scores.set(found.flowId, Math.max(scores.get(found.flowId) ?? 0, found.score));
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CANDIDATES);
}

async function analyseWalk(tx: Tx, session: Claimed, options: Required<AnalyseOptions>): Promise<{ reinforced: string | null; proposals: NewProposal[] }> {
  const walk = await loadWalk(tx, session.id);
  if (!walk.length) return { reinforced: null, proposals: [] };
  const closing = closingOf(session);
  const quality = walkQuality(walk);
  let best: { flowId: string; name: string; version: number; tree: TreeStructure; score: number; alignment: Extract<Alignment, { insertions: unknown }> } | null = null;
  let bestScore = 0;
  for (const [flowId, score] of await candidates(tx, session, walk, options.findSimilar)) {
    const flow = await currentVersion(tx, session.accountId, flowId);
    const version = flow?.versions[0];
    if (!flow || !version || flow.type !== "troubleshooting") continue;
    bestScore = Math.max(bestScore, score);
    if (score < SIMILAR_THRESHOLD) continue;
    const typed = readStructure("troubleshooting", version.structure);
    if (typed.type !== "troubleshooting") continue;
    const alignment = alignWalk(walk, typed.structure, flow.id);
    if (alignment.kind === "exact") {
      await tx.$executeRaw`UPDATE "Flow" SET "reinforcedCount" = "reinforcedCount" + 1 WHERE id = ${flow.id}::uuid AND "accountId" = ${session.accountId}::uuid`;
      return { reinforced: flow.id, proposals: [] };
    }
    if (alignment.kind !== "diverged" && (!best || score > best.score)) {
      best = { flowId: flow.id, name: flow.name, version: version.version, tree: typed.structure, score, alignment };
    }
  }
  if (best) {
    const structure = applyAlignment(best.tree, best.alignment, closing, options.newId);
    if (!validateStructure({ type: "troubleshooting", structure }).length) {
      const { alignment } = best;
      const stepCount = alignment.insertions.reduce((n, i) => n + i.items.length, 0);
      const title = alignment.branch
        ? `New answer "${clip(alignment.branch.label, 60)}" in "${best.name}"`
        : `Add ${stepCount} step${stepCount === 1 ? "" : "s"} to "${best.name}"`;
      const diff = diffStructures(best.tree, structure);
      return {
        reinforced: null,
        proposals: [{
          type: alignment.kind, targetFlowId: best.flowId, targetVersion: best.version, flowType: "troubleshooting", title,
          description: `A resolved walk for "${clip(session.problem || session.flowName, 200)}" went off version ${best.version} of this flow (${diffSummary(diff)}).`,
          baseConfidence: confidence({ sessions: 0, quality, match: best.score }), diff, structure,
          fingerprint: flowChangeFingerprint(alignment.insertions, alignment.branch), sessionIds: [session.id],
        }],
      };
    }
  }
  const structure = buildTreeFromWalk(walk, closing, options.newId);
  if (validateStructure({ type: "troubleshooting", structure }).length) return { reinforced: null, proposals: [] };
  const diff = diffStructures(null, structure);
  return {
    reinforced: null,
    proposals: [{
      type: "new_flow", targetFlowId: null, targetVersion: null, flowType: "troubleshooting",
      title: session.flowName || clip(session.problem, 200) || "New flow",
      description: `Built from a resolved walk${session.problem ? ` for "${clip(session.problem, 300)}"` : ""}: ${diff.added.length} nodes. No similar flow was found.`,
      baseConfidence: confidence({ sessions: 0, quality, match: 1 - bestScore }), diff, structure,
      fingerprint: newFlowFingerprint(walk), sessionIds: [session.id],
    }],
  };
}

/** The flow step a custom step ends up after (following chains of custom steps), or null. */
function anchorOf(custom: CustomStep, byId: Map<string, CustomStep>): string | null {
  let anchor = custom.afterId;
  const seen = new Set<string>();
  while (anchor && byId.has(anchor) && !seen.has(anchor)) {
    seen.add(anchor);
    anchor = byId.get(anchor)!.afterId;
  }
  return anchor;
}

async function analyseCustomSteps(tx: Tx, session: Claimed, options: Required<AnalyseOptions>): Promise<NewProposal[]> {
  if (!session.flowId || !session.customSteps.length) return [];
  const flow = await currentVersion(tx, session.accountId, session.flowId);
  const version = flow?.versions[0];
  if (!flow || !version || flow.type === "troubleshooting") return [];
  const typed = readStructure(flow.type, version.structure);
  if (typed.type === "troubleshooting") return [];
  const procedure: ProcedureStructure = typed.structure;
  const stepIds = new Set(procedure.steps.map((s) => s.id));

  const keyed = (steps: CustomStep[]) => {
    const byId = new Map(steps.map((c) => [c.id, c]));
    const out = new Map<string, { anchor: string | null; step: CustomStep }>();
    for (const step of steps) {
      const anchor = anchorOf(step, byId);
      if (anchor !== null && !stepIds.has(anchor)) continue;
      if (!normaliseText(step.title)) continue;
      const fingerprint = customStepFingerprint(anchor, step.title);
      if (!out.has(fingerprint)) out.set(fingerprint, { anchor, step });
    }
    return out;
  };
  const mine = keyed(session.customSteps);
  if (!mine.size) return [];

  const others = await tx.$queryRaw<{ id: string; customSteps: CustomStep[]; stepStates: StepStates }[]>`
    SELECT id, "customSteps", "stepStates" FROM "Session"
    WHERE "flowId" = ${session.flowId}::uuid AND "accountId" = ${session.accountId}::uuid AND status = 'completed'
      AND id <> ${session.id}::uuid AND outcome IN ('completed', 'completed_with_issues') AND jsonb_array_length("customSteps") > 0
    ORDER BY "createdAt" DESC
    LIMIT ${CUSTOM_STEP_WINDOW}`;
  const citing = new Map<string, { id: string; done: boolean }[]>();
  for (const other of others) {
    for (const [fingerprint, { step }] of keyed(other.customSteps)) {
      if (mine.has(fingerprint)) citing.set(fingerprint, [...(citing.get(fingerprint) ?? []), { id: other.id, done: other.stepStates?.[step.id]?.status === "done" }]);
    }
  }
  const [states] = await tx.$queryRaw<{ stepStates: StepStates }[]>`SELECT "stepStates" FROM "Session" WHERE id = ${session.id}::uuid`;
  const proposals: NewProposal[] = [];
  for (const [fingerprint, { anchor, step }] of mine) {
    const cited = citing.get(fingerprint);
    if (!cited?.length) continue;
    const supporters = [{ id: session.id, done: states?.stepStates?.[step.id]?.status === "done" }, ...cited];
    const inserted = {
      id: options.newId(), type: "procedure_step" as const, title: clip(step.title.trim(), 200), description: step.instructions,
      expectedOutcome: "", commands: step.commands, contentType: "action" as const, libraryVisibility: null,
    };
    const steps = [...procedure.steps];
    const at = anchor === null ? 0 : steps.findIndex((s) => s.id === anchor) + 1;
    steps.splice(at, 0, inserted);
    const structure: ProcedureStructure = { steps };
    if (validateStructure({ type: flow.type, structure }).length) continue;
    const anchorTitle = anchor ? procedure.steps.find((s) => s.id === anchor)?.title : null;
    proposals.push({
      type: "enhancement", targetFlowId: flow.id, targetVersion: version.version, flowType: flow.type,
      title: `Add "${clip(step.title.trim(), 80)}" to "${flow.name}"`,
      description: `${supporters.length} completed sessions added this step ${anchorTitle ? `after "${anchorTitle}"` : "at the start"}.`,
      baseConfidence: confidence({ sessions: 0, quality: supporters.filter((s) => s.done).length / supporters.length, match: 1 }),
      diff: diffStructures(procedure, structure), structure, fingerprint, sessionIds: supporters.map((s) => s.id),
    });
  }
  return proposals;
}

/**
 * Claims and analyses one session through `db`. Returns "skipped" when it was not completed or
 * someone else already claimed it.
 */
export async function analyseSession(db: Db, sessionId: string, options: AnalyseOptions = {}): Promise<AnalysisResult> {
  const opts: Required<AnalyseOptions> = { findSimilar: options.findSimilar ?? findSimilarByTrigram, newId: options.newId ?? randomUUID };
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Claimed[]>`
      UPDATE "Session" SET "analysedAt" = now()
      WHERE id = ${sessionId}::uuid AND "analysedAt" IS NULL AND status = 'completed'
      RETURNING id, "accountId", "teamId", "ownerId", kind::text AS kind, "flowId", "flowType"::text AS "flowType", "categoryId",
                outcome::text AS outcome, problem, "flowName", "outcomeNotes", "customSteps"`;
    const session = claimed[0];
    if (!session) return { kind: "skipped" } as const;
    let reinforced: string | null = null;
    const proposals: NewProposal[] = [];
    if (session.flowType !== "troubleshooting" && (session.outcome === "completed" || session.outcome === "completed_with_issues")) {
      proposals.push(...(await analyseCustomSteps(tx, session, opts)));
    }
    if (session.flowType === "troubleshooting" && session.outcome === "resolved") {
      if (session.kind === "assistant") {
        const walk = await analyseWalk(tx, session, opts);
        reinforced = walk.reinforced;
        proposals.push(...walk.proposals);
      } else if (session.categoryId && session.flowId) {
        const { count } = await tx.flow.updateMany({ where: { id: session.flowId, accountId: session.accountId }, data: { reinforcedCount: { increment: 1 } } });
        if (count) reinforced = session.flowId;
      }
    }
    const proposalIds: string[] = [];
    for (const proposal of proposals) proposalIds.push(await upsertProposal(tx, session.accountId, proposal));
    return { kind: "analysed", reinforcedFlowId: reinforced, proposalIds } as const;
  }, { timeout: 30_000, maxWait: 10_000 });
}

/**
 * analyseSession through the app's client (server code: the completion hook); then, with a
 * model provider configured, its new_flow proposals are drafted by the model (lib/proposals/draft.ts).
 */
export async function analyseCompletedSession(sessionId: string, options: AnalyseOptions = {}): Promise<AnalysisResult> {
  const { db } = await import("@/lib/db/client");
  const result = await analyseSession(db, sessionId, options);
  if (result.kind === "analysed" && result.proposalIds.length) {
    const { aiSettings } = await import("@/lib/ai/settings");
    const settings = aiSettings();
    if (settings.provider !== "offline") {
      const [{ languageModelFor, modelProvider }, { draftNewFlowProposals }] = await Promise.all([import("@/lib/ai/model-provider"), import("./draft")]);
      await draftNewFlowProposals(db, result.proposalIds, modelProvider({ name: settings.provider, modelId: settings.model, model: languageModelFor(settings) }));
    }
  }
  return result;
}

export type SweepResult = { analysed: number; proposed: number; reinforced: number; errors: number };

/** Completed sessions analysed per cron tick; the rest wait for the next one. */
export const SESSIONS_PER_SWEEP = 50;

/**
 * The cron tick's sweep: completed sessions nobody analysed yet (the after() hook did not run:
 * a crash, a deploy), oldest first, through the partial index Session_unanalysed_idx. Each is
 * claimed by its own analysis, so a concurrent tick or hook never analyses one twice; one that
 * fails rolls back alone and is retried next tick.
 */
export async function sweepUnanalysedSessions(db: Db, options: AnalyseOptions & { limit?: number } = {}): Promise<SweepResult> {
  const limit = options.limit ?? SESSIONS_PER_SWEEP;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Session" WHERE status = 'completed' AND "analysedAt" IS NULL
    ORDER BY "completedAt" LIMIT ${limit}`;
  const result: SweepResult = { analysed: 0, proposed: 0, reinforced: 0, errors: 0 };
  for (const { id } of rows) {
    try {
      const outcome = await analyseSession(db, id, options);
      if (outcome.kind === "analysed") {
        result.analysed++;
        result.proposed += outcome.proposalIds.length;
        if (outcome.reinforcedFlowId) result.reinforced++;
      }
    } catch (error) {
      result.errors++;
      console.error(`[proposals] analysis of session ${id} failed`, error);
    }
  }
  return result;
}


