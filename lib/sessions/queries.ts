// Reads behind the session pages, scoped by visibleSessionsWhere inside the SQL.
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { FlowStructure, FlowType } from "@/lib/flows/structure";
import type { VariableDefinition } from "@/lib/flows/variables";
import { canChangeSession, visibleSessionsWhere } from "./access";
import type { CustomStep, PathEvent, StepStates } from "./runtime";
import type { VariableValues } from "./variables";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export type SessionView = {
  id: string;
  status: "prepared" | "active" | "completed";
  flowId: string | null;
  flowName: string;
  flowType: FlowType;
  flowVersion: number;
  owner: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  preparedBy: { id: string; name: string } | null;
  canChange: boolean;
  canEditNotes: boolean;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  currentNodeId: string | null;
  structure: FlowStructure;
  variableDefinitions: VariableDefinition[];
  variables: VariableValues;
  path: PathEvent[];
  stepStates: StepStates;
  notes: Record<string, string>;
  customSteps: CustomStep[];
  outcome: string | null;
  outcomeNotes: string;
  nextSteps: string;
  /** This user's feedback per step id. */
  feedback: Record<string, { helpful: boolean; comment: string }>;
};

export async function getSessionView(user: Viewer, sessionId: string): Promise<SessionView> {
  if (!isUuid(sessionId)) throw notFound("Session");
  const session = await db.session.findFirst({
    where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] },
    select: {
      id: true, accountId: true, status: true, flowId: true, flowName: true, flowType: true, ownerId: true, assigneeId: true,
      createdAt: true, startedAt: true, completedAt: true, currentNodeId: true, path: true, stepStates: true, notes: true,
      customSteps: true, variables: true, outcome: true, outcomeNotes: true, nextSteps: true,
      owner: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      preparedBy: { select: { id: true, name: true } },
      flowVersion: { select: { version: true, structure: true, variables: true } },
      feedback: { where: { userId: user.id }, select: { stepId: true, helpful: true, comment: true } },
    },
  });
  if (!session) throw notFound("Session");
  const canChange = canChangeSession(user, session);
  return {
    id: session.id,
    status: session.status,
    flowId: session.flowId,
    flowName: session.flowName,
    flowType: session.flowType,
    flowVersion: session.flowVersion.version,
    owner: session.owner,
    assignee: session.assignee,
    preparedBy: session.preparedBy,
    canChange,
    canEditNotes: session.ownerId === user.id || isAdmin(user.role),
    createdAt: session.createdAt.toISOString(),
    startedAt: session.startedAt?.toISOString() ?? null,
    completedAt: session.completedAt?.toISOString() ?? null,
    currentNodeId: session.currentNodeId,
    structure: session.flowVersion.structure as FlowStructure,
    variableDefinitions: session.flowVersion.variables as VariableDefinition[],
    variables: session.variables as VariableValues,
    path: session.path as PathEvent[],
    stepStates: session.stepStates as StepStates,
    notes: session.notes as Record<string, string>,
    customSteps: session.customSteps as CustomStep[],
    outcome: session.outcome,
    outcomeNotes: session.outcomeNotes,
    nextSteps: session.nextSteps,
    feedback: Object.fromEntries(session.feedback.map((f) => [f.stepId, { helpful: f.helpful, comment: f.comment }])),
  };
}
