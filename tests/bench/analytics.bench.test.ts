// (e) Analytics: one flow with 100,000 sessions (its own account), the flow's Analytics tab and
// /insights, in-process, sequential and at 20 concurrent calls. Complements bench:http, whose
// bench flows have ~125 sessions each while /insights there covers the account's 100,000.
import "./count-queries";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import { analyticsParamsSchema } from "@/lib/analytics/analytics.validation";
import { getFlowAnalytics } from "@/lib/analytics/flow-analytics";
import { getInsights } from "@/lib/analytics/insights";
import type { ProcedureStructure } from "@/lib/flows/structure";
import { createTenant } from "@/tests/helpers/factories";
import { publishAs } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { bigProcedure } from "./fixtures";
import { concurrent, ms, printTable, sequential } from "./measure";

const SESSIONS = 100_000;

it("flow analytics and /insights over a flow with 100,000 sessions", async () => {
  const tenant = await createTenant();
  const procedure = await publishAs(tenant.engineer, "procedural", bigProcedure(30), { variables: [] });
  const steps = (procedure.structure as ProcedureStructure).steps.filter((s) => s.type === "procedure_step").map((s) => s.id);
  const version = await db.flowVersion.findFirstOrThrow({ where: { flowId: procedure.flowId }, select: { id: true } });
  const owners = [tenant.engineer.id, tenant.admin.id, tenant.owner.id];
  // A year of sessions; each marks 10 steps (done / skipped / failed) and every 7th adds a custom step.
  await db.$executeRaw`
    INSERT INTO "Session" ("id", "accountId", "flowId", "flowVersionId", "flowName", "flowType", "ownerId", "status", "startedAt", "completedAt",
                           "outcome", "currentNodeId", "stepStates", "customSteps", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${tenant.account.id}::uuid, ${procedure.flowId}::uuid, ${version.id}::uuid, 'Patch servers', 'procedural',
           (${owners}::uuid[])[1 + g % 3], s.status::"SessionStatus", s.created, CASE WHEN s.status = 'completed' THEN s.created + (g % 90) * interval '1 minute' END,
           (CASE WHEN s.status = 'completed' THEN (ARRAY['completed', 'completed_with_issues', 'aborted'])[1 + g % 3] END)::"SessionOutcome",
           (${steps}::text[])[1 + g % 30],
           (SELECT jsonb_object_agg((${steps}::text[])[1 + (g + k) % 30], jsonb_build_object('status', (ARRAY['done', 'done', 'skipped', 'failed'])[1 + (g + k) % 4], 'note', '', 'at', s.created))
            FROM generate_series(0, 9) AS k),
           CASE WHEN g % 7 = 0 THEN jsonb_build_array(jsonb_build_object('id', 'c' || g, 'afterId', null, 'title', (ARRAY['Clear the queue', 'Reboot', 'Check DNS'])[1 + g % 3], 'instructions', '', 'commands', '[]'::jsonb, 'libraryStepId', null, 'createdAt', s.created)) ELSE '[]'::jsonb END,
           s.created, s.created
    FROM generate_series(1, ${SESSIONS}::int) AS g,
    LATERAL (SELECT CASE WHEN g % 20 = 0 THEN 'active' ELSE 'completed' END AS status, now() - (g * (interval '1 year' / ${SESSIONS}::int)) AS created) AS s`;
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Session"`);

  const rows: (string | number)[][] = [];
  for (const range of ["90", "all"] as const) {
    const params = analyticsParamsSchema.parse({ range, tz: "Europe/Berlin" });
    const flow = () => getFlowAnalytics(tenant.admin, procedure.flowId, params);
    const insights = () => getInsights(tenant.admin, params);
    const reads: [string, () => Promise<unknown>][] = [[`flow analytics · ${range}`, flow], [`/insights · ${range}`, insights]];
    for (const [label, fn] of reads) {
      const { statements } = await countStatements(fn);
      const one = await sequential(5, fn);
      const twenty = await concurrent(20, 1, fn);
      rows.push([label, statements.length, ms(one.p50), ms(one.p95), ms(twenty.p50), ms(twenty.p95)]);
      console.log(`[analytics bench] ${rows.at(-1)!.join(" | ")}`);
    }
  }
  const sessions = (await getFlowAnalytics(tenant.admin, procedure.flowId, analyticsParamsSchema.parse({ range: "all" }))).summary.sessions;
  printTable(`(e) Analytics over one flow with ${sessions.toLocaleString("en")} sessions (range in days; 5 sequential calls; 20 concurrent × 1 round)`,
    ["read", "statements", "1-call p50 ms", "1-call p95 ms", "20-conn p50 ms", "20-conn p95 ms"], rows,
    ["statements: the flow tab three (each with its access check, every number a subquery); /insights four (totals, flow rankings, engineers, library) over the InsightStat buckets."]);
}, 1_200_000);
