import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BatchContextStrip } from "@/components/maintenance/batch-context-strip";
import { PreparedSessionStart } from "@/components/sessions/prepared-session-start";
import { SessionRunner } from "@/components/session-runner/session-runner";
import { SessionSummary } from "@/components/session-summary/session-summary";
import { requirePageUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { batchContext, batchTicketExtras } from "@/lib/maintenance/queries";
import { getSessionView } from "@/lib/sessions/queries";
import { buildTicketExports } from "@/lib/sessions/ticket";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const session = await getSessionView(user, id).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });

  const batch = session.flowType === "maintenance" ? await batchContext(user, session.id) : null;
  const strip = batch ? <BatchContextStrip context={batch} /> : null;
  if (session.status === "prepared") {
    return <>{strip}<PreparedSessionStart session={session} canStart={session.canStart} /></>;
  }
  if (session.status === "active") return <>{strip}<SessionRunner session={session} /></>;

  return <>{strip}<SessionSummary session={session} ticket={buildTicketExports(session, batchTicketExtras(batch))} /></>;
}
