// Prisma hot paths beside a hand-written floor: the same data in one plain SQL statement per
// read, through the same pool. Run in the bench process against the bench database (so no
// HTTP, no rendering): the ratio is what Prisma's query building and relation loading cost.
import { performance } from "node:perf_hooks";
import { countStatements } from "../count-queries";
import { percentile } from "../measure";
import type { LoadedVolume } from "./volumes";

type Viewer = { id: string; accountId: string; teamId: string | null; role: "owner" };
export type HotPath = { label: string; prisma: number; floor: number; statements: number };

/**
 * p50 of each of two reads, called in turns (a, b, a, b, …) after a warm-up of both, so that
 * JIT warm-up and the machine's slower and faster moments fall on both alike.
 */
async function pairedP50(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 20; i++) {
    await a();
    await b();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const start = performance.now();
      await fn();
      samples[k].push(performance.now() - start);
    }
  }
  return [percentile(samples[0], 50), percentile(samples[1], 50)];
}

export async function measureHotPaths(volume: LoadedVolume, runs = 100): Promise<HotPath[]> {
  // Imported late: lib/db/client reads DATABASE_URL on first use, which the caller has set.
  const { db } = await import("../../../lib/db/client");
  const { getFlowDetail } = await import("../../../lib/flows/queries");
  const { searchSessions, historySearchSchema } = await import("../../../lib/sessions/queries");
  const { searchLibrary } = await import("../../../lib/library/queries");
  const { librarySearchSchema } = await import("../../../lib/library/library.validation");
  const [owner] = await db.$queryRaw<{ id: string; teamId: string | null }[]>`SELECT id, "teamId" FROM "User" WHERE email = ${volume.ownerEmail}`;
  const user: Viewer = { id: owner.id, accountId: volume.accountId, teamId: owner.teamId, role: "owner" };
  const sessions = historySearchSchema.parse({});
  const library = librarySearchSchema.parse({});

  // The same data the flow page reads (the flow, author, origin, tags, every version's number,
  // name, date and publisher, the newest version's variables, the fork count), only by accountId
  // rather than the whole visibility rule.
  const flowFloor = () => db.$queryRaw`
    SELECT f."id", f."name", f."description", f."type", f."category", f."status", f."visibility", f."isActive", f."isDefault", f."usageCount",
           f."version", f."updatedAt", f."accountId", f."authorId", f."teamId", f."forkedFromId", f."structure", f."variables", f."forkReason",
           f."createdAt", f."publishedAt", a."name" AS "authorName", o."name" AS "originName",
           (SELECT coalesce(json_agg(t."name"), '[]') FROM "FlowTag" ft JOIN "Tag" t ON t."id" = ft."tagId" WHERE ft."flowId" = f."id") AS "tags",
           (SELECT v."variables" FROM "FlowVersion" v WHERE v."flowId" = f."id" ORDER BY v."version" DESC LIMIT 1) AS "publishedVariables",
           (SELECT coalesce(json_agg(json_build_object('version', v."version", 'name', v."name", 'publishedAt', v."publishedAt", 'publishedBy', p."name") ORDER BY v."version" DESC), '[]')
              FROM "FlowVersion" v LEFT JOIN "User" p ON p."id" = v."publishedById" WHERE v."flowId" = f."id") AS "versions",
           (SELECT count(*) FROM "Flow" k WHERE k."forkedFromId" = f."id") AS "forks"
    FROM "Flow" f LEFT JOIN "User" a ON a."id" = f."authorId" LEFT JOIN "Flow" o ON o."id" = f."forkedFromId"
    WHERE f."id" = ${volume.flowId}::uuid AND f."accountId" = ${user.accountId}::uuid`;
  const sessionsFloor = () => db.$queryRaw`
    SELECT s."id", s."status", s."flowId", s."flowName", s."flowType", s."outcome", s."createdAt", s."startedAt", s."completedAt", s."updatedAt",
           jsonb_array_length(s."path") AS "pathLength", o."id" AS "ownerId", o."name" AS "ownerName", a."id" AS "assigneeId", a."name" AS "assigneeName", p."name" AS "preparedBy",
           (SELECT count(*) FROM (SELECT 1 FROM "Session" c WHERE c."accountId" = ${user.accountId}::uuid AND c."status" = 'active' LIMIT 1001) n) AS "total"
    FROM "Session" s LEFT JOIN "User" o ON o."id" = s."ownerId" LEFT JOIN "User" a ON a."id" = s."assigneeId" LEFT JOIN "User" p ON p."id" = s."preparedById"
    WHERE s."accountId" = ${user.accountId}::uuid AND s."status" = 'active' ORDER BY s."updatedAt" DESC, s."id" DESC LIMIT 25`;
  const libraryFloor = () => db.$queryRaw`
    SELECT s."id", s."title", s."type", left(s."content"->>'instructions', 280) AS "excerpt", s."content"->'commands'->0 AS "firstCommand",
           jsonb_array_length(s."content"->'commands') AS "commandCount", s."groupLabel", s."visibility", s."usageCount", s."helpfulCount", s."unhelpfulCount", s."tags",
           s."sourceNodeId", f."name" AS "flowName", u."name" AS "authorName",
           (SELECT count(*) FROM (SELECT 1 FROM "LibraryStep" c WHERE c."accountId" = ${user.accountId}::uuid AND c."isActive" LIMIT 1001) n) AS "total"
    FROM "LibraryStep" s LEFT JOIN "Flow" f ON f."id" = s."sourceTreeId" LEFT JOIN "User" u ON u."id" = s."authorId"
    WHERE s."accountId" = ${user.accountId}::uuid AND s."isActive" ORDER BY s."createdAt" DESC, s."id" LIMIT 24`;

  const paths: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ["flow by id with relations (getFlowDetail)", () => getFlowDetail(user, volume.flowId), flowFloor],
    ["sessions first page (searchSessions)", () => searchSessions(user, sessions), sessionsFloor],
    ["library first page (searchLibrary)", () => searchLibrary(user, library), libraryFloor],
  ];
  const out: HotPath[] = [];
  for (const [label, prisma, floor] of paths) {
    const statements = (await countStatements(prisma)).statements.length;
    const [prismaP50, floorP50] = await pairedP50(runs, prisma, floor);
    out.push({ label, prisma: prismaP50, floor: floorP50, statements });
  }
  await db.$disconnect();
  return out;
}
