// Step library search for the client (react-query): GET /api/library?q=&type=&…
import { NextResponse } from "next/server";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { searchLibrary } from "@/lib/library/queries";
import { withUser } from "@/lib/http/route";

export const GET = withUser(async (request, user) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await searchLibrary(user, librarySearchSchema.parse(params));
  return NextResponse.json(result, { headers: { "Cache-Control": "private, no-store" } });
});
