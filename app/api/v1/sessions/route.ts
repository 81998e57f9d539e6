import { operations } from "@/lib/api/operations";
import { apiRoute, data, list } from "@/lib/api/route";
import { createSession, listSessions } from "@/lib/api/sessions";

export const GET = apiRoute(operations.listSessions, ({ user, query }) => list(listSessions(user, query)));
export const POST = apiRoute(operations.createSession, ({ user, body }) => data(createSession(user, body), 201));
