import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BatchContextStrip } from "@/components/maintenance/batch-context-strip";
import { PreparedSessionStart } from "@/components/sessions/prepared-session-start";
import { AssistantRunner } from "@/components/assistant/assistant-runner";
import { SessionRunner } from "@/components/session-runner/session-runner";
import { SessionSummary } from "@/components/session-summary/session-summary";
import { requirePageUser } from "@/lib/auth/current-user";
import { getAssistantSessionView, visibleSessionKind } from "@/lib/assistant/queries";
import { AppError } from "@/lib/errors";
import { batchContext, batchTicketExtras } from "@/lib/maintenance/queries";
import { getSessionView } from "@/lib/sessions/queries";
import { buildTicketExports } from "@/lib/sessions/ticket";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  // Sessions are flow runs or AI-assisted walks (kind assistant), each with its own runner.
  if ((await visibleSessionKind(user, id)) === "assistant") {
    const view = await getAssistantSessionView(user, id).catch((error) => {
      if (error instanceof AppError) notFound();
      throw error;
    });
    if (view.session.status === "active") return <AssistantRunner view={view} />;
    return <SessionSummary session={view.session} ticket={buildTicketExports(view.session)} />;
  }
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
