import { getLibraryStep } from "@/lib/api/library";
import { operations } from "@/lib/api/operations";
import { apiRoute, data } from "@/lib/api/route";

export const GET = apiRoute(operations.getLibraryStep, ({ user, params }) => data(getLibraryStep(user, params.id)));
