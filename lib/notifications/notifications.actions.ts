"use server";
// The bell's one write: mark one's own notifications read (a single UPDATE, scoped to the user).
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { markReadSchema } from "./notifications.validation";

export const markNotificationsRead = authedAction({ schema: markReadSchema }, async ({ ids }, user) => {
  const { count } = await db.notification.updateMany({
    where: { userId: user.id, accountId: user.accountId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
});
