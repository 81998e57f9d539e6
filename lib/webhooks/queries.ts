// Reads for Settings → Webhooks, scoped to the viewer's account inside each query.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { AppError, notFound } from "@/lib/errors";
import { accountDeliveryWhere, accountEndpointsWhere, accountEndpointWhere, WEBHOOK_ROLE } from "./access";
import { deliveryLogQuerySchema, type DeliveryAttempts, type DeliveryLogPage, type DeliveryLogQuery, type DeliveryLogRow } from "./webhooks.validation";

/** Deliveries per page of the log. */
export const DELIVERY_LOG_SIZE = 50;

export async function listWebhookEndpoints(user: CurrentUser) {
  const endpoints = await db.webhookEndpoint.findMany({
    where: accountEndpointsWhere(user),
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, events: true, active: true, createdAt: true },
  });
  if (!endpoints.length) return [];
  // The latest delivery of each endpoint, one statement (LATERAL on the delivery-log index).
  const latest = await db.$queryRaw<{ endpointId: string; status: string; lastStatusCode: number | null; updatedAt: Date }[]>`
    SELECT e.id::text AS "endpointId", d.status::text AS status, d."lastStatusCode", d."updatedAt"
    FROM "WebhookEndpoint" e
    CROSS JOIN LATERAL (
      SELECT status, "lastStatusCode", "updatedAt" FROM "WebhookDelivery"
      WHERE "endpointId" = e.id ORDER BY "createdAt" DESC LIMIT 1
    ) d
    WHERE e."accountId" = ${user.accountId}::uuid`;
  const byEndpoint = new Map(latest.map((row) => [row.endpointId, row]));
  return endpoints.map((endpoint) => ({ ...endpoint, latest: byEndpoint.get(endpoint.id) ?? null }));
}

export type WebhookEndpointSummary = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** One endpoint (the delivery log is read page by page: listWebhookDeliveries). */
export async function getWebhookEndpoint(user: CurrentUser, endpointId: string) {
  const endpoint = await db.webhookEndpoint.findFirst({
    where: accountEndpointWhere(user, endpointId),
    select: { id: true, url: true, description: true, events: true, active: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

const CURSOR = z.object({ at: z.iso.datetime(), id: z.uuid() });
const encodeCursor = (row: { createdAt: Date; id: string }) => Buffer.from(JSON.stringify({ at: row.createdAt.toISOString(), id: row.id })).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const parsed = CURSOR.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { at: new Date(parsed.at), id: parsed.id };
  } catch {
    throw new AppError("invalid", "That page of the delivery log does not exist; reload the page.");
  }
}

/**
 * A page of an endpoint's delivery log, newest first: keyset on (createdAt, id) below the cursor,
 * through WebhookDelivery(endpointId[, status], createdAt, id), so page 100 costs what page 1
 * does. One statement, with the endpoint's account inside its join; only when it returns nothing
 * is the endpoint looked up (an empty log, or another account's endpoint: not found). A row
 * carries what the table shows; its tries (with up to 1,000 characters of each answer) are read
 * when it is opened (listDeliveryAttempts). Owners and admins.
 */
export async function listWebhookDeliveries(user: CurrentUser, endpointId: string, query: DeliveryLogQuery = {}): Promise<DeliveryLogPage> {
  if (!hasRole(user.role, WEBHOOK_ROLE)) throw new AppError("forbidden");
  const { status, cursor } = deliveryLogQuerySchema.parse(query);
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db.$queryRaw<(Omit<DeliveryLogRow, "nextAttemptAt" | "createdAt"> & { nextAttemptAt: Date; createdAt: Date })[]>`
    SELECT d."id", d."status"::text AS "status", d."attempts", d."nextAttemptAt", d."lastStatusCode", d."lastDurationMs", d."createdAt",
           e."type" AS "eventType", e."id" AS "eventId"
    FROM "WebhookDelivery" d
    JOIN "WebhookEndpoint" w ON w."id" = d."endpointId" AND w."accountId" = ${user.accountId}::uuid
    JOIN "WebhookEvent" e ON e."id" = d."eventId"
    WHERE d."endpointId" = ${endpointId}::uuid
      ${status === "all" ? Prisma.empty : Prisma.sql`AND d."status" = ${status}::"WebhookDeliveryStatus"`}
      ${after ? Prisma.sql`AND (d."createdAt", d."id") < (${after.at}::timestamptz, ${after.id}::uuid)` : Prisma.empty}
    ORDER BY d."createdAt" DESC, d."id" DESC
    LIMIT ${DELIVERY_LOG_SIZE + 1}`;
  if (!rows.length && !(await db.webhookEndpoint.findFirst({ where: accountEndpointWhere(user, endpointId), select: { id: true } }))) throw notFound("Webhook endpoint");
  const page = rows.slice(0, DELIVERY_LOG_SIZE);
  return {
    deliveries: page.map((d) => ({ ...d, nextAttemptAt: d.nextAttemptAt.toISOString(), createdAt: d.createdAt.toISOString() })),
    nextCursor: rows.length > DELIVERY_LOG_SIZE ? encodeCursor(page[page.length - 1]) : null,
  };
}

/** The tries of one delivery of an endpoint, newest first, for its row when opened; another account's delivery is not found. Owners and admins. */
export async function listDeliveryAttempts(user: CurrentUser, endpointId: string, deliveryId: string): Promise<DeliveryAttempts> {
  if (!hasRole(user.role, WEBHOOK_ROLE)) throw new AppError("forbidden");
  const delivery = await db.webhookDelivery.findFirst({
    where: { AND: [accountDeliveryWhere(user, deliveryId), { endpointId }] },
    select: { attemptsLog: { orderBy: { attempt: "desc" }, select: { attempt: true, statusCode: true, durationMs: true, responseExcerpt: true, error: true, at: true } } },
  });
  if (!delivery) throw notFound("Webhook delivery");
  return { tries: delivery.attemptsLog.map((a) => ({ ...a, at: a.at.toISOString() })) };
}
