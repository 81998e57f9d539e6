import { searchLibrarySteps } from "@/lib/api/library";
import { operations } from "@/lib/api/operations";
import { apiRoute, list } from "@/lib/api/route";

export const GET = apiRoute(operations.searchLibrary, ({ user, query }) => list(searchLibrarySteps(user, query)));
