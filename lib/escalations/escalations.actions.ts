"use server";
// Escalations: an L1 tech hands a session to engineers; an engineer claims it (one winner),
// works it with notes and resolves it, which goes back to the L1 tech. Every change is scoped to
// the account inside its query; notifications are written in the same transaction, emails after.
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { db } from "@/lib/db/client";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { notifyByEmail, notifyInApp, type Recipient } from "@/lib/notifications/notify";
import { canChangeSession, visibleSessionsWhere } from "@/lib/sessions/access";
import { canResolveEscalation, fallbackRecipientsWhere, INBOX_ROLE, inboxWhere, recipientUsersWhere } from "./access";
import { escalateSessionSchema, escalationNoteSchema, escalationRefSchema, resolveEscalationSchema } from "./escalations.validation";
import { emitSessionEscalated, SESSION_EVENT_SELECT } from "@/lib/webhooks/session-events";
import { walkTextOf } from "./walk-text";

const recipientSelect = { id: true, email: true, name: true } as const;

/**
 * Escalates a running session: completes it with the outcome "escalated", records the
 * escalation with the walk so far, and tells the category's recipients, or, when it has none,
 * the account's admins and owners. With nobody to tell the escalation still exists (admins find
 * it in the inbox) and the answer carries a warning for the L1 tech. Escalating twice returns
 * the first escalation.
 */
export const escalateSession = authedAction({ schema: escalateSessionSchema }, async ({ sessionId, reason }, user) => {
  const result = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
    const session = await tx.session.findFirst({
      where: { AND: [{ id: sessionId }, visibleSessionsWhere(user)] },
      select: {
        id: true, accountId: true, ownerId: true, assigneeId: true, status: true, kind: true, flowName: true, problem: true, categoryId: true,
        escalation: { select: { id: true, notifiedCount: true } },
      },
    });
    if (!session) throw notFound("Session");
    if (!canChangeSession(user, session)) throw forbidden("Only the person running this session, its assignee or an admin can escalate it.");
    if (session.escalation) return { escalationId: session.escalation.id, notified: session.escalation.notifiedCount, alreadyEscalated: true, emailTo: [] as Recipient[], walkText: "", title: "" };
    if (session.status !== "active") throw conflict(session.status === "prepared" ? "Start this prepared session before escalating it." : "This session is completed; only a running session can be escalated.");

    const category = session.categoryId
      ? await tx.problemCategory.findFirst({
          where: { id: session.categoryId, accountId: user.accountId },
          select: { name: true, recipients: { where: { user: recipientUsersWhere(user.accountId) }, select: { user: { select: recipientSelect } } } },
        })
      : null;
    let recipients: Recipient[] = (category?.recipients ?? []).map((r) => r.user);
    if (!recipients.length) recipients = await tx.user.findMany({ where: fallbackRecipientsWhere(user.accountId), select: recipientSelect, orderBy: { createdAt: "asc" } });
    // The person escalating is not told about their own escalation.
    recipients = recipients.filter((r) => r.id !== user.id);

    const walkText = await walkTextOf(tx, user, session);
    const completed = await tx.session.update({
      where: { id: session.id },
      data: { status: "completed", completedAt: new Date(), outcome: "escalated", outcomeNotes: reason },
      select: SESSION_EVENT_SELECT,
    });
    const escalation = await tx.escalation.create({
      data: { accountId: user.accountId, sessionId: session.id, fromId: user.id, categoryId: session.categoryId, reason, walkText, notifiedCount: recipients.length },
      select: { id: true },
    });
    // Webhooks (session.escalated and session.completed) commit with the escalation.
    await emitSessionEscalated(tx, completed, { id: escalation.id, reason, category: category?.name ?? null, from: { id: user.id, name: user.name }, notified: recipients.length });
    const title = `Escalated: ${session.problem ? session.problem.slice(0, 120) : session.flowName}`;
    await notifyInApp(tx, user.accountId, recipients, {
      kind: "escalation_created",
      title,
      body: `${user.name} escalated${category ? ` a ${category.name} problem` : " a session"}${reason ? `: ${reason.slice(0, 300)}` : "."}`,
      href: `/escalations/${escalation.id}`,
    });
    return { escalationId: escalation.id, notified: recipients.length, alreadyEscalated: false, emailTo: recipients, walkText, title };
  });
  if (result.emailTo.length) {
    await notifyByEmail(result.emailTo, { kind: "escalation_created", title: result.title, body: `${user.name} escalated a session to you.`, href: `/escalations/${result.escalationId}` }, result.walkText);
  }
  revalidatePath("/l1");
  revalidatePath("/escalations");
  revalidatePath(`/sessions/${sessionId}`);
  return {
    escalationId: result.escalationId,
    notified: result.notified,
    alreadyEscalated: result.alreadyEscalated,
    warning: result.notified === 0 ? "Nobody is set up to receive escalations, so nobody was notified. Your escalation is saved in the inbox for the account's admins; tell your admin." : null,
  };
});

/** Claims an open escalation: a conditional UPDATE, so of two claims exactly one wins. */
export const claimEscalation = authedAction({ schema: escalationRefSchema, role: INBOX_ROLE }, async ({ escalationId }, user) => {
  const claimed = await db.$transaction(async (tx) => {
    const { count } = await tx.escalation.updateMany({
      where: { AND: [{ id: escalationId, status: "open" }, inboxWhere(user)] },
      data: { status: "claimed", claimedById: user.id, claimedAt: new Date() },
    });
    const row = await tx.escalation.findFirst({
      where: { AND: [{ id: escalationId }, inboxWhere(user)] },
      select: { status: true, claimedById: true, claimedBy: { select: { name: true } }, from: { select: recipientSelect }, session: { select: { flowName: true, problem: true } } },
    });
    if (!row) throw notFound("Escalation");
    if (!count) {
      if (row.status === "claimed" && row.claimedById === user.id) return { alreadyYours: true };
      if (row.status === "resolved") throw conflict("This escalation is already resolved.");
      throw conflict(`${row.claimedBy?.name ?? "Someone else"} claimed this escalation first.`);
    }
    if (row.from) {
      await notifyInApp(tx, user.accountId, [row.from], {
        kind: "escalation_claimed",
        title: `${user.name} is on it: ${row.session.problem.slice(0, 120) || row.session.flowName}`,
        body: `${user.name} claimed your escalation.`,
        href: "/l1",
      });
    }
    return { alreadyYours: false };
  });
  revalidatePath("/escalations");
  revalidatePath(`/escalations/${escalationId}`);
  return { escalationId, ...claimed };
});

/** Appends a working note (one SQL statement: concurrent notes never overwrite each other). */
export const addEscalationNote = authedAction({ schema: escalationNoteSchema, role: INBOX_ROLE }, async ({ escalationId, text }, user) => {
  const note = { id: randomUUID(), authorId: user.id, authorName: user.name, text, at: new Date().toISOString() };
  const updated = await db.$executeRaw`
    UPDATE "Escalation" SET notes = notes || ${JSON.stringify([note])}::jsonb, "updatedAt" = now()
     WHERE id = ${escalationId}::uuid AND "accountId" = ${user.accountId}::uuid`;
  if (!updated) throw notFound("Escalation");
  revalidatePath(`/escalations/${escalationId}`);
  return { noteId: note.id };
});

/** Resolves an escalation (its claimer or an admin) and sends the resolution back to the L1 tech. */
export const resolveEscalation = authedAction({ schema: resolveEscalationSchema, role: INBOX_ROLE }, async ({ escalationId, resolution }, user) => {
  const result = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Escalation" WHERE id = ${escalationId}::uuid AND "accountId" = ${user.accountId}::uuid FOR UPDATE`;
    const row = await tx.escalation.findFirst({
      where: { AND: [{ id: escalationId }, inboxWhere(user)] },
      select: { status: true, claimedById: true, from: { select: recipientSelect }, session: { select: { flowName: true, problem: true } } },
    });
    if (!row) throw notFound("Escalation");
    if (row.status === "resolved") throw conflict("This escalation is already resolved.");
    if (!canResolveEscalation(user, row)) {
      throw new AppError("forbidden", row.status === "open" ? "Claim this escalation before resolving it." : "Only the engineer who claimed it or an admin can resolve it.");
    }
    await tx.escalation.update({
      where: { id: escalationId },
      data: { status: "resolved", resolution, resolvedAt: new Date(), claimedById: row.claimedById ?? user.id, claimedAt: row.claimedById ? undefined : new Date() },
    });
    const recipients = row.from && row.from.id !== user.id ? [row.from] : [];
    const note = {
      kind: "escalation_resolved" as const,
      title: `Resolved: ${row.session.problem.slice(0, 120) || row.session.flowName}`,
      body: `${user.name} resolved your escalation: ${resolution.slice(0, 500)}`,
      href: "/l1",
    };
    await notifyInApp(tx, user.accountId, recipients, note);
    return { recipients, note };
  });
  if (result.recipients.length) await notifyByEmail(result.recipients, result.note);
  revalidatePath("/escalations");
  revalidatePath(`/escalations/${escalationId}`);
  revalidatePath("/l1");
  return { escalationId };
});
