// The batch hub's live data (polled while anything is in progress).
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/route";
import { getBatchHub } from "@/lib/maintenance/queries";

export const dynamic = "force-dynamic";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  return NextResponse.json(await getBatchHub(user, (await params).id), { headers: { "cache-control": "no-store" } });
});
