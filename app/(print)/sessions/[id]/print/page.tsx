import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "@/components/ui/icons";
import { PrintButton } from "@/components/session-summary/print-button";
import { requirePageUser } from "@/lib/auth/current-user";
import { getAssistantSessionView, visibleSessionKind } from "@/lib/assistant/queries";
import { AppError } from "@/lib/errors";
import { batchContext, batchTicketExtras } from "@/lib/maintenance/queries";
import { getSessionView } from "@/lib/sessions/queries";
import { buildTicketRecord, formatTicket } from "@/lib/sessions/ticket";

export const metadata: Metadata = { title: "Print session" };

// The ticket note's HTML has only h3, p, ol, li, strong and br, every user string escaped.
const NOTE_STYLES = [
  "text-[15px] leading-relaxed",
  "[&_h3]:mt-6 [&_h3]:mb-2 [&_h3]:border-b [&_h3]:border-neutral-200 [&_h3]:pb-1 [&_h3]:text-base [&_h3]:font-semibold",
  "[&_h3:first-child]:mt-0 [&_h3:first-child]:border-0 [&_h3:first-child]:text-xl",
  "[&_p]:my-2 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-7 [&_li]:my-1.5 [&_li]:pl-1 [&_li]:break-inside-avoid",
].join(" ");

export default async function SessionPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  // Assistant walks (kind assistant) have their own view; the ticket note renders both.
  const load = async () => ((await visibleSessionKind(user, id)) === "assistant" ? (await getAssistantSessionView(user, id)).session : getSessionView(user, id));
  const session = await load().catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  // A maintenance session's note names its target and batch, as the session page's does.
  const batch = session.flowType === "maintenance" ? await batchContext(user, session.id) : null;
  const html = formatTicket(buildTicketRecord(session, batchTicketExtras(batch)), "html");
  return (
    <main className="mx-auto max-w-3xl px-6 py-8 print:max-w-none print:p-0">
      <div className="mb-6 flex items-center justify-between gap-3 border-b border-neutral-200 pb-4 print:hidden">
        <Link href={`/sessions/${session.id}`} className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-600 hover:underline">
          <ArrowLeft className="h-4 w-4" aria-hidden />
          Back to the session
        </Link>
        <PrintButton />
      </div>
      <article className={NOTE_STYLES} dangerouslySetInnerHTML={{ __html: html }} />
      <p className="mt-8 border-t border-neutral-200 pt-3 text-xs text-neutral-500">Printed from ResolutionFlow.</p>
    </main>
  );
}
