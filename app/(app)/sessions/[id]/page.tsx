import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PreparedSessionStart } from "@/components/sessions/prepared-session-start";
import { SessionRunner } from "@/components/session-runner/session-runner";
import { SessionSummary } from "@/components/session-summary/session-summary";
import { requirePageUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
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

  if (session.status === "prepared") {
    return <PreparedSessionStart session={session} canStart={session.canStart} />;
  }
  if (session.status === "active") return <SessionRunner session={session} />;

  return <SessionSummary session={session} ticket={buildTicketExports(session)} />;
}
