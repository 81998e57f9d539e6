// What the dev outbox page shows: the latest messages the "log" transport wrote.
import "server-only";
import { db } from "@/lib/db/client";

export function recentOutboxMessages() {
  return db.outboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
}
