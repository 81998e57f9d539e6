// The header bell's list, loaded when the bell is opened (react-query): GET /api/notifications →
// { unread, items }. Only the signed-in user's own notifications of their own account.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/route";
import { bellFor } from "@/lib/notifications/queries";

export const dynamic = "force-dynamic";

export const GET = withUser(async (_request, user) =>
  NextResponse.json(await bellFor(user), { headers: { "cache-control": "private, no-store" } }));
