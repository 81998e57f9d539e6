// The header bell: a user's latest notifications and how many are unread.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export const BELL_SIZE = 8;
/** Counting stops here; the bell shows "99+". */
export const UNREAD_CAP = 99;

export type BellItem = { id: string; kind: string; title: string; body: string; href: string; read: boolean; createdAt: string };

/**
 * A user's unread notifications, counted up to the cap, as a scalar subquery: what every
 * signed-in page's header shows (the page user's statement carries it, lib/auth/current-user.ts) and the opened bell.
 * Bounded: a pile of old unread rows never makes every page slower.
 */
export function unreadNotificationsSql(userId: Prisma.Sql, accountId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM "Notification" n WHERE n."userId" = ${userId} AND n."accountId" = ${accountId} AND n."readAt" IS NULL LIMIT ${UNREAD_CAP + 1}) unread)`;
}

async function unreadNotificationCount(user: Pick<CurrentUser, "id" | "accountId">): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT ${unreadNotificationsSql(Prisma.sql`${user.id}::uuid`, Prisma.sql`${user.accountId}::uuid`)} AS n`;
  return row?.n ?? 0;
}

/** The latest notifications: loaded when the bell is opened (GET /api/notifications), not with every page. */
export async function bellItems(user: Pick<CurrentUser, "id" | "accountId">): Promise<BellItem[]> {
  const rows = await db.notification.findMany({
    where: { userId: user.id, accountId: user.accountId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: BELL_SIZE,
    select: { id: true, kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, href: r.href, read: r.readAt !== null, createdAt: r.createdAt.toISOString() }));
}

/** What the opened bell shows: the unread count and the latest notifications. */
export async function bellFor(user: Pick<CurrentUser, "id" | "accountId">): Promise<{ unread: number; items: BellItem[] }> {
  const [unread, items] = await Promise.all([unreadNotificationCount(user), bellItems(user)]);
  return { unread, items };
}
