// (b) Step library: the sync's statements and time during a 500-step publish beside a naive
// per-step upsert loop, and library search over 50,000 steps with and without the trigram index.
import "./count-queries";
import { it } from "vitest";
import { db, type Tx } from "@/lib/db/client";
import { readStructure } from "@/lib/flows/structure";
import { extractLibrarySteps } from "@/lib/library/extract";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { searchLibrary } from "@/lib/library/queries";
import { syncFlowToLibrary } from "@/lib/library/sync";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTenant } from "@/tests/helpers/factories";
import { publishAs } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { bigProcedure, WORDS } from "./fixtures";
import { ms, printTable, ratio, sequential } from "./measure";

/** What the sync would be without the bulk statement: one Prisma upsert per step, in one transaction. */
async function naiveSync(tx: Tx, flowId: string) {
  const flow = await tx.flow.findUniqueOrThrow({ where: { id: flowId }, select: { accountId: true, teamId: true, authorId: true, type: true, visibility: true, structure: true } });
  const steps = extractLibrarySteps({ ...readStructure(flow.type, flow.structure), visibility: flow.visibility });
  for (const s of steps) {
    const fields = { title: s.title, type: s.type, content: s.content as Prisma.InputJsonValue, searchText: s.searchText, groupLabel: s.groupLabel, visibility: s.visibility, teamId: flow.teamId, authorId: flow.authorId, isActive: true };
    await tx.libraryStep.upsert({
      where: { sourceTreeId_sourceNodeId: { sourceTreeId: flowId, sourceNodeId: s.sourceNodeId } },
      create: { ...fields, accountId: flow.accountId, sourceTreeId: flowId, sourceNodeId: s.sourceNodeId },
      update: fields,
    });
  }
  await tx.libraryStep.updateMany({ where: { sourceTreeId: flowId, isActive: true, sourceNodeId: { notIn: steps.map((s) => s.sourceNodeId) } }, data: { isActive: false } });
}

it("library sync: one bulk upsert beside a per-step upsert loop", async () => {
  const { engineer } = await createTenant();
  const { flowId } = await publishAs(engineer, "procedural", bigProcedure(500), { variables: [] });
  const entries = await db.libraryStep.count({ where: { sourceTreeId: flowId, isActive: true } });
  const long = { timeout: 120_000, maxWait: 10_000 };

  const bulkCount = (await countStatements(() => db.$transaction((tx) => syncFlowToLibrary(tx, flowId, null), long))).statements.length;
  const naiveCount = (await countStatements(() => db.$transaction((tx) => naiveSync(tx, flowId), long))).statements.length;
  const bulk = await sequential(10, () => db.$transaction((tx) => syncFlowToLibrary(tx, flowId, null), long));
  const naive = await sequential(5, () => db.$transaction((tx) => naiveSync(tx, flowId), long));
  printTable(`(b1) Library sync of a 500-step procedure (${entries} entries, all already present: a republish)`, ["sync", "runs", "median ms", "p95 ms", "statements"], [
    ["bulk (lib/library/sync.ts)", bulk.runs, ms(bulk.p50), ms(bulk.p95), bulkCount],
    ["naive upsert per step", naive.runs, ms(naive.p50), ms(naive.p95), naiveCount],
  ], [
    `speed-up of the bulk sync: ${ratio(naive.p50, bulk.p50)} (median), ${ratio(naiveCount, bulkCount)} fewer statements; target ≤ 3 statements: ${bulkCount <= 3 ? "met" : "MISSED"}`,
    "statements: BEGIN/COMMIT not counted; both run in one transaction.",
  ]);
});

it("library search over 50,000 steps, with and without the trigram index", async () => {
  const { account, admin, engineer } = await createTenant();
  await db.$executeRaw`
    WITH v AS (SELECT ${WORDS}::text[] AS w)
    INSERT INTO "LibraryStep" ("id", "accountId", "authorId", "title", "type", "content", "searchText", "visibility", "isActive", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${account.id}::uuid, ${engineer.id}::uuid, t.title,
           (CASE WHEN g % 5 = 0 THEN 'solution' ELSE 'action' END)::"LibraryStepType",
           jsonb_build_object('instructions', t.body, 'helpText', '', 'commands', jsonb_build_array(jsonb_build_object('label', '', 'command', t.command, 'commandType', 'powershell')), 'groupLabel', NULL),
           lower(t.title || E'\n' || t.body || E'\n ' || t.command), 'account'::"Visibility", true, now() - g * interval '1 minute', now()
    FROM generate_series(1, 50000) AS g, v,
    LATERAL (SELECT
      initcap(v.w[1 + mod(abs(hashint4(g)::bigint), 40)]) || ' the ' || v.w[1 + mod(abs(hashint4(g + 1000003)::bigint), 40)] || ' on host ' || g AS title,
      'Check the ' || v.w[1 + mod(abs(hashint4(g + 2000003)::bigint), 40)] || ' and the ' || v.w[1 + mod(abs(hashint4(g + 3000003)::bigint), 40)]
        || ' before you continue.' || CASE WHEN g % 500 = 0 THEN ' Then clear the zorblax queue.' ELSE '' END AS body,
      'Get-' || initcap(v.w[1 + mod(abs(hashint4(g + 4000003)::bigint), 40)]) || ' -ComputerName srv' || (g % 97) AS command
    ) AS t`;
  await db.$executeRawUnsafe(`ANALYZE "LibraryStep"`);

  const queries = ["zorblax", "spooler", "restart spooler", "get-bitlocker", "no-such-words-here"];
  const viewer = admin;
  const run = async () => {
    const out = new Map<string, { p50: number; p95: number; total: number }>();
    for (const q of queries) {
      const search = librarySearchSchema.parse({ q });
      const total = Number((await searchLibrary(viewer, search)).total);
      const timing = await sequential(15, () => searchLibrary(viewer, search), 2);
      out.set(q, { p50: timing.p50, p95: timing.p95, total });
    }
    return out;
  };
  const statements = (await countStatements(() => searchLibrary(viewer, librarySearchSchema.parse({ q: "spooler" })))).statements.length;

  const indexed = await run();
  const [{ indexdef }] = await db.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE indexname = 'LibraryStep_searchText_trgm_idx'`;
  let scanned: Awaited<ReturnType<typeof run>>;
  await db.$executeRawUnsafe(`DROP INDEX "LibraryStep_searchText_trgm_idx"`);
  try {
    scanned = await run();
  } finally {
    await db.$executeRawUnsafe(indexdef);
  }

  printTable("(b2) searchLibrary over 50,000 steps of one account (15 runs per query)", ["query", "matches", "p50 indexed", "p95 indexed", "p50 no index", "p95 no index", "speed-up p50"], queries.map((q) => {
    const a = indexed.get(q)!;
    const b = scanned.get(q)!;
    return [JSON.stringify(q), a.total, ms(a.p50), ms(a.p95), ms(b.p50), ms(b.p95), ratio(b.p50, a.p50)];
  }), [`statements per search: ${statements} (the rows, the total and the visibility check in one SQL statement)`, "no index = the same query after DROP INDEX LibraryStep_searchText_trgm_idx (re-created afterwards)."]);
});
