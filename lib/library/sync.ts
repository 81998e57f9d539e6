// Keeps the step library in step with published flows, inside the publish transaction:
// one INSERT … ON CONFLICT DO UPDATE for every step, one UPDATE deactivating removed steps.
// Usage counts and ratings live on the rows and survive; ids stay stable.
import type { Tx } from "@/lib/db/client";
import { readStructure } from "@/lib/flows/structure";
import { extractLibrarySteps } from "./extract";

export async function syncFlowToLibrary(tx: Tx, flowId: string, fallbackAuthorId: string | null): Promise<number> {
  const flow = await tx.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: { accountId: true, teamId: true, authorId: true, type: true, visibility: true, structure: true },
  });
  const steps = extractLibrarySteps({ ...readStructure(flow.type, flow.structure), visibility: flow.visibility });
  const authorId = flow.authorId ?? fallbackAuthorId;
  const rows = JSON.stringify(
    steps.map((s) => ({
      sourceNodeId: s.sourceNodeId, title: s.title, type: s.type, content: s.content, groupLabel: s.groupLabel,
      visibility: s.visibility, searchText: s.searchText,
    })),
  );
  if (steps.length) {
    await tx.$executeRaw`
      INSERT INTO "LibraryStep" ("id", "accountId", "teamId", "authorId", "title", "type", "content", "searchText", "groupLabel",
                                 "visibility", "isActive", "sourceTreeId", "sourceNodeId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${flow.accountId}::uuid, ${flow.teamId}::uuid, ${authorId}::uuid, r."title", r."type"::"LibraryStepType",
             r."content", r."searchText", r."groupLabel", r."visibility"::"Visibility", true, ${flowId}::uuid, r."sourceNodeId", now(), now()
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("sourceNodeId" text, "title" text, "type" text, "content" jsonb,
                                                  "groupLabel" text, "visibility" text, "searchText" text)
      ON CONFLICT ("sourceTreeId", "sourceNodeId") DO UPDATE SET
        "title" = EXCLUDED."title", "type" = EXCLUDED."type", "content" = EXCLUDED."content",
        "searchText" = EXCLUDED."searchText", "groupLabel" = EXCLUDED."groupLabel", "visibility" = EXCLUDED."visibility",
        "teamId" = EXCLUDED."teamId", "authorId" = EXCLUDED."authorId", "isActive" = true, "updatedAt" = now()`;
  }
  const ids = steps.map((s) => s.sourceNodeId);
  await tx.$executeRaw`
    UPDATE "LibraryStep" SET "isActive" = false, "updatedAt" = now()
    WHERE "sourceTreeId" = ${flowId}::uuid AND "isActive" AND NOT ("sourceNodeId" = ANY(${ids}::text[]))`;
  return steps.length;
}

/** Unpublish, deactivate, delete: the flow's synced entries leave the library (forks stay). */
export async function deactivateFlowSteps(tx: Tx, flowId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "LibraryStep" SET "isActive" = false, "updatedAt" = now() WHERE "sourceTreeId" = ${flowId}::uuid AND "isActive"`;
}
