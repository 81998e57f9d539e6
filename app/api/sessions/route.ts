// Session history for the client (react-query): GET /api/sessions?tab=&flowId=&…
import { NextResponse } from "next/server";
import { historySearchSchema, searchSessions } from "@/lib/sessions/queries";
import { withUser } from "@/lib/http/route";

export const GET = withUser(async (request, user) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await searchSessions(user, historySearchSchema.parse(params));
  return NextResponse.json(result, { headers: { "Cache-Control": "private, no-store" } });
});
