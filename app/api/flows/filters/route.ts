// Flow library's filter choices (categories, tags) for the client: GET /api/flows/filters
import { NextResponse } from "next/server";
import { libraryFacets } from "@/lib/flows/queries";
import { withUser } from "@/lib/http/route";

export const GET = withUser(async (_request, user) =>
  NextResponse.json(await libraryFacets(user), { headers: { "Cache-Control": "private, no-store" } }));
