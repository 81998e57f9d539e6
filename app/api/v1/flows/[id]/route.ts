import { getFlow } from "@/lib/api/flows";
import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";

export const GET = apiRoute(operations.getFlow, ({ user, params }) => data(getFlow(user, params.id)));
