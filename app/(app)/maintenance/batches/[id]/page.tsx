import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BatchHub } from "@/components/maintenance/batch-hub";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { MANAGE_ROLE } from "@/lib/maintenance/access";
import { getBatchHub } from "@/lib/maintenance/queries";

export const metadata: Metadata = { title: "Batch" };

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const hub = await getBatchHub(user, (await params).id).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return <BatchHub initial={hub} canManage={hasRole(user.role, MANAGE_ROLE)} />;
}
