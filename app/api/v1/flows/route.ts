import { listFlows } from "@/lib/api/flows";
import { operations } from "@/lib/api/operations";
import { apiRoute, list } from "@/lib/api/route";

export const GET = apiRoute(operations.listFlows, ({ user, query }) => list(listFlows(user, query)));
