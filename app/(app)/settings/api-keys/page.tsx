import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/api/api-keys-manager";
import { Card, CardHeader } from "@/components/ui/card";
import { API_KEYS_ROLE } from "@/lib/api/access";
import { listApiKeys } from "@/lib/api/queries";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const me = await requirePageUser(API_KEYS_ROLE);
  const keys = await listApiKeys(me.accountId);
  return (
    <Card>
      <CardHeader
        title="API keys"
        description="Keys for the REST API (/api/v1): connect your PSA or RMM to flows, sessions, target lists, batches and the library. A key is shown once, when you create it."
      />
      <ApiKeysManager keys={keys} />
    </Card>
  );
}
