// Flow library search for the client (react-query): GET /api/flows?q=&type=&…
import { NextResponse } from "next/server";
import { librarySearchSchema } from "@/lib/flows/flow.validation";
import { searchFlows } from "@/lib/flows/queries";
import { withUser } from "@/lib/http/route";

export const GET = withUser(async (request, user) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await searchFlows(user, librarySearchSchema.parse(params));
  return NextResponse.json(result, { headers: { "Cache-Control": "private, no-store" } });
});
