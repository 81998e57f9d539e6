// The webhook event types and what each sends. Pure: the settings page's event picker reads it.
export const WEBHOOK_EVENT_TYPES = ["session.completed", "batch.completed", "session.escalated", "proposal.created"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type "Send test event" uses; endpoints need not subscribe to it. */
export const TEST_EVENT_TYPE = "webhook.test";

export const WEBHOOK_EVENTS: Record<WebhookEventType, { label: string; description: string }> = {
  "session.completed": { label: "Session completed", description: "Someone completed a session (troubleshooting, procedure or a maintenance target)." },
  "batch.completed": { label: "Batch completed", description: "The last session of a maintenance batch was completed." },
  "session.escalated": { label: "Session escalated", description: "A session was escalated to another engineer." },
  "proposal.created": { label: "Proposal created", description: "A change to a flow was proposed from what engineers did in sessions." },
};
