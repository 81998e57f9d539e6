// Vercel Cron (listed in vercel.json) calls this with GET and `Authorization: Bearer $CRON_SECRET`.
import { NextResponse } from "next/server";
import { isCronAuthorized } from "@/lib/maintenance/cron-secret";
import { runCronTick } from "@/lib/maintenance/cron-tick";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  if (!isCronAuthorized(request.headers.get("authorization"))) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  try {
    return NextResponse.json(await runCronTick());
  } catch (error) {
    console.error("[cron] maintenance tick failed", error);
    return NextResponse.json({ error: "The tick failed; it runs again at the next one." }, { status: 500 });
  }
}
