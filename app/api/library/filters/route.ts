// Step library's filter choices (groups, source flows) for the client: GET /api/library/filters
import { NextResponse } from "next/server";
import { libraryFilters } from "@/lib/library/queries";
import { withUser } from "@/lib/http/route";

export const GET = withUser(async (_request, user) =>
  NextResponse.json(await libraryFilters(user), { headers: { "Cache-Control": "private, no-store" } }));
