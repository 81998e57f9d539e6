import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { FlowEditor } from "@/components/flow-editor/flow-editor";
import { requirePageUser } from "@/lib/auth/current-user";
import { libraryFacets, getFlowDetail } from "@/lib/flows/queries";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Edit flow" };

export default async function EditFlowPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("engineer");
  const { id } = await params;
  const flow = await getFlowDetail(user, id).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  if (!flow.editable) redirect(`/flows/${id}?readonly=1`);
  const { categories } = await libraryFacets(user);
  return (
    <FlowEditor
      categories={categories}
      flow={{
        id: flow.id,
        type: flow.type,
        status: flow.status,
        isActive: flow.isActive,
        version: flow.version,
        meta: { name: flow.name, description: flow.description, category: flow.category ?? "", tags: flow.tags, visibility: flow.visibility },
        variables: flow.variables,
        structure: flow.structure,
      }}
    />
  );
}
