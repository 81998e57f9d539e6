import type { Metadata } from "next";
import { NewFlowForm } from "@/components/flows/new-flow-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { libraryFacets } from "@/lib/flows/queries";
import { FLOW_TYPES, type FlowType } from "@/lib/flows/structure";

export const metadata: Metadata = { title: "New flow" };

export default async function NewFlowPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const user = await requirePageUser("engineer");
  const { type } = await searchParams;
  const { categories } = await libraryFacets(user);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">New flow</h1>
        <p className="mt-1 text-fg-muted">Start with the basics; you build the steps in the editor next.</p>
      </div>
      <Card className="p-6">
        <NewFlowForm categories={categories} initialType={FLOW_TYPES.includes(type as FlowType) ? (type as FlowType) : undefined} />
      </Card>
    </div>
  );
}
