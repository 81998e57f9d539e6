// The offline provider: one suggestion (suggestNext) for an account with 1,000 published
// troubleshooting flows and 50,000 library steps, statements per call and p50/p95 (sequential).
import "./count-queries";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import { offlineProvider } from "@/lib/ai/offline";
import { LIBRARY_RANK_POOL } from "@/lib/ai/retrieve";
import type { SuggestContext } from "@/lib/ai/types";
import { createTenant } from "@/tests/helpers/factories";
import { countStatements } from "./count-queries";
import { WORDS } from "./fixtures";
import { ms, printTable, sequential } from "./measure";

it("offline provider: one suggestion over 1,000 flows and 50,000 library steps", async () => {
  const tenant = await createTenant();
  const accountId = tenant.account.id;
  const engineer = tenant.engineer;
  // 1,000 published troubleshooting flows (a root question with 3 answers → 3 solutions), every 10th about printers.
  await db.$executeRaw`
    WITH v AS (SELECT ${WORDS}::text[] AS w)
    INSERT INTO "Flow" ("id", "accountId", "authorId", "name", "description", "type", "status", "visibility", "isActive", "version", "structure", "createdAt", "updatedAt", "publishedAt")
    SELECT gen_random_uuid(), ${accountId}::uuid, ${engineer.id}::uuid,
           CASE WHEN g % 10 = 0 THEN 'Printer ' || v.w[1 + g % 40] || ' #' || g ELSE initcap(v.w[1 + g % 40]) || ' ' || v.w[1 + (g * 7) % 40] || ' #' || g END,
           'When the ' || v.w[1 + (g * 3) % 40] || ' fails for a user, walk through these checks.',
           'troubleshooting', 'published', 'account', true, 1,
           jsonb_build_object('rootId', 'q', 'nodes', jsonb_build_object(
             'q', jsonb_build_object('type', 'question', 'title', 'Is the ' || v.w[1 + g % 40] || ' working?', 'description', '', 'answers', jsonb_build_array(
               jsonb_build_object('id', 'a1', 'label', 'Yes', 'next', 's1'), jsonb_build_object('id', 'a2', 'label', 'No', 'next', 's2'), jsonb_build_object('id', 'a3', 'label', 'Sometimes ' || g % 7, 'next', 's3'))),
             's1', jsonb_build_object('type', 'solution', 'title', 'Works', 'resolution', '', 'commands', '[]'::jsonb, 'outcome', 'resolved'),
             's2', jsonb_build_object('type', 'solution', 'title', 'Restart it', 'resolution', '', 'commands', '[]'::jsonb, 'outcome', 'resolved'),
             's3', jsonb_build_object('type', 'solution', 'title', 'Replace it', 'resolution', '', 'commands', '[]'::jsonb, 'outcome', 'resolved'))),
           now() - g * interval '1 hour', now(), now()
    FROM generate_series(1, 1000) AS g, v`;
  await db.$executeRaw`
    INSERT INTO "FlowVersion" ("id", "flowId", "version", "name", "description", "structure", "variables", "type", "publishedAt")
    SELECT gen_random_uuid(), f."id", 1, f."name", f."description", f."structure", '[]'::jsonb, f."type", now() FROM "Flow" f WHERE f."accountId" = ${accountId}::uuid`;
  await db.$executeRaw`
    WITH v AS (SELECT ${WORDS}::text[] AS w)
    INSERT INTO "LibraryStep" ("id", "accountId", "authorId", "title", "type", "content", "searchText", "visibility", "isActive", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${accountId}::uuid, ${engineer.id}::uuid, t.title, 'action',
           jsonb_build_object('instructions', t.body, 'helpText', '', 'commands', jsonb_build_array(jsonb_build_object('label', '', 'command', 'Get-Service', 'commandType', 'powershell')), 'groupLabel', NULL),
           lower(t.title || E'\n' || t.body), 'account', true, now() - g * interval '1 minute', now()
    FROM generate_series(1, 50000) AS g, v,
    LATERAL (SELECT initcap(v.w[1 + mod(abs(hashint4(g)::bigint), 40)]) || ' the ' || v.w[1 + mod(abs(hashint4(g + 1000003)::bigint), 40)] || CASE WHEN g % 250 = 0 THEN ' printer' ELSE '' END || ' on host ' || g AS title,
                        'Check the ' || v.w[1 + mod(abs(hashint4(g + 2000003)::bigint), 40)] || ' before you continue.' AS body) t`;
  for (const table of ["Flow", "FlowVersion", "LibraryStep"]) await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  const [flows, steps] = await Promise.all([db.flow.count({ where: { accountId } }), db.libraryStep.count({ where: { accountId } })]);

  const provider = offlineProvider({ client: db, viewer: engineer });
  const first: SuggestContext = { problem: "printer not printing for the finance team", walk: [] };
  const start = await provider.suggestNext(first);
  const s = start.suggestion!;
  const chosen = s.answers[0];
  const answered: SuggestContext = {
    problem: first.problem,
    walk: [{ seq: 0, kind: "question", status: "accepted", title: s.title, body: s.body, answers: s.answers.map((a, i) => ({ id: `x${i}`, label: a.label, source: a.source })), answerId: "x0", answerLabel: chosen.label, commands: [], result: null, sourceFlowId: s.source?.flowId ?? null, sourceNodeId: s.source?.nodeId ?? null, sourceLibraryStepId: null }],
  };
  const other: SuggestContext = { problem: first.problem, walk: [{ ...answered.walk[0], answerId: "other", answerLabel: "paper jam in tray 2" }] };
  const scenarios: [string, SuggestContext][] = [
    ["first suggestion (retrieve flows, clarify or root node)", first],
    ["next node of the followed flow", answered],
    ["'other' answer: library steps", other],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, context] of scenarios) {
    const { result, statements } = await countStatements(() => provider.suggestNext(context));
    const timing = await sequential(30, () => provider.suggestNext(context), 2);
    rows.push([label, result.suggestion ? `${result.suggestion.kind}: ${result.suggestion.title.slice(0, 40)}` : "none", statements.length, ms(timing.p50), ms(timing.p95)]);
  }
  printTable(`Offline provider, ${flows.toLocaleString("en")} published flows and ${steps.toLocaleString("en")} library steps in the account (30 sequential calls each)`,
    ["suggestNext", "suggestion", "statements", "p50 ms", "p95 ms"], rows,
    ["retrieval is one statement per kind (flows: FTS on the stored tsvector OR trigram on the name; steps: FTS only), LIMIT-bounded;",
      `library steps: only the newest ${LIBRARY_RANK_POOL} matches per branch are ranked (createdAt index walk), so a common word (here teams) no longer ranks all its matches;`,
      "candidate trees load in one statement (latest published version of each)."]);
});
