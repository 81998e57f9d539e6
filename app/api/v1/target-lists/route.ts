import { operations } from "@/lib/api/operations";
import { apiRoute, data, list } from "@/lib/api/route";
import { createTargetListApi, listTargetListsPage } from "@/lib/api/target-lists";

export const GET = apiRoute(operations.listTargetLists, ({ user, query }) => list(listTargetListsPage(user, query)));
export const POST = apiRoute(operations.createTargetList, ({ user, body }) => data(createTargetListApi(user, body), 201));
