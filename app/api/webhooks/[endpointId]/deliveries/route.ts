// Settings → Webhooks → an endpoint's delivery log, a keyset page at a time (react-query's
// "Load more"): GET /api/webhooks/<endpointId>/deliveries?status=all|pending|succeeded|failed&cursor=
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { withUser } from "@/lib/http/route";
import { listWebhookDeliveries } from "@/lib/webhooks/queries";

export const GET = withUser(async (request, user, context: { params: Promise<{ endpointId: string }> }) => {
  const endpointId = z.uuid().safeParse((await context.params).endpointId);
  if (!endpointId.success) throw notFound("Webhook endpoint");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const page = await listWebhookDeliveries(user, endpointId.data, params);
  return NextResponse.json(page, { headers: { "Cache-Control": "private, no-store" } });
});
