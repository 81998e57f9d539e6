"use server";
// Settings → Webhooks: endpoints of the account (owners and admins), their secret, a test event
// and redelivery. Sends happen outside any transaction (deliverNow claims the row like the
// drainer does, so a concurrent tick never sends the same delivery alongside).
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError, invalid, notFound } from "@/lib/errors";
import { accountDeliveryWhere, accountEndpointWhere, WEBHOOK_ROLE } from "./access";
import { privateAddressesAllowed, resolveWebhookTarget, WebhookUrlRefused } from "./address-policy";
import { deliverNow } from "./drain";
import { emitTestEvent } from "./emit";
import { newWebhookSecret } from "./signing";
import {
  createWebhookEndpointSchema, updateWebhookEndpointSchema, webhookDeliveryRefSchema, webhookEndpointRefSchema,
} from "./webhooks.validation";

const MAX_ENDPOINTS = 20;
const PAGE = "/settings/webhooks";

/** The friendly check at save time; the drainer checks again at every send. */
async function checkUrl(url: string) {
  try {
    await resolveWebhookTarget(new URL(url), { allowPrivate: privateAddressesAllowed() });
  } catch (error) {
    if (error instanceof WebhookUrlRefused) throw invalid(error.message, { url: [error.message] });
    throw error;
  }
}

export const createWebhookEndpoint = authedAction({ schema: createWebhookEndpointSchema, role: WEBHOOK_ROLE }, async (input, user) => {
  await checkUrl(input.url);
  const endpoint = await db.$transaction(async (tx) => {
    // The account row lock makes the count and the insert one step under concurrent creates.
    await tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${user.accountId}::uuid FOR NO KEY UPDATE`;
    if ((await tx.webhookEndpoint.count({ where: { accountId: user.accountId } })) >= MAX_ENDPOINTS) {
      throw new AppError("limit_reached", `An account has at most ${MAX_ENDPOINTS} webhook endpoints.`);
    }
    return tx.webhookEndpoint.create({
      data: { accountId: user.accountId, url: input.url, description: input.description, events: input.events, active: input.active, secret: newWebhookSecret(), createdById: user.id },
      select: { id: true },
    });
  });
  revalidatePath(PAGE);
  return endpoint;
});

export const updateWebhookEndpoint = authedAction({ schema: updateWebhookEndpointSchema, role: WEBHOOK_ROLE }, async ({ endpointId, ...input }, user) => {
  await checkUrl(input.url);
  const { count } = await db.webhookEndpoint.updateMany({ where: accountEndpointWhere(user, endpointId), data: input });
  if (!count) throw notFound("Webhook endpoint");
  revalidatePath(PAGE);
  revalidatePath(`${PAGE}/${endpointId}`);
  return { endpointId };
});

export const deleteWebhookEndpoint = authedAction({ schema: webhookEndpointRefSchema, role: WEBHOOK_ROLE }, async ({ endpointId }, user) => {
  const { count } = await db.webhookEndpoint.deleteMany({ where: accountEndpointWhere(user, endpointId) });
  if (!count) throw notFound("Webhook endpoint");
  revalidatePath(PAGE);
  return { endpointId };
});

/** The secret is fetched on request, not rendered into the page. */
export const revealWebhookSecret = authedAction({ schema: webhookEndpointRefSchema, role: WEBHOOK_ROLE }, async ({ endpointId }, user) => {
  const endpoint = await db.webhookEndpoint.findFirst({ where: accountEndpointWhere(user, endpointId), select: { secret: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  return { secret: endpoint.secret };
});

/** A new secret takes effect at once: the next send is signed with it. */
export const rotateWebhookSecret = authedAction({ schema: webhookEndpointRefSchema, role: WEBHOOK_ROLE }, async ({ endpointId }, user) => {
  const secret = newWebhookSecret();
  const { count } = await db.webhookEndpoint.updateMany({ where: accountEndpointWhere(user, endpointId), data: { secret } });
  if (!count) throw notFound("Webhook endpoint");
  return { secret };
});

async function deliveryOutcome(user: CurrentUser, deliveryId: string) {
  const delivery = await db.webhookDelivery.findFirst({
    where: accountDeliveryWhere(user, deliveryId),
    select: { id: true, status: true, attempts: true, lastStatusCode: true, lastDurationMs: true, lastError: true },
  });
  if (!delivery) throw notFound("Delivery");
  return delivery;
}

export const sendTestWebhook = authedAction({ schema: webhookEndpointRefSchema, role: WEBHOOK_ROLE }, async ({ endpointId }, user) => {
  const emitted = await emitTestEvent(db, {
    accountId: user.accountId,
    endpointId,
    payload: { message: "A test event from ResolutionFlow: your endpoint receives and verifies webhooks.", endpointId, sentBy: { id: user.id, name: user.name } },
  });
  if (!emitted) throw notFound("Webhook endpoint");
  await deliverNow(db, [emitted.deliveryId]);
  revalidatePath(`${PAGE}/${endpointId}`);
  return deliveryOutcome(user, emitted.deliveryId);
});

/** Sends a delivery again now (any status), unless a drainer is sending it at this moment. */
export const redeliverWebhook = authedAction({ schema: webhookDeliveryRefSchema, role: WEBHOOK_ROLE }, async ({ deliveryId }, user) => {
  const now = new Date();
  // A pending row whose current attempt has no log row yet is leased: a drainer is sending it.
  const count = await db.$executeRaw`
    UPDATE "WebhookDelivery" d SET status = 'pending', "nextAttemptAt" = ${now}, "updatedAt" = now()
    FROM "WebhookEndpoint" e
    WHERE d.id = ${deliveryId}::uuid AND e.id = d."endpointId" AND e."accountId" = ${user.accountId}::uuid
      AND NOT (d.status = 'pending' AND d.attempts > 0 AND d."nextAttemptAt" > ${now}
               AND NOT EXISTS (SELECT 1 FROM "WebhookAttempt" a WHERE a."deliveryId" = d.id AND a.attempt = d.attempts))`;
  if (!count) {
    await deliveryOutcome(user, deliveryId);
    throw new AppError("conflict", "This delivery is being sent right now. Refresh in a few seconds.");
  }
  await deliverNow(db, [deliveryId], { now: () => now });
  const outcome = await deliveryOutcome(user, deliveryId);
  const endpoint = await db.webhookDelivery.findFirst({ where: accountDeliveryWhere(user, deliveryId), select: { endpointId: true } });
  if (endpoint) revalidatePath(`${PAGE}/${endpoint.endpointId}`);
  return outcome;
});
