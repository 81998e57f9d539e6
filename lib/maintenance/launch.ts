// Creating batches: batch rows and one prepared session per target, in the caller's
// transaction, in two statements whatever the number of targets or batches. Used by the launch
// and re-run actions (one batch) and by the cron tick (every due schedule of a tick at once).
//
// Both inserts are one `INSERT … SELECT … FROM jsonb_to_recordset($1)`: the rows travel as a
// single JSON parameter. Prisma's createMany sends the same rows as one statement too, but
// builds and binds ~17 parameters per row in JavaScript, which took 2–6 s for 500 sessions on
// this machine (the one INSERT below: ~150 ms); see `npm run bench` (m1).
import { v7 as uuidv7 } from "uuid";
import type { Tx } from "@/lib/db/client";
import { readVariables, type VariableDefinition } from "@/lib/flows/variables";
import type { FlowType } from "@/lib/generated/prisma/enums";
import { defaultsOf, newSessionRow } from "@/lib/sessions/new-session";
import type { VariableValues } from "@/lib/sessions/variables";
import type { TargetInput } from "./targets";

/**
 * A session's starting variables for a target: the flow's defaults, then every target value
 * whose column matches a declared variable ([VAR:ip] ← the target's ip), then the built-in
 * `target` and `target_notes`.
 */
export function targetVariables(definitions: VariableDefinition[], target: TargetInput): VariableValues {
  const values: VariableValues = defaultsOf(definitions);
  for (const definition of definitions) {
    const match = Object.keys(target.values).find((key) => key.toLowerCase() === definition.key.toLowerCase());
    if (match && target.values[match]) values[definition.key] = target.values[match];
  }
  values.target = target.label;
  values.target_notes = target.notes;
  return values;
}

export type NewBatch = {
  accountId: string;
  teamId: string | null;
  flow: { id: string; name: string; type: FlowType };
  version: { id: string; structure: unknown; variables: unknown };
  targets: TargetInput[];
  launchedById: string | null;
  assigneeId: string | null;
  schedule?: { id: string; dueAt: Date; mergedCount: number };
  rerunOfId?: string | null;
};

/**
 * Inserts the batches and all their sessions: two statements. A scheduled batch is
 * ON CONFLICT (scheduleId, dueAt) DO NOTHING: if that due time already fired, neither it nor its
 * sessions are written. Returns the ids of the batches written, by index in `batches`
 * (null where the due time had already fired).
 */
export async function insertBatches(tx: Tx, batches: NewBatch[]): Promise<(string | null)[]> {
  if (!batches.length) return [];
  const rows = batches.map((b) => ({
    id: uuidv7(), accountId: b.accountId, teamId: b.teamId, flowId: b.flow.id, flowVersionId: b.version.id, flowName: b.flow.name,
    launchedById: b.launchedById, scheduleId: b.schedule?.id ?? null, dueAt: b.schedule?.dueAt.toISOString() ?? null,
    mergedCount: b.schedule?.mergedCount ?? 0, rerunOfId: b.rerunOfId ?? null, targetCount: b.targets.length, targets: b.targets,
  }));
  const written = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Batch" (id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "launchedById", "scheduleId", "dueAt", "mergedCount", "rerunOfId", "targetCount", targets)
    SELECT r.id, r."accountId", r."teamId", r."flowId", r."flowVersionId", r."flowName", r."launchedById", r."scheduleId", r."dueAt", r."mergedCount", r."rerunOfId", r."targetCount", r.targets
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      id uuid, "accountId" uuid, "teamId" uuid, "flowId" uuid, "flowVersionId" uuid, "flowName" text, "launchedById" uuid, "scheduleId" uuid,
      "dueAt" timestamptz, "mergedCount" int, "rerunOfId" uuid, "targetCount" int, targets jsonb)
    ON CONFLICT ("scheduleId", "dueAt") DO NOTHING
    RETURNING id`;
  const writtenIds = new Set(written.map((w) => w.id));
  const ids = rows.map((r) => (writtenIds.has(r.id) ? r.id : null));

  const sessions: SessionRow[] = batches.flatMap((b, i) => {
    const batchId = ids[i];
    if (!batchId) return [];
    const definitions = readVariables(b.version.variables);
    return b.targets.map((target) => ({
      id: uuidv7(),
      ...newSessionRow({
        accountId: b.accountId, teamId: b.teamId, flow: b.flow, version: b.version, status: "prepared",
        preparedById: b.launchedById, assigneeId: b.assigneeId, variables: targetVariables(definitions, target),
        batchId, targetLabel: target.label, targetNotes: target.notes || null,
      }),
    }));
  });
  await insertSessionRows(tx, sessions);
  return ids;
}

export type SessionRow = ReturnType<typeof newSessionRow> & { id: string };

/** Prepared sessions of batches, all in one INSERT (nothing for an empty list). */
export async function insertSessionRows(tx: Tx, sessions: SessionRow[]): Promise<void> {
  if (!sessions.length) return;
  await tx.$executeRaw`
    INSERT INTO "Session" (id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "flowType", "preparedById", "assigneeId", status, "currentNodeId", variables, "batchId", "targetLabel", "targetNotes", "updatedAt")
    SELECT r.id, r."accountId", r."teamId", r."flowId", r."flowVersionId", r."flowName", r."flowType"::"FlowType", r."preparedById", r."assigneeId",
      r.status::"SessionStatus", r."currentNodeId", r.variables, r."batchId", r."targetLabel", r."targetNotes", now()
    FROM jsonb_to_recordset(${JSON.stringify(sessions)}::jsonb) AS r(
      id uuid, "accountId" uuid, "teamId" uuid, "flowId" uuid, "flowVersionId" uuid, "flowName" text, "flowType" text, "preparedById" uuid,
      "assigneeId" uuid, status text, "currentNodeId" text, variables jsonb, "batchId" uuid, "targetLabel" text, "targetNotes" text)`;
}

/** One batch (a launch or a re-run): see insertBatches. */
export async function insertBatch(tx: Tx, input: NewBatch): Promise<{ id: string } | null> {
  const [id] = await insertBatches(tx, [input]);
  return id ? { id } : null;
}
