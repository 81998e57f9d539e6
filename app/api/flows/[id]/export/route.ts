// Download a flow as JSON (the format lib/flows/portable.ts imports).
import { z } from "zod";
import { getVisibleFlowOrThrow } from "@/lib/flows/access";
import { exportFlow } from "@/lib/flows/portable";
import { readStructure } from "@/lib/flows/structure";
import { readVariables } from "@/lib/flows/variables";
import { notFound } from "@/lib/errors";
import { withUser } from "@/lib/http/route";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) throw notFound("Flow");
  const flow = await getVisibleFlowOrThrow(user, id, {
    name: true, description: true, type: true, category: true, visibility: true, variables: true, structure: true,
    tags: { select: { tag: { select: { name: true } } } },
  });
  const body = exportFlow({
    ...flow,
    tags: flow.tags.map((t) => t.tag.name),
    variables: readVariables(flow.variables),
    structure: readStructure(flow.type, flow.structure).structure,
  });
  const filename = `${flow.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "flow"}.flow.json`;
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
