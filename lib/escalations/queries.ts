// Reads of the escalations inbox (engineers and above) and of an L1 tech's own escalations.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { z } from "zod";
import { canResolveEscalation, inboxSql, inboxWhere, raisedByWhere } from "./access";
import { INBOX_COUNT_CAP, type EscalationNote, type EscalationStatusName, type InboxCursor } from "./escalations.validation";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

/** The inbox shows this many escalations a page (keyset paged: Older / Newer). */
export const INBOX_PAGE_SIZE = 20;
const INBOX_STATUSES = ["open", "claimed", "resolved"] as const satisfies readonly EscalationStatusName[];

const listSelect = {
  id: true, status: true, reason: true, createdAt: true, claimedAt: true, resolvedAt: true, notifiedCount: true,
  from: { select: { name: true } },
  claimedBy: { select: { id: true, name: true } },
  category: { select: { name: true } },
  session: { select: { id: true, flowName: true, problem: true, kind: true } },
} as const;

/** What an inbox row shows: a summary; the walk, reason and notes load when it is opened. */
export type InboxRow = {
  id: string; createdAt: string; notifiedCount: number; title: string; flowName: string | null;
  fromName: string | null; claimedByName: string | null; categoryName: string | null;
};

/**
 * One page of a tab, newest first, after a keyset cursor (`before`: older, `after`: newer), and
 * each tab's count capped at INBOX_COUNT_CAP. Two statements whatever the inbox holds: the page
 * (Escalation(accountId, status, createdAt DESC) from the cursor on, INBOX_PAGE_SIZE + 1 rows,
 * then the session, people and category of those rows by key), and the three capped counts
 * (index-only over the same index, at most INBOX_COUNT_CAP + 1 entries each).
 */
export async function inboxList(user: Viewer, tab: EscalationStatusName, cursor: { before?: InboxCursor; after?: InboxCursor } = {}) {
  const newer = !cursor.before && cursor.after ? cursor.after : null;
  const older = cursor.before ?? null;
  // Keyset: the row comparison is written out with a plain bound on createdAt first, so the index range starts at the cursor.
  const keyset = older
    ? Prisma.sql`AND e."createdAt" <= ${older.at} AND (e."createdAt", e.id) < (${older.at}, ${older.id}::uuid)`
    : newer
      ? Prisma.sql`AND e."createdAt" >= ${newer.at} AND (e."createdAt", e.id) > (${newer.at}, ${newer.id}::uuid)`
      : Prisma.empty;
  const direction = newer ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [rows, [counts]] = await Promise.all([
    db.$queryRaw<(Omit<InboxRow, "createdAt" | "title" | "flowName"> & { createdAt: Date; problem: string; kind: string; flowName: string })[]>`
      SELECT p.id, p."createdAt", p."notifiedCount", s.problem, s.kind::text AS kind, s."flowName",
             f.name AS "fromName", c.name AS "claimedByName", pc.name AS "categoryName"
      FROM (
        SELECT e.id, e."createdAt", e."notifiedCount", e."sessionId", e."fromId", e."claimedById", e."categoryId"
        FROM "Escalation" e
        WHERE ${inboxSql(user, "e")} AND e.status = ${tab}::"EscalationStatus" ${keyset}
        ORDER BY e."createdAt" ${direction}, e.id ${direction}
        LIMIT ${INBOX_PAGE_SIZE + 1}
      ) p
      JOIN "Session" s ON s.id = p."sessionId" AND s."accountId" = ${user.accountId}::uuid
      LEFT JOIN "User" f ON f.id = p."fromId" AND f."accountId" = ${user.accountId}::uuid
      LEFT JOIN "User" c ON c.id = p."claimedById" AND c."accountId" = ${user.accountId}::uuid
      LEFT JOIN "ProblemCategory" pc ON pc.id = p."categoryId" AND pc."accountId" = ${user.accountId}::uuid
      ORDER BY p."createdAt" ${direction}, p.id ${direction}`,
    db.$queryRaw<Record<EscalationStatusName, number>[]>`
      SELECT ${Prisma.join(INBOX_STATUSES.map((status) => Prisma.sql`(
        SELECT count(*)::int FROM (
          SELECT 1 FROM "Escalation" e WHERE ${inboxSql(user, "e")} AND e.status = ${status}::"EscalationStatus" LIMIT ${INBOX_COUNT_CAP + 1}
        ) capped) AS ${Prisma.raw(`"${status}"`)}`))}`,
  ]);
  const more = rows.length > INBOX_PAGE_SIZE;
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  if (newer) page.reverse();
  return {
    /** Above INBOX_COUNT_CAP, the count is INBOX_COUNT_CAP + 1 (shown as "999+"). */
    counts,
    rows: page.map(({ problem, kind, flowName, createdAt, ...r }): InboxRow => ({
      ...r, createdAt: createdAt.toISOString(), title: problem || flowName, flowName: kind === "flow" ? flowName : null,
    })),
    /** Whether there are older rows (a Next link) and newer ones (a Previous link) than this page. */
    older: newer ? true : more,
    newer: newer ? more : Boolean(older),
  };
}

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
