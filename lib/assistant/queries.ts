// Reads behind an assistant session's page, scoped by visibleSessionsWhere inside the query.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { aiSettings } from "@/lib/ai/settings";
import { canChangeSession, canEditSessionNotes, visibleSessionsWhere } from "@/lib/sessions/access";
import type { SessionView } from "@/lib/sessions/queries";
import { isOpen, readAnswers, readCommands, walkNodeSelect } from "./walk";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The kind of a session this viewer sees (the session page branches on it); null: not found. */
export async function visibleSessionKind(viewer: Viewer, sessionId: string): Promise<"flow" | "assistant" | null> {
  if (!isUuid(sessionId)) return null;
  const row = await db.session.findFirst({ where: { AND: [{ id: sessionId }, visibleSessionsWhere(viewer)] }, select: { kind: true } });
  return row?.kind ?? null;
}

export type AssistantNodeView = {
  id: string;
  seq: number;
  kind: "question" | "step" | "solution";
  status: "pending" | "accepted" | "edited" | "rejected";
  open: boolean;
  title: string;
  body: string;
  answers: { id: string; label: string }[];
  answerId: string | null;
  answerLabel: string | null;
  commands: { language: string; code: string; label: string }[];
  result: string | null;
  provider: string;
  model: string;
  /** Where the suggestion came from, for "from your library" hints. */
  fromFlow: boolean;
  fromLibrary: boolean;
};

export type AssistantSessionView = {
  session: SessionView;
  problem: string;
  nodes: AssistantNodeView[];
  maxDepth: number;
  atCap: boolean;
};

export async function getAssistantSessionView(viewer: Viewer, sessionId: string): Promise<AssistantSessionView> {
  if (!isUuid(sessionId)) throw notFound("Session");
  const session = await db.session.findFirst({
    where: { AND: [{ id: sessionId, kind: "assistant" }, visibleSessionsWhere(viewer)] },
    select: {
      id: true, accountId: true, status: true, flowName: true, flowType: true, ownerId: true, assigneeId: true, problem: true,
      createdAt: true, startedAt: true, completedAt: true, notes: true, outcome: true, outcomeNotes: true, nextSteps: true,
      owner: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      walkNodes: { select: walkNodeSelect, orderBy: { seq: "asc" } },
    },
  });
  if (!session) throw notFound("Session");
  const maxDepth = aiSettings().maxDepth;
  const nodes: AssistantNodeView[] = session.walkNodes.map((n) => ({
    id: n.id, seq: n.seq, kind: n.kind, status: n.status, open: isOpen(n), title: n.title, body: n.body,
    answers: readAnswers(n.answers).map((a) => ({ id: a.id, label: a.label })),
    answerId: n.answerId, answerLabel: n.answerLabel, commands: readCommands(n.commands), result: n.result,
    provider: n.provider, model: n.model, fromFlow: n.sourceFlowId !== null, fromLibrary: n.sourceLibraryStepId !== null,
  }));
  const view: SessionView = {
    id: session.id,
    status: session.status,
    flowId: null,
    flowName: session.flowName,
    flowType: session.flowType,
    flowVersion: 0,
    owner: session.owner,
    assignee: session.assignee,
    preparedBy: null,
    canChange: canChangeSession(viewer, session),
    canEditNotes: canEditSessionNotes(viewer, session),
    canStart: false,
    createdAt: session.createdAt.toISOString(),
    startedAt: session.startedAt?.toISOString() ?? null,
    completedAt: session.completedAt?.toISOString() ?? null,
    currentNodeId: null,
    structure: { rootId: "", nodes: {} },
    variableDefinitions: [],
    variables: {},
    path: [],
    stepStates: {},
    notes: session.notes as Record<string, string>,
    customSteps: [],
    outcome: session.outcome,
    outcomeNotes: session.outcomeNotes,
    nextSteps: session.nextSteps,
    feedback: {},
    problem: session.problem,
    walk: session.walkNodes.map((n) => ({ id: n.id, kind: n.kind, status: n.status, title: n.title, answerLabel: n.answerLabel, result: n.result, manual: n.provider === "manual" })),
  };
  return { session: view, problem: session.problem, nodes, maxDepth, atCap: nodes.length >= maxDepth };
}
