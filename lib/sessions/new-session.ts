// How a session row starts life, shared by "Start", "Prepare session" and maintenance batch
// launches (which insert one row per target in a single statement). Pure: no database, so the
// cron tick can use it outside Next.
import { readStructure } from "@/lib/flows/structure";
import type { VariableDefinition } from "@/lib/flows/variables";
import type { FlowType, SessionStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { runtimeSteps } from "./runtime";
import type { VariableValues } from "./variables";

export function defaultsOf(definitions: VariableDefinition[]): VariableValues {
  return Object.fromEntries(definitions.filter((d) => d.default).map((d) => [d.key, d.default]));
}

// A batch builds hundreds of rows from one version: read its structure and find its first step
// once per version.
const firstSteps = new WeakMap<object, string | null>();

function firstNodeId(type: FlowType, structure: unknown): string | null {
  const cacheable = typeof structure === "object" && structure !== null;
  if (cacheable && firstSteps.has(structure)) return firstSteps.get(structure)!;
  const typed = readStructure(type, structure);
  const id = typed.type === "troubleshooting"
    ? typed.structure.rootId
    : runtimeSteps(typed.structure, []).find((s) => s.kind === "step")?.id ?? null;
  if (cacheable) firstSteps.set(structure, id);
  return id;
}

export type NewSession = {
  accountId: string;
  teamId: string | null;
  flow: { id: string; name: string; type: FlowType };
  version: { id: string; structure: unknown };
  status: Extract<SessionStatus, "active" | "prepared">;
  ownerId?: string | null;
  preparedById?: string | null;
  assigneeId?: string | null;
  variables: VariableValues;
  batchId?: string | null;
  targetLabel?: string | null;
  targetNotes?: string | null;
};

/** The row for a new session: active ones start now, prepared ones wait for someone to open them. */
export function newSessionRow(input: NewSession): Prisma.SessionCreateManyInput {
  return {
    accountId: input.accountId,
    teamId: input.teamId,
    flowId: input.flow.id,
    flowVersionId: input.version.id,
    flowName: input.flow.name,
    flowType: input.flow.type,
    ownerId: input.ownerId ?? null,
    preparedById: input.preparedById ?? null,
    assigneeId: input.assigneeId ?? null,
    status: input.status,
    startedAt: input.status === "active" ? new Date() : null,
    currentNodeId: firstNodeId(input.flow.type, input.version.structure),
    variables: input.variables,
    batchId: input.batchId ?? null,
    targetLabel: input.targetLabel ?? null,
    targetNotes: input.targetNotes ?? null,
  };
}
