import { launchBatchApi } from "@/lib/api/batches";
import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";

export const POST = apiRoute(operations.launchBatch, ({ user, body }) => data(launchBatchApi(user, body), 201));
