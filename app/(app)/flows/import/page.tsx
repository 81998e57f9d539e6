import type { Metadata } from "next";
import { ImportFlowForm } from "@/components/flows/import-flow-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Import a flow" };

export default async function ImportFlowPage() {
  await requirePageUser("engineer");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Import a flow</h1>
        <p className="mt-1 text-fg-muted">The flow is checked and added to your account as a draft.</p>
      </div>
      <Card className="p-6"><ImportFlowForm /></Card>
    </div>
  );
}
