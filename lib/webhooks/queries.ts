// Reads for Settings → Webhooks, scoped to the viewer's account inside each query.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { accountEndpointsWhere, accountEndpointWhere } from "./access";

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

/** One endpoint and its latest deliveries, each with its tries. */
export async function getWebhookEndpointWithLog(user: CurrentUser, endpointId: string) {
  const endpoint = await db.webhookEndpoint.findFirst({
    where: accountEndpointWhere(user, endpointId),
    select: {
      id: true, url: true, description: true, events: true, active: true, createdAt: true,
      createdBy: { select: { name: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: DELIVERY_LOG_SIZE,
        select: {
          id: true, status: true, attempts: true, nextAttemptAt: true, lastStatusCode: true, lastDurationMs: true, lastResponseExcerpt: true, lastError: true, createdAt: true,
          event: { select: { id: true, type: true } },
          attemptsLog: { orderBy: { attempt: "desc" }, select: { attempt: true, statusCode: true, durationMs: true, responseExcerpt: true, error: true, at: true } },
        },
      },
    },
  });
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

export type WebhookEndpointWithLog = Awaited<ReturnType<typeof getWebhookEndpointWithLog>>;
