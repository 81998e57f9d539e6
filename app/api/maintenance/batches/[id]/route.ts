// The batch hub's live data (polled while anything is in progress): the box score and the page
// of cards the hub shows (?state=&q=&page=), never every target of a big batch.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/route";
import { hubViewSchema } from "@/lib/maintenance/maintenance.validation";
import { getBatchHub } from "@/lib/maintenance/queries";

export const dynamic = "force-dynamic";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (request, user, { params }) => {
  const search = new URL(request.url).searchParams;
  const view = hubViewSchema.parse({ state: search.get("state") ?? undefined, q: search.get("q") ?? undefined, page: search.get("page") ?? undefined });
  return NextResponse.json(await getBatchHub(user, (await params).id, view), { headers: { "cache-control": "no-store" } });
});
