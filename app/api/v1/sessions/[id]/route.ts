import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";
import { getSession } from "@/lib/api/sessions";

export const GET = apiRoute(operations.getSession, ({ user, params }) => data(getSession(user, params.id)));
