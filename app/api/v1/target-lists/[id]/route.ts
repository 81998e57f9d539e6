import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";
import { deleteTargetListApi, getTargetListDetail, updateTargetListApi } from "@/lib/api/target-lists";

export const GET = apiRoute(operations.getTargetList, ({ user, params }) => data(getTargetListDetail(user, params.id)));
export const PUT = apiRoute(operations.updateTargetList, ({ user, params, body }) => data(updateTargetListApi(user, params.id, body)));
export const DELETE = apiRoute(operations.deleteTargetList, ({ user, params }) => data(deleteTargetListApi(user, params.id)));
