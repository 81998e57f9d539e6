// One target list with all its targets, for its editor: the Target lists tab sends only what its
// rows show (name, count, a preview line) and the editor loads the targets when it opens.
// Same visibility rule as the tab (getTargetList); another account's list is "not found".
import { NextResponse } from "next/server";
import { hasRole } from "@/lib/auth/roles";
import { forbidden } from "@/lib/errors";
import { withUser } from "@/lib/http/route";
import { MANAGE_ROLE } from "@/lib/maintenance/access";
import { getTargetList } from "@/lib/maintenance/queries";

export const dynamic = "force-dynamic";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  if (!hasRole(user.role, MANAGE_ROLE)) throw forbidden();
  return NextResponse.json(await getTargetList(user, (await params).id), { headers: { "cache-control": "no-store" } });
});
