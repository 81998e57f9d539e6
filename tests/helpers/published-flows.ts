// Published flows and a tenant with a team, for the session tests and benchmarks. Flows are
// created and published through the real actions (so the library sync runs too).
import type { ActionResult } from "@/lib/action";
import { db } from "@/lib/db/client";
import { createFlow, publishFlow } from "@/lib/flows/flows.actions";
import type { FlowType, ProcedureStructure, TreeStructure, Visibility } from "@/lib/flows/structure";
import type { VariableDefinition } from "@/lib/flows/variables";
import { actAs, createTenant, createUser } from "./factories";
import { sampleProcedure, sampleTree } from "./flow-fixtures";

export type Actor = { id: string };

/**
 * Starts an action as `user`. The session double is read synchronously when the action
 * starts, so several of these may run in parallel as different users.
 */
export function as<T>(user: Actor | null, action: () => Promise<T>): Promise<T> {
  actAs(user);
  const started = action();
  actAs(null);
  return started;
}

/** The data of a successful action, or a thrown error naming its code and message. */
export function ok<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.error}`);
  return result.data;
}

/**
 * An account whose engineer (the usual session owner), a teammate engineer and the l1 share a
 * team; the owner and admin have none; `loner` is an engineer of the account outside the team;
 * `other` is a second account with its own people.
 */
export async function teamTenant() {
  const tenant = await createTenant();
  const team = await db.team.create({ data: { accountId: tenant.account.id, name: "Service Desk" } });
  await db.user.updateMany({ where: { id: { in: [tenant.engineer.id, tenant.l1.id] } }, data: { teamId: team.id } });
  const [teammate, loner, other] = await Promise.all([
    createUser({ accountId: tenant.account.id, role: "engineer", teamId: team.id }),
    createUser({ accountId: tenant.account.id, role: "engineer" }),
    createTenant(),
  ]);
  const otherTeam = await db.team.create({ data: { accountId: other.account.id, name: "Service Desk" } });
  await db.user.updateMany({ where: { accountId: other.account.id }, data: { teamId: otherTeam.id } });
  return {
    ...tenant,
    engineer: { ...tenant.engineer, teamId: team.id },
    l1: { ...tenant.l1, teamId: team.id },
    team, teammate, loner,
    other: { ...other, teamId: otherTeam.id },
  };
}
export type TeamTenant = Awaited<ReturnType<typeof teamTenant>>;

/** One variable of each field type (server has a default). */
export const INTAKE: VariableDefinition[] = [
  { key: "server_name", label: "Server", fieldType: "hostname", helpText: "", options: [], required: true, default: "srv-default01" },
  { key: "print_server", label: "Print server", fieldType: "hostname", helpText: "", options: [], required: false, default: "" },
  { key: "ip", label: "IP address", fieldType: "ip", helpText: "", options: [], required: false, default: "" },
  { key: "contact", label: "Customer contact", fieldType: "email", helpText: "", options: [], required: false, default: "" },
  { key: "portal", label: "Portal URL", fieldType: "url", helpText: "", options: [], required: false, default: "" },
  { key: "disks", label: "Disk count", fieldType: "number", helpText: "", options: [], required: false, default: "" },
  { key: "tier", label: "Support tier", fieldType: "select", helpText: "", options: ["gold", "silver"], required: false, default: "silver" },
  { key: "notes", label: "Notes", fieldType: "textarea", helpText: "", options: [], required: false, default: "" },
];

type PublishOptions = { name?: string; visibility?: Visibility; variables?: VariableDefinition[] };

/** Creates and publishes a flow as `author`; returns its id and the published structure (server ids). */
export async function publishAs<S extends TreeStructure | ProcedureStructure>(author: Actor, type: FlowType, structure: S, options: PublishOptions = {}) {
  const name = options.name ?? (type === "troubleshooting" ? "Printer offline" : "Patch servers");
  const visibility = options.visibility ?? "account";
  const created = ok(await as(author, () => createFlow({ name, type, visibility })));
  const published = ok(await as(author, () => publishFlow({ flowId: created.id, name, visibility, tags: [], variables: options.variables ?? INTAKE, structure })));
  return { flowId: created.id, structure: published.structure as S };
}

export const publishTree = (author: Actor, options?: PublishOptions) => publishAs(author, "troubleshooting", sampleTree(), options);
export const publishProcedure = (author: Actor, steps = 3, options?: PublishOptions) => publishAs(author, "procedural", sampleProcedure(steps), options);

/** The id of the tree node with this title. */
export function nodeId(tree: TreeStructure, title: string): string {
  const found = Object.entries(tree.nodes).find(([, node]) => node.title === title);
  if (!found) throw new Error(`No node titled ${title}`);
  return found[0];
}

/** The id of the answer with this label on a node. */
export function answerId(tree: TreeStructure, node: string, label: string): string {
  const current = tree.nodes[node];
  const answers = current.type === "question" || current.type === "action" ? current.answers : [];
  const found = answers.find((a) => a.label === label);
  if (!found) throw new Error(`No answer ${label} on ${current.title}`);
  return found.id;
}

/** Ids of a procedure's steps (not sections or the end), in order. */
export const stepIdsOf = (procedure: ProcedureStructure) => procedure.steps.filter((s) => s.type === "procedure_step").map((s) => s.id);

/** The printer tree's nodes and answers by meaning. */
export function printerTree(tree: TreeStructure) {
  const root = nodeId(tree, "Does the printer show offline?");
  const restart = nodeId(tree, "Restart the spooler on [VAR:print_server]");
  return {
    root, restart,
    fixed: nodeId(tree, "Printer back online"),
    escalate: nodeId(tree, "Escalate to print team"),
    yes: answerId(tree, root, "Yes"),
    no: answerId(tree, root, "No"),
    worked: answerId(tree, restart, "Fixed"),
    stillBroken: answerId(tree, restart, "Still broken"),
  };
}
