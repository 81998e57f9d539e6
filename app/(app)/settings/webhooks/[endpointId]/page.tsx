import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointPanel } from "@/components/webhooks/endpoint-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { WEBHOOK_ROLE } from "@/lib/webhooks/access";
import { MAX_ATTEMPTS } from "@/lib/webhooks/drain";
import { DELIVERY_LOG_SIZE, getWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const user = await requirePageUser(WEBHOOK_ROLE);
  const id = z.string().uuid().safeParse((await params).endpointId);
  if (!id.success) notFound();
  const [endpoint, firstPage] = await Promise.all([getWebhookEndpoint(user, id.data), listWebhookDeliveries(user, id.data)]).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <Link href="/settings/webhooks" className="text-sm text-brand-700 hover:underline dark:text-brand-300">← All endpoints</Link>
      <Card>
        <CardHeader title="Endpoint" description={endpoint.createdBy ? `Added by ${endpoint.createdBy.name}` : undefined} />
        <EndpointPanel endpoint={{ id: endpoint.id, url: endpoint.url, description: endpoint.description, events: endpoint.events, active: endpoint.active }} />
      </Card>
      <Card>
        <CardHeader title="Delivery log" description={`Newest first, ${DELIVERY_LOG_SIZE} at a time. Failed sends are retried after 1 min, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then marked failed.`} />
        <DeliveryLog endpointId={endpoint.id} maxAttempts={MAX_ATTEMPTS} firstPage={firstPage} />
      </Card>
    </div>
  );
}
