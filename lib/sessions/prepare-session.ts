// Preparing a session ahead of time (variables filled, optionally assigned): the core shared by
// the "Prepare session" action and the REST API's POST /api/v1/sessions.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { invalid, notFound } from "@/lib/errors";
import { getRunnableFlowOrThrow } from "@/lib/flows/access";
import { readVariables, type VariableDefinition } from "@/lib/flows/variables";
import { defaultsOf, newSessionRow } from "./new-session";
import { checkVariableValue, type VariableValues } from "./variables";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/** Refuses values that break their variable's definition, each reported on its key. */
export function checkValues(definitions: VariableDefinition[], values: VariableValues) {
  const errors: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    const definition = definitions.find((d) => d.key === key);
    const problem = checkVariableValue(definition, value);
    if (problem) errors[key] = [definition ? `${definition.label}: ${problem}` : problem];
  }
  const keys = Object.keys(errors);
  if (keys.length) throw invalid(errors[keys[0]][0], errors);
}

/** A prepared session of the flow's latest published version, for an engineer of the same account (or anyone). */
export async function prepareSessionFor(
  user: Viewer,
  { flowId, variables, assigneeId }: { flowId: string; variables: VariableValues; assigneeId: string | null },
): Promise<{ id: string }> {
  const { flow, version } = await getRunnableFlowOrThrow(user, flowId);
  const definitions = readVariables(version.variables);
  checkValues(definitions, variables);
  let teamId = user.teamId;
  if (assigneeId) {
    const assignee = await db.user.findFirst({ where: { id: assigneeId, accountId: user.accountId, isServiceAccount: false }, select: { teamId: true } });
    if (!assignee) throw notFound("Engineer");
    teamId = assignee.teamId ?? teamId;
  }
  return db.session.create({
    data: newSessionRow({
      accountId: user.accountId, teamId, flow, version, status: "prepared", preparedById: user.id, assigneeId,
      variables: { ...defaultsOf(definitions), ...variables },
    }),
    select: { id: true },
  });
}
