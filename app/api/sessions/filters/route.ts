// Session history's filter choices (flows, engineers) for the client: GET /api/sessions/filters
import { NextResponse } from "next/server";
import { historyFacets } from "@/lib/sessions/queries";
import { withUser } from "@/lib/http/route";

export const GET = withUser(async (_request, user) =>
  NextResponse.json(await historyFacets(user), { headers: { "Cache-Control": "private, no-store" } }));
