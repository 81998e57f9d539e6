import type { Metadata } from "next";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { WEBHOOK_ROLE } from "@/lib/webhooks/access";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requirePageUser(WEBHOOK_ROLE);
  const endpoints = await listWebhookEndpoints(user);
  return (
    <Card>
      <CardHeader title="Webhooks" description="Send events to your PSA, RMM or chat as they happen, signed so the receiver can trust them." />
      <EndpointList
        endpoints={endpoints.map((e) => ({
          id: e.id, url: e.url, description: e.description, events: e.events, active: e.active,
          latest: e.latest && { status: e.latest.status, lastStatusCode: e.latest.lastStatusCode, updatedAt: e.latest.updatedAt.toISOString() },
        }))}
      />
    </Card>
  );
}
