// Creating batches: batch rows and one prepared session per target, in the caller's
// transaction, in ONE statement whatever the number of targets or batches. Used by the launch
// and re-run actions (one batch) and by the cron tick (every due schedule of a tick at once).
//
// The statement is `WITH input AS (jsonb_to_recordset($1)), batch AS (INSERT … RETURNING),
// INSERT INTO "Session" … FROM batch`: the rows travel as a single JSON parameter. Prisma's
// createMany would send the same rows as one statement too, but builds and binds ~17 parameters
// per row in JavaScript, which took 2–6 s for 500 sessions on this machine; see `npm run bench` (m1).
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
 * Inserts the batches and all their sessions in ONE statement. A scheduled batch is
 * ON CONFLICT (scheduleId, dueAt) DO NOTHING: if that due time already fired, neither it nor its
 * sessions are written (the session insert reads only the batch rows actually inserted). Returns
 * the ids of the batches written, by index in `batches` (null where the due time had already fired).
 *
 * The targets travel once, as the batch's `targets`; each session's label and notes are read from
 * them in SQL. Per session only its id and starting variables are sent; everything the sessions of
 * a batch share (flow, version, first step, status …) is sent once per batch, from newSessionRow.
 * Sending every column of every session as its own JSON object cost ~3× the bytes and ~10 ms more
 * per 500 targets (`npm run bench`, m1).
 */
export async function insertBatches(tx: Tx, batches: NewBatch[]): Promise<(string | null)[]> {
  if (!batches.length) return [];
  const rows = batches.map((b) => {
    const definitions = readVariables(b.version.variables);
    // What every session of this batch shares: the same row newSessionRow builds for one session.
    const shared = newSessionRow({
      accountId: b.accountId, teamId: b.teamId, flow: b.flow, version: b.version, status: "prepared",
      preparedById: b.launchedById, assigneeId: b.assigneeId, variables: {},
    });
    return {
      id: uuidv7(), accountId: b.accountId, teamId: b.teamId, flowId: b.flow.id, flowVersionId: b.version.id, flowName: b.flow.name,
      launchedById: b.launchedById, scheduleId: b.schedule?.id ?? null, dueAt: b.schedule?.dueAt.toISOString() ?? null,
      mergedCount: b.schedule?.mergedCount ?? 0, rerunOfId: b.rerunOfId ?? null, targetCount: b.targets.length, targets: b.targets,
      flowType: shared.flowType, status: shared.status, currentNodeId: shared.currentNodeId, preparedById: shared.preparedById, assigneeId: shared.assigneeId,
      sessionIds: b.targets.map(() => uuidv7()),
      variables: b.targets.map((target) => targetVariables(definitions, target)),
    };
  });
  const written = await tx.$queryRaw<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        id uuid, "accountId" uuid, "teamId" uuid, "flowId" uuid, "flowVersionId" uuid, "flowName" text, "launchedById" uuid, "scheduleId" uuid,
        "dueAt" timestamptz, "mergedCount" int, "rerunOfId" uuid, "targetCount" int, targets jsonb,
        "flowType" text, status text, "currentNodeId" text, "preparedById" uuid, "assigneeId" uuid, "sessionIds" uuid[], variables jsonb)
    ), batch AS (
      INSERT INTO "Batch" (id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "launchedById", "scheduleId", "dueAt", "mergedCount", "rerunOfId", "targetCount", targets)
      SELECT id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "launchedById", "scheduleId", "dueAt", "mergedCount", "rerunOfId", "targetCount", targets
      FROM input
      ON CONFLICT ("scheduleId", "dueAt") DO NOTHING
      RETURNING id
    ), sessions AS (
      INSERT INTO "Session" (id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "flowType", "preparedById", "assigneeId", status, "currentNodeId", variables, "batchId", "targetLabel", "targetNotes", "updatedAt")
      SELECT i."sessionIds"[t.n], i."accountId", i."teamId", i."flowId", i."flowVersionId", i."flowName", i."flowType"::"FlowType", i."preparedById", i."assigneeId",
        i.status::"SessionStatus", i."currentNodeId", i.variables -> (t.n::int - 1), i.id, t.target ->> 'label', NULLIF(t.target ->> 'notes', ''), now()
      FROM batch JOIN input i ON i.id = batch.id
      CROSS JOIN LATERAL jsonb_array_elements(i.targets) WITH ORDINALITY AS t(target, n)
    )
    SELECT id FROM batch`;
  const writtenIds = new Set(written.map((w) => w.id));
  return rows.map((r) => (writtenIds.has(r.id) ? r.id : null));
}

/** One batch (a launch or a re-run): see insertBatches. */
export async function insertBatch(tx: Tx, input: NewBatch): Promise<{ id: string } | null> {
  const [id] = await insertBatches(tx, [input]);
  return id ? { id } : null;
}
