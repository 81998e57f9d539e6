// The outbox write. Call it inside the transaction that makes the change: the event and its
// deliveries commit with the change or roll back with it, so a rollback sends nothing and a
// commit always sends (the drainer picks the deliveries up). One statement; when no active
// endpoint of the account listens for the type, it writes nothing at all.
import type { Db, Tx } from "@/lib/db/client";
import type { WebhookEventType } from "./events";
import { TEST_EVENT_TYPE } from "./events";

export type EmittedEvent = { eventId: string | null; deliveries: number };

type EmitInput = { accountId: string; type: WebhookEventType; payload: Record<string, unknown> };

export async function emitWebhookEvent(tx: Tx | Db, input: EmitInput): Promise<EmittedEvent> {
  const [row] = await tx.$queryRaw<EmittedEvent[]>`
    WITH targets AS (
      SELECT id FROM "WebhookEndpoint"
      WHERE "accountId" = ${input.accountId}::uuid AND active AND ${input.type} = ANY(events)
    ), event AS (
      INSERT INTO "WebhookEvent" (id, "accountId", type, payload)
      SELECT gen_random_uuid(), ${input.accountId}::uuid, ${input.type}, ${JSON.stringify(input.payload)}::jsonb
      WHERE EXISTS (SELECT 1 FROM targets)
      RETURNING id
    ), deliveries AS (
      INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "nextAttemptAt", "updatedAt")
      SELECT gen_random_uuid(), targets.id, event.id, now(), now() FROM targets CROSS JOIN event
      RETURNING 1
    )
    SELECT (SELECT id::text FROM event) AS "eventId", (SELECT count(*) FROM deliveries)::int AS deliveries`;
  return row;
}

/** "Send test event": one event to one endpoint of the account (whatever it subscribes to). */
export async function emitTestEvent(tx: Tx | Db, input: { accountId: string; endpointId: string; payload: Record<string, unknown> }): Promise<{ eventId: string; deliveryId: string } | null> {
  const [row] = await tx.$queryRaw<{ eventId: string; deliveryId: string }[]>`
    WITH target AS (
      SELECT id FROM "WebhookEndpoint" WHERE id = ${input.endpointId}::uuid AND "accountId" = ${input.accountId}::uuid
    ), event AS (
      INSERT INTO "WebhookEvent" (id, "accountId", type, payload)
      SELECT gen_random_uuid(), ${input.accountId}::uuid, ${TEST_EVENT_TYPE}, ${JSON.stringify(input.payload)}::jsonb
      WHERE EXISTS (SELECT 1 FROM target)
      RETURNING id
    ), delivery AS (
      INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "nextAttemptAt", "updatedAt")
      SELECT gen_random_uuid(), target.id, event.id, now(), now() FROM target CROSS JOIN event
      RETURNING id, "eventId"
    )
    SELECT "eventId"::text AS "eventId", id::text AS "deliveryId" FROM delivery`;
  return row ?? null;
}
