// /api/v1/library/steps: the library search (searchLibrary, ranked, so its cursor names the next
// page) and one step under the same visibility rule (visibleLibraryWhere).
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { visibleFlowsWhere } from "@/lib/flows/access";
import type { LibraryContent } from "@/lib/library/extract";
import { visibleLibraryWhere } from "@/lib/library/access";
import { searchLibraryWithContent, type LibraryCard } from "@/lib/library/queries";
import type { ApiPrincipal } from "./keys";
import { decodePage, encodePage } from "./pagination";
import type { libraryListQuery, libraryStep } from "./schemas";

type Viewer = ApiPrincipal["user"];
type Step = z.input<typeof libraryStep>;

const toStep = (s: Omit<LibraryCard, "synced" | "mine" | "editable" | "authorName" | "content"> & { content: LibraryContent }): Step => ({
  id: s.id, title: s.title, type: s.type, groupLabel: s.groupLabel, visibility: s.visibility, tags: s.tags,
  instructions: s.content.instructions ?? "", helpText: s.content.helpText ?? "", commands: s.content.commands ?? [],
  usageCount: s.usageCount, helpfulCount: s.helpfulCount, unhelpfulCount: s.unhelpfulCount, sourceFlow: s.sourceFlow,
});

export async function searchLibrarySteps(user: Viewer, query: z.output<typeof libraryListQuery>) {
  const pageNumber = decodePage(query.cursor);
  const result = await searchLibraryWithContent(user, { q: query.q, type: query.type, group: query.group, flowId: query.flowId, sort: query.sort, page: pageNumber, visibility: undefined, mine: undefined });
  return { data: result.items.map(toStep), nextCursor: result.more ? encodePage(pageNumber + 1) : null };
}

export async function getLibraryStep(user: Viewer, stepId: string): Promise<Step> {
  const step = await db.libraryStep.findFirst({
    where: { AND: [{ id: stepId }, visibleLibraryWhere(user), { isActive: true }] },
    select: {
      id: true, title: true, type: true, groupLabel: true, visibility: true, tags: true, content: true, usageCount: true,
      helpfulCount: true, unhelpfulCount: true, sourceTreeId: true, sourceNodeId: true,
    },
  });
  if (!step) throw notFound("Library step");
  const flow = step.sourceTreeId
    ? await db.flow.findFirst({ where: { AND: [{ id: step.sourceTreeId }, visibleFlowsWhere(user)] }, select: { id: true, name: true } })
    : null;
  return toStep({ ...step, content: step.content as LibraryContent, sourceFlow: flow });
}
