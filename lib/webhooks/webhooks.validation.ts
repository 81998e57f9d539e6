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
