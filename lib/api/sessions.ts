// /api/v1/sessions: the history's query (historyPageSql) with a keyset page on (updatedAt, id),
// one session, a prepared session (prepareSessionFor) and the ticket note (formatTicket).
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { batchContext } from "@/lib/maintenance/queries";
import { prepareSessionFor } from "@/lib/sessions/prepare-session";
import { getSessionView, historyRowsAfter } from "@/lib/sessions/queries";
import { buildTicketRecord, formatTicket, type TicketFormat } from "@/lib/sessions/ticket";
import type { ApiPrincipal } from "./keys";
import { decodeKeyset, page } from "./pagination";
import type { createSessionBody, sessionDetail, sessionListQuery, sessionSummary, ticketNote, ticketQuery } from "./schemas";

type Viewer = ApiPrincipal["user"];

export async function listSessions(user: Viewer, query: z.output<typeof sessionListQuery>) {
  const rows = await historyRowsAfter(user, { ...query, tab: query.status, mine: undefined }, decodeKeyset(query.cursor), query.limit + 1);
  const result = page(rows, query.limit, (row) => ({ at: row.updatedAtDate, id: row.id }));
  return {
    data: result.data.map((row): z.input<typeof sessionSummary> => {
      const { stepsMarked: _stepsMarked, updatedAtDate: _updatedAtDate, ...item } = row;
      return item;
    }),
    nextCursor: result.nextCursor,
  };
}

export async function getSession(user: Viewer, sessionId: string): Promise<z.input<typeof sessionDetail>> {
  const s = await getSessionView(user, sessionId);
  return {
    id: s.id, status: s.status, flowId: s.flowId, flowName: s.flowName, flowType: s.flowType, flowVersion: s.flowVersion,
    owner: s.owner, assignee: s.assignee, preparedBy: s.preparedBy, variables: s.variables, outcome: s.outcome,
    outcomeNotes: s.outcomeNotes, nextSteps: s.nextSteps, createdAt: s.createdAt, startedAt: s.startedAt, completedAt: s.completedAt,
  };
}

export async function createSession(user: Viewer, body: z.output<typeof createSessionBody>) {
  const { id } = await prepareSessionFor(user, body);
  return getSession(user, id);
}

const TICKET_FORMATS: Record<z.output<typeof ticketQuery>["format"], TicketFormat> = { plain: "text", markdown: "markdown", html: "html" };

/** The same note the session page copies into a ticket (with the batch's target, as there). */
export async function getTicketNote(user: Viewer, sessionId: string, format: z.output<typeof ticketQuery>["format"]): Promise<z.input<typeof ticketNote>> {
  const [session, batch] = await Promise.all([getSessionView(user, sessionId), batchContext(user, sessionId)]);
  return { format, content: formatTicket(buildTicketRecord(session, { target: batch?.target }), TICKET_FORMATS[format]) };
}
