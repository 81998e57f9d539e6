import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EscalationDetail } from "@/components/escalations/escalation-detail";
import { requirePageUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { INBOX_ROLE } from "@/lib/escalations/access";
import { escalationDetail } from "@/lib/escalations/queries";

export const metadata: Metadata = { title: "Escalation" };

export default async function EscalationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(INBOX_ROLE);
  const { id } = await params;
  const escalation = await escalationDetail(user, id).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return <EscalationDetail escalation={escalation} />;
}
