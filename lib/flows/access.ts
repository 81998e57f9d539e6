// Who may see and who may change a flow: the one place that knows flow tenancy rules.
// - Another account's flow is visible only when it is public, published and active.
// - private: the author only; team: the flow's team (and account admins); account/public: the account.
// - l1 never edits; engineers edit their own flows and their team's; admins every non-private
//   flow of their account (and their own private ones).
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export function visibleFlowsWhere(user: Viewer): Prisma.FlowWhereInput {
  const own: Prisma.FlowWhereInput[] = [
    { visibility: { in: ["account", "public"] } },
    { authorId: user.id },
  ];
  if (isAdmin(user.role)) own.push({ visibility: "team" });
  else if (user.teamId) own.push({ visibility: "team", teamId: user.teamId });
  return {
    OR: [
      { accountId: user.accountId, OR: own },
      { visibility: "public", status: "published", isActive: true },
    ],
  };
}

export function editableFlowsWhere(user: Viewer): Prisma.FlowWhereInput {
  if (user.role === "l1") return { id: { in: [] } };
  if (isAdmin(user.role)) return { accountId: user.accountId, OR: [{ visibility: { not: "private" } }, { authorId: user.id }] };
  const own: Prisma.FlowWhereInput[] = [{ authorId: user.id }];
  if (user.teamId) own.push({ teamId: user.teamId, visibility: { not: "private" } });
  return { accountId: user.accountId, OR: own };
}

export function canEditFlow(user: Viewer, flow: { accountId: string; authorId: string | null; teamId: string | null; visibility: string }): boolean {
  if (user.role === "l1" || flow.accountId !== user.accountId) return false;
  if (flow.authorId === user.id) return true;
  if (flow.visibility === "private") return false;
  return isAdmin(user.role) || (user.teamId !== null && flow.teamId === user.teamId);
}

/**
 * Loads a flow for editing inside `tx`, locking its row so concurrent saves and publishes of the
 * same flow run one after another. Invisible → not found; visible but not editable → forbidden.
 */
export async function getEditableFlowOrThrow<S extends Prisma.FlowSelect>(tx: Tx, user: Viewer, flowId: string, select: S) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Flow" WHERE id = ${flowId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
  const flow = locked.length ? await tx.flow.findFirst({ where: { AND: [{ id: flowId }, editableFlowsWhere(user)] }, select }) : null;
  if (flow) return flow;
  const visible = await tx.flow.findFirst({ where: { AND: [{ id: flowId }, visibleFlowsWhere(user)] }, select: { id: true } });
  if (!visible) throw notFound("Flow");
  throw forbidden(user.role === "l1" ? "L1 technicians run flows but cannot change them." : "You cannot edit this flow. Fork it to make your own copy.");
}

export async function getVisibleFlowOrThrow<S extends Prisma.FlowSelect>(user: Viewer, flowId: string, select: S, client: Tx = db) {
  const flow = await client.flow.findFirst({ where: { AND: [{ id: flowId }, visibleFlowsWhere(user)] }, select });
  if (!flow) throw notFound("Flow");
  return flow;
}
