import { getBatch } from "@/lib/api/batches";
import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";

export const GET = apiRoute(operations.getBatch, ({ user, params }) => data(getBatch(user, params.id)));
