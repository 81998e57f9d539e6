// (c) Running flows: answerNode and setStepState on large sessions (ms and statements per call),
// and the history search for an account with 100,000 sessions at 20 concurrent calls.
import "./count-queries";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import type { ProcedureStructure } from "@/lib/flows/structure";
import { historySearchSchema, searchSessions } from "@/lib/sessions/queries";
import { answerNode, setStepState, startSession } from "@/lib/sessions/sessions.actions";
import { actAs, createTenant, createUser } from "@/tests/helpers/factories";
import { ok, publishAs } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { bigProcedure, chainTree } from "./fixtures";
import { concurrent, ms, printTable, sequential } from "./measure";

const RUNS = 100;

it("answerNode and setStepState on large sessions", async () => {
  const { engineer } = await createTenant();
  const procedure = await publishAs(engineer, "procedural", bigProcedure(200), { variables: [] });
  const tree = await publishAs(engineer, "troubleshooting", chainTree(2 * RUNS + 20), { variables: [] });
  actAs(engineer);
  const procedureSession = ok(await startSession({ flowId: procedure.flowId })).id;
  const treeSession = ok(await startSession({ flowId: tree.flowId })).id;
  const steps = (procedure.structure as ProcedureStructure).steps.filter((s) => s.type === "procedure_step").map((s) => s.id);
  const statuses = ["done", "skipped", "failed"] as const;

  let current = (await db.session.findUniqueOrThrow({ where: { id: treeSession } })).currentNodeId!;
  const answer = async () => {
    current = ok(await answerNode({ sessionId: treeSession, nodeId: current, answerId: null })).currentNodeId;
  };
  const answerCount = (await countStatements(answer)).statements.length;
  const answers = await sequential(RUNS, answer);
  const mark = (i: number) => setStepState({ sessionId: procedureSession, stepId: steps[(i + 200) % 200], status: statuses[(i + 3) % 3], note: `note ${i}` }).then(ok);
  const markCount = (await countStatements(() => mark(0))).statements.length;
  const marks = await sequential(RUNS, mark);
  const path = (await db.session.findUniqueOrThrow({ where: { id: treeSession } })).path as unknown[];

  printTable(`(c1) Session writes (${RUNS} sequential calls each)`, ["action", "session", "median ms", "p95 ms", "statements"], [
    ["answerNode", `tree of ${2 * RUNS + 21} nodes, path grows to ${path.length}`, ms(answers.p50), ms(answers.p95), answerCount],
    ["setStepState", "procedure of 200 steps", ms(marks.p50), ms(marks.p95), markCount],
  ], ["statements: user + account (auth), row lock, session, its flow version, one UPDATE (BEGIN/COMMIT not counted)."]);
});

it("searchSessions for an account with 100,000 sessions, 20 concurrent calls", async () => {
  const tenant = await createTenant();
  const team = await db.team.create({ data: { accountId: tenant.account.id, name: "Service Desk" } });
  await db.user.update({ where: { id: tenant.engineer.id }, data: { teamId: team.id } });
  const engineer = { ...tenant.engineer, teamId: team.id };
  const people = [engineer, ...(await Promise.all(Array.from({ length: 9 }, (_, i) => createUser({ accountId: tenant.account.id, role: "engineer", teamId: i < 4 ? team.id : null }))))];
  const tree = await publishAs(tenant.engineer, "troubleshooting", chainTree(5), { variables: [] });
  const procedure = await publishAs(tenant.engineer, "procedural", bigProcedure(10), { variables: [] });
  const versions = await db.flowVersion.findMany({ where: { flowId: { in: [tree.flowId, procedure.flowId] } }, select: { id: true, flowId: true } });
  const treeVersion = versions.find((v) => v.flowId === tree.flowId)!.id;
  const procedureVersion = versions.find((v) => v.flowId === procedure.flowId)!.id;
  const ids = people.map((p) => p.id);
  const teams = people.map((p) => p.teamId ?? null);

  // 100,000 sessions in one statement: a mix of flows, owners, statuses and outcomes over a year.
  await db.$executeRaw`
    INSERT INTO "Session" ("id", "accountId", "teamId", "flowId", "flowVersionId", "flowName", "flowType", "ownerId", "assigneeId",
                           "status", "startedAt", "completedAt", "outcome", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${tenant.account.id}::uuid, (${teams}::uuid[])[1 + g % 10],
           CASE WHEN g % 3 = 0 THEN ${procedure.flowId}::uuid ELSE ${tree.flowId}::uuid END,
           CASE WHEN g % 3 = 0 THEN ${procedureVersion}::uuid ELSE ${treeVersion}::uuid END,
           CASE WHEN g % 3 = 0 THEN 'Patch servers' ELSE 'Printer offline' END,
           (CASE WHEN g % 3 = 0 THEN 'procedural' ELSE 'troubleshooting' END)::"FlowType",
           CASE WHEN s.status = 'prepared' THEN NULL ELSE (${ids}::uuid[])[1 + g % 10] END,
           CASE WHEN s.status = 'prepared' OR g % 11 = 0 THEN (${ids}::uuid[])[1 + (g / 7) % 10] END,
           s.status::"SessionStatus",
           CASE WHEN s.status <> 'prepared' THEN s.created + interval '5 minutes' END,
           CASE WHEN s.status = 'completed' THEN s.created + interval '40 minutes' END,
           (CASE WHEN s.status <> 'completed' THEN NULL WHEN g % 3 = 0 THEN (ARRAY['completed', 'completed_with_issues', 'aborted'])[1 + g % 3]
                 ELSE (ARRAY['resolved', 'partially_resolved', 'escalated', 'unresolved'])[1 + g % 4] END)::"SessionOutcome",
           s.created, s.created + interval '40 minutes'
    FROM generate_series(1, 100000) AS g,
    LATERAL (SELECT CASE WHEN g % 20 = 0 THEN 'active' WHEN g % 50 = 1 THEN 'prepared' ELSE 'completed' END AS status,
                    now() - (g * interval '5 minutes') AS created) AS s`;
  await db.$executeRawUnsafe(`ANALYZE "Session"`);
  const total = await db.session.count({ where: { accountId: tenant.account.id } });

  const scenarios: [string, typeof tenant.admin | typeof engineer, Record<string, unknown>][] = [
    ["admin · Active tab", tenant.admin, { tab: "active" }],
    ["admin · Completed tab", tenant.admin, { tab: "completed" }],
    ["admin · All, page 200", tenant.admin, { tab: "all", page: 200 }],
    ["admin · outcome + type + date range", tenant.admin, { tab: "completed", outcome: "escalated", type: "troubleshooting", from: "2025-01-01", to: "2025-12-31" }],
    ["admin · flow + engineer", tenant.admin, { tab: "all", flowId: procedure.flowId, engineerId: people[3].id }],
    ["engineer (team) · All tab", engineer, { tab: "all" }],
    ["engineer · Prepared, assigned to me", engineer, { tab: "prepared", mine: "assigned" }],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, user, params] of scenarios) {
    const search = historySearchSchema.parse(params);
    const { result, statements } = await countStatements(() => searchSessions(user, search));
    const timing = await concurrent(20, 5, () => searchSessions(user, search));
    rows.push([label, result.total, statements.length, ms(timing.p50), ms(timing.p95), Math.round(timing.wallMs)]);
  }
  printTable(`(c2) searchSessions, ${total.toLocaleString("en")} sessions in the account (20 concurrent calls × 5 rounds = 100 samples)`,
    ["search", "matches", "statements", "p50 ms", "p95 ms", "wall ms"], rows,
    ["statements: the page, the count, and one batched lookup each for owners, assignees and preparers (constant per call)."]);
});
