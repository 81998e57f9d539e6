import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";
import { getTicketNote } from "@/lib/api/sessions";

export const GET = apiRoute(operations.getTicketNote, ({ user, params, query }) => data(getTicketNote(user, params.id, query.format)));
