// zod schemas of the webhook settings actions, shared with the form.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { WEBHOOK_EVENT_TYPES } from "./events";

const idField = z.string().uuid("Unknown id.");

export const webhookUrlField = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the webhooks.")
  .max(2000, "Use at most 2000 characters.")
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "Enter an http:// or https:// URL.")
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), "Leave user names and passwords out of the URL; verify the signature instead.");

export const webhookEndpointFields = z.object({
  url: webhookUrlField,
  description: text().trim().max(200, "Use at most 200 characters.").default(""),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES, { message: "Unknown event type." })).min(1, "Choose at least one event.").max(WEBHOOK_EVENT_TYPES.length),
  active: z.boolean().default(true),
});

export const createWebhookEndpointSchema = webhookEndpointFields;
export const updateWebhookEndpointSchema = webhookEndpointFields.extend({ endpointId: idField });
export const webhookEndpointRefSchema = z.object({ endpointId: idField });
export const webhookDeliveryRefSchema = z.object({ deliveryId: idField });

export type WebhookEndpointInput = z.input<typeof webhookEndpointFields>;

/** Delivery log filter: every delivery, or those in one status. */
export const DELIVERY_STATUS_FILTERS = ["all", "pending", "succeeded", "failed"] as const;
export type DeliveryStatusFilter = (typeof DELIVERY_STATUS_FILTERS)[number];

/**
 * GET /api/webhooks/<endpointId>/deliveries?status=&cursor=: a keyset page of the delivery log.
 * The cursor is the last row's (createdAt, id), opaque to the client.
 */
export const deliveryLogQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUS_FILTERS).catch("all").default("all"),
  cursor: z.string().max(200).optional(),
});
export type DeliveryLogQuery = z.input<typeof deliveryLogQuerySchema>;

/** One delivery of the log as the page and the route send it: what its row shows (its tries are read when it is opened). */
export type DeliveryLogRow = {
  id: string; status: string; attempts: number; nextAttemptAt: string; lastStatusCode: number | null; lastDurationMs: number | null;
  createdAt: string; eventType: string; eventId: string;
};
/** GET /api/webhooks/<endpointId>/deliveries/<deliveryId>: one delivery's tries, newest first, with the start of each answer. */
export type DeliveryAttempts = {
  tries: { attempt: number; statusCode: number | null; durationMs: number; responseExcerpt: string | null; error: string | null; at: string }[];
};
export type DeliveryLogPage = { deliveries: DeliveryLogRow[]; nextCursor: string | null };
