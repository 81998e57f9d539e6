// Creating a batch: one batch row and one prepared session per target, in the caller's
// transaction, in two statements whatever the number of targets. Used by the launch and
// re-run actions and by the cron tick.
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
 * Inserts the batch and its sessions. For a scheduled batch the insert is
 * ON CONFLICT (scheduleId, dueAt) DO NOTHING: if that due time already fired, nothing is
 * written and null comes back.
 */
export async function insertBatch(tx: Tx, input: NewBatch): Promise<{ id: string } | null> {
  const [batch] = await tx.batch.createManyAndReturn({
    data: [{
      accountId: input.accountId, teamId: input.teamId, flowId: input.flow.id, flowVersionId: input.version.id, flowName: input.flow.name,
      launchedById: input.launchedById, scheduleId: input.schedule?.id ?? null, dueAt: input.schedule?.dueAt ?? null,
      mergedCount: input.schedule?.mergedCount ?? 0, rerunOfId: input.rerunOfId ?? null,
      targetCount: input.targets.length, targets: input.targets,
    }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!batch) return null;
  const definitions = readVariables(input.version.variables);
  await tx.session.createMany({
    data: input.targets.map((target) =>
      newSessionRow({
        accountId: input.accountId, teamId: input.teamId, flow: input.flow, version: input.version, status: "prepared",
        preparedById: input.launchedById, assigneeId: input.assigneeId, variables: targetVariables(definitions, target),
        batchId: batch.id, targetLabel: target.label, targetNotes: target.notes || null,
      }),
    ),
  });
  return batch;
}
