// Target lists for the "Run on targets" and schedule dialogs, loaded when a dialog opens and
// searched by name (?q=), a page at a time: the flow page does not carry every list.
import { NextResponse } from "next/server";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { forbidden } from "@/lib/errors";
import { withUser } from "@/lib/http/route";
import { MANAGE_ROLE } from "@/lib/maintenance/access";
import { searchText } from "@/lib/validation/text";
import { searchTargetLists } from "@/lib/maintenance/queries";

export const dynamic = "force-dynamic";

// Control characters (NUL) in ?q= are refused with a 400, as every search parameter is (lib/validation/text.ts).
const querySchema = z.object({ q: searchText(120).default("") });

export const GET = withUser(async (request, user) => {
  if (!hasRole(user.role, MANAGE_ROLE)) throw forbidden();
  const { q } = querySchema.parse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  return NextResponse.json(await searchTargetLists(user, q), { headers: { "cache-control": "no-store" } });
});
