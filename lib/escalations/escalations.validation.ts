// Inputs of the escalation actions (shared with the client forms).
import { z } from "zod";
import { text } from "@/lib/validation/text";

const id = (what: string) => z.string().uuid(`Unknown ${what}.`);

export const ESCALATION_STATUSES = ["open", "claimed", "resolved"] as const;
export type EscalationStatusName = (typeof ESCALATION_STATUSES)[number];

export const escalateSessionSchema = z.object({
  sessionId: id("session"),
  reason: text().trim().max(2000, "Use at most 2000 characters.").default(""),
});
export const escalationRefSchema = z.object({ escalationId: id("escalation") });
export const escalationNoteSchema = z.object({
  escalationId: id("escalation"),
  text: text().trim().min(1, "Write a note.").max(2000, "Use at most 2000 characters."),
});
export const resolveEscalationSchema = z.object({
  escalationId: id("escalation"),
  resolution: text().trim().min(1, "Describe how it was resolved.").max(4000, "Use at most 4000 characters."),
});
/**
 * An inbox page's keyset cursor: the createdAt and id of the row it starts after, `<ISO time>_<uuid>`.
 * `before` pages to older escalations, `after` back to newer ones; a bad cursor means the first page.
 */
const inboxCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((value) => ({ at: new Date(value.slice(0, 24)), id: value.slice(25).toLowerCase() }))
  .refine((c) => !Number.isNaN(c.at.getTime()))
  .optional()
  .catch(undefined);
export type InboxCursor = { at: Date; id: string };
export const inboxCursorOf = (row: { createdAt: string; id: string }) => `${row.createdAt}_${row.id}`;

export const inboxSearchSchema = z.object({
  tab: z.enum(ESCALATION_STATUSES).catch("open"),
  before: inboxCursor,
  after: inboxCursor,
});
export type EscalationNote = { id: string; authorId: string; authorName: string; text: string; at: string };

/** The inbox's tab counts stop here (the tabs show "999+"): lib/escalations/queries.ts inboxList. */
export const INBOX_COUNT_CAP = 999;
