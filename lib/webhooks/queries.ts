// Reads for Settings → Webhooks, scoped to the viewer's account inside each query.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { AppError, notFound } from "@/lib/errors";
import { accountEndpointsWhere, accountEndpointWhere, WEBHOOK_ROLE } from "./access";
import { deliveryLogQuerySchema, type DeliveryLogPage, type DeliveryLogQuery } from "./webhooks.validation";

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
 * A page of an endpoint's delivery log, newest first, each delivery with its tries: keyset on
 * (createdAt, id) below the cursor, through WebhookDelivery(endpointId[, status], createdAt, id),
 * so page 100 costs what page 1 does. Owners and admins; another account's endpoint is not found.
 */
export async function listWebhookDeliveries(user: CurrentUser, endpointId: string, query: DeliveryLogQuery = {}): Promise<DeliveryLogPage> {
  if (!hasRole(user.role, WEBHOOK_ROLE)) throw new AppError("forbidden");
  const { status, cursor } = deliveryLogQuerySchema.parse(query);
  const after = cursor ? decodeCursor(cursor) : null;
  const endpoint = await db.webhookEndpoint.findFirst({ where: accountEndpointWhere(user, endpointId), select: { id: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  const rows = await db.webhookDelivery.findMany({
    where: {
      endpointId: endpoint.id,
      ...(status === "all" ? {} : { status }),
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_LOG_SIZE + 1,
    select: {
      id: true, status: true, attempts: true, nextAttemptAt: true, lastStatusCode: true, lastDurationMs: true, lastResponseExcerpt: true, lastError: true, createdAt: true,
      event: { select: { id: true, type: true } },
      attemptsLog: { orderBy: { attempt: "desc" }, select: { attempt: true, statusCode: true, durationMs: true, responseExcerpt: true, error: true, at: true } },
    },
  });
  const page = rows.slice(0, DELIVERY_LOG_SIZE);
  return {
    deliveries: page.map((d) => ({
      id: d.id, status: d.status, attempts: d.attempts, nextAttemptAt: d.nextAttemptAt.toISOString(), lastStatusCode: d.lastStatusCode,
      lastDurationMs: d.lastDurationMs, lastResponseExcerpt: d.lastResponseExcerpt, lastError: d.lastError, createdAt: d.createdAt.toISOString(),
      eventType: d.event.type, eventId: d.event.id,
      tries: d.attemptsLog.map((a) => ({ ...a, at: a.at.toISOString() })),
    })),
    nextCursor: rows.length > DELIVERY_LOG_SIZE ? encodeCursor(page[page.length - 1]) : null,
  };
}
