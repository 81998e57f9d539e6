// Reads of the escalations inbox (engineers and above) and of an L1 tech's own escalations.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { z } from "zod";
import { canResolveEscalation, inboxWhere, raisedByWhere } from "./access";
import { INBOX_COUNT_CAP, type EscalationNote, type EscalationStatusName } from "./escalations.validation";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export const INBOX_PAGE_SIZE = 50;
const INBOX_STATUSES = ["open", "claimed", "resolved"] as const satisfies readonly EscalationStatusName[];

const listSelect = {
  id: true, status: true, reason: true, createdAt: true, claimedAt: true, resolvedAt: true, notifiedCount: true,
  from: { select: { name: true } },
  claimedBy: { select: { id: true, name: true } },
  category: { select: { name: true } },
  session: { select: { id: true, flowName: true, problem: true, kind: true } },
} as const;

export async function inboxList(user: Viewer, tab: EscalationStatusName) {
  const [rows, counts] = await Promise.all([
    db.escalation.findMany({
      where: { AND: [inboxWhere(user), { status: tab }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: INBOX_PAGE_SIZE,
      select: listSelect,
    }),
    // Each tab's count stops at the cap (COUNT over a LIMIT, through the (accountId, status,
    // createdAt) index), so a year of resolved escalations costs what a page does.
    Promise.all(INBOX_STATUSES.map((status) => db.escalation.count({ where: { AND: [inboxWhere(user), { status }] }, take: INBOX_COUNT_CAP + 1 }))),
  ]);
  const [open, claimed, resolved] = counts;
  return {
    /** Above INBOX_COUNT_CAP, the count is INBOX_COUNT_CAP + 1 (shown as "999+"). */
    counts: { open, claimed, resolved },
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), claimedAt: r.claimedAt?.toISOString() ?? null, resolvedAt: r.resolvedAt?.toISOString() ?? null })),
  };
}
export type InboxRow = Awaited<ReturnType<typeof inboxList>>["rows"][number];

export async function escalationDetail(user: Viewer, escalationId: string) {
  if (!z.uuid().safeParse(escalationId).success) throw notFound("Escalation");
  const row = await db.escalation.findFirst({
    where: { AND: [{ id: escalationId }, inboxWhere(user)] },
    select: { ...listSelect, walkText: true, notes: true, resolution: true, claimedById: true },
  });
  if (!row) throw notFound("Escalation");
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    claimedAt: row.claimedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    notes: row.notes as EscalationNote[],
    canClaim: row.status === "open",
    canResolve: row.status !== "resolved" && canResolveEscalation(user, row),
  };
}
export type EscalationDetail = Awaited<ReturnType<typeof escalationDetail>>;

/** The L1 page: the escalations this tech raised, newest first, with the resolution once there. */
export async function raisedEscalations(user: Viewer, take = 20) {
  const rows = await db.escalation.findMany({
    where: raisedByWhere(user),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, status: true, resolution: true, createdAt: true, resolvedAt: true, claimedBy: { select: { name: true } }, category: { select: { name: true } }, session: { select: { id: true, flowName: true, problem: true } } },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null }));
}
export type RaisedEscalation = Awaited<ReturnType<typeof raisedEscalations>>[number];
