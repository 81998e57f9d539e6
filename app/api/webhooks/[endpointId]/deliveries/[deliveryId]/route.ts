// Settings → Webhooks → an endpoint's delivery log: one delivery's tries, read when its row is
// opened (the log's pages carry only what the rows show): GET /api/webhooks/<endpointId>/deliveries/<deliveryId>
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { withUser } from "@/lib/http/route";
import { listDeliveryAttempts } from "@/lib/webhooks/queries";

export const GET = withUser(async (_request, user, context: { params: Promise<{ endpointId: string; deliveryId: string }> }) => {
  const params = await context.params;
  const endpointId = z.uuid().safeParse(params.endpointId);
  const deliveryId = z.uuid().safeParse(params.deliveryId);
  if (!endpointId.success || !deliveryId.success) throw notFound("Webhook delivery");
  const attempts = await listDeliveryAttempts(user, endpointId.data, deliveryId.data);
  return NextResponse.json(attempts, { headers: { "Cache-Control": "private, no-store" } });
});
