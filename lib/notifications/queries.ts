// The header bell: a user's latest notifications and how many are unread.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export const BELL_SIZE = 8;
/** Counting stops here; the bell shows "99+". */
export const UNREAD_CAP = 99;

export type BellItem = { id: string; kind: string; title: string; body: string; href: string; read: boolean; createdAt: string };

export async function bellFor(user: Pick<CurrentUser, "id" | "accountId">): Promise<{ unread: number; items: BellItem[] }> {
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId: user.id, accountId: user.accountId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BELL_SIZE,
      select: { id: true, kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
    }),
    // Bounded count: a pile of old unread rows never makes every page slower.
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Notification" WHERE "userId" = ${user.id}::uuid AND "accountId" = ${user.accountId}::uuid AND "readAt" IS NULL LIMIT ${UNREAD_CAP + 1}) u`,
  ]);
  return {
    unread: unread[0]?.n ?? 0,
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, href: r.href, read: r.readAt !== null, createdAt: r.createdAt.toISOString() })),
  };
}
