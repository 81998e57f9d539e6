import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "@/components/ui/icons";
import { FlowTypeBadge } from "@/components/flows/flow-meta";
import { StructureView } from "@/components/flows/structure-view";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requirePageUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getFlowVersion } from "@/lib/flows/queries";

export const metadata: Metadata = { title: "Flow version" };

export default async function FlowVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const user = await requirePageUser();
  const { id, version } = await params;
  const snapshot = await getFlowVersion(user, id, Number(version)).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <Link href={`/flows/${id}`} className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"><ArrowLeft className="h-4 w-4" aria-hidden />Back to the flow</Link>
      <div>
        <div className="flex items-center gap-2"><FlowTypeBadge type={snapshot.type} /><span className="text-sm text-fg-muted">Version {snapshot.version} · published <LocalTime value={snapshot.publishedAt} /></span></div>
        <h1 className="mt-2 text-2xl font-semibold">{snapshot.name}</h1>
        {snapshot.description && <p className="mt-1 whitespace-pre-line text-fg-muted">{snapshot.description}</p>}
      </div>
      <Card className="p-4"><StructureView type={snapshot.type} structure={snapshot.structure} visibility="team" /></Card>
    </div>
  );
}
