// (m) Maintenance: a 500-target batch launch (one INSERT for all sessions) beside a per-target
// loop; a cron tick with 100 due schedules × 20 targets and the same tick repeated; the batch
// hub's data for a 500-target batch at 20 concurrent reads.
import "./count-queries";
import { v7 as uuidv7 } from "uuid";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import type { VariableDefinition } from "@/lib/flows/variables";
import { launchBatch } from "@/lib/maintenance/batches.actions";
import { insertBatches, insertSessionRows, targetVariables } from "@/lib/maintenance/launch";
import { getBatchHub } from "@/lib/maintenance/queries";
import { runDueSchedules } from "@/lib/maintenance/run-due";
import { newSessionRow } from "@/lib/sessions/new-session";
import { actAs, createTenant } from "@/tests/helpers/factories";
import { ok, publishAs } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { bigProcedure } from "./fixtures";
import { concurrent, ms, printTable, ratio, sequential, timed } from "./measure";

const VARIABLES: VariableDefinition[] = [{ key: "ip", label: "IP", fieldType: "ip", helpText: "", options: [], required: false, default: "" }];
const targets = (n: number, tag = "") => Array.from({ length: n }, (_, i) => ({ label: `SRV-${tag}${String(i).padStart(4, "0")}`, notes: "", values: { ip: `10.0.${Math.floor(i / 250)}.${i % 250}` } }));

it("launch of a 500-target batch vs a per-target loop; hub data at 20 concurrent", async () => {
  const tenant = await createTenant();
  const { flowId } = await publishAs(tenant.engineer, "maintenance", bigProcedure(30), { variables: VARIABLES });
  actAs(tenant.engineer);
  const five = targets(500);
  const counted = await countStatements(() => launchBatch({ flowId, source: { kind: "targets", targets: five } }).then(ok));
  const batched = await sequential(5, () => launchBatch({ flowId, source: { kind: "targets", targets: five } }).then(ok));
  const sessionInserts = counted.statements.filter((s) => /INSERT INTO ("public"\.)?"Session"/i.test(s)).length;

  // The per-target loop a naive launch would be, as a fair baseline: the same batch insert,
  // then the very same session INSERT as launchBatch's, with one row per statement.
  const version = await db.flowVersion.findFirstOrThrow({ where: { flowId }, orderBy: { version: "desc" } });
  const flow = { id: flowId, name: "Bench", type: "maintenance" as const };
  const loop = async () =>
    db.$transaction(async (tx) => {
      const [batchId] = await insertBatches(tx, [{ accountId: tenant.account.id, teamId: null, flow, version, targets: [], launchedById: null, assigneeId: null }]);
      for (const target of five) {
        await insertSessionRows(tx, [{ id: uuidv7(), ...newSessionRow({ accountId: tenant.account.id, teamId: null, flow, version, status: "prepared", variables: targetVariables(VARIABLES, target), batchId, targetLabel: target.label }) }]);
      }
    }, { timeout: 120_000 });
  const loopCount = (await countStatements(loop)).statements.length;
  const looped = await sequential(3, loop, 0);

  const hubUser = { ...tenant.engineer, accountId: tenant.account.id, teamId: null, role: "engineer" as const };
  const batchId = counted.result.id;
  const hub = await concurrent(20, 5, () => getBatchHub(hubUser, batchId));
  const hubStatements = (await countStatements(() => getBatchHub(hubUser, batchId))).statements.length;

  printTable("(m1) Batch launch, 500 targets", ["how", "median ms", "p95 ms", "statements", "session INSERTs"], [
    ["launchBatch (one INSERT)", ms(batched.p50), ms(batched.p95), counted.statements.length, sessionInserts],
    ["per-target loop", ms(looped.p50), ms(looped.p95), loopCount, 500],
  ], [`launchBatch is ${ratio(looped.p50, batched.p50)} faster than the loop (goal ≥ 10×).`, "statements include auth and the flow lookup; BEGIN/COMMIT not counted."]);
  printTable("(m3) Batch hub data, 500 targets, 20 concurrent × 5 rounds", ["p50 ms", "p95 ms", "statements"], [[ms(hub.p50), ms(hub.p95), hubStatements]]);
});

it("a tick with 100 due schedules × 20 targets, then the same tick repeated", async () => {
  await db.schedule.updateMany({ data: { active: false } });
  const tenant = await createTenant();
  const { flowId } = await publishAs(tenant.engineer, "maintenance", bigProcedure(10), { variables: VARIABLES });
  const list = await db.targetList.create({ data: { accountId: tenant.account.id, name: "Bench list", visibility: "account" } });
  await db.target.createMany({ data: targets(20).map((t, position) => ({ listId: list.id, position, ...t })) });
  // Ten expressions (Mondays 03:00 … 03:09 Berlin), ten schedules each, every one due once.
  await db.schedule.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      accountId: tenant.account.id, flowId, targetListId: list.id, cron: `${i % 10} 3 * * 1`, timezone: "Europe/Berlin", active: true,
      nextRunAt: new Date(`2031-01-06T02:0${i % 10}:00Z`),
    })),
  });
  const now = new Date("2031-01-06T02:09:30Z");
  const first = await timed(() => countStatements(() => runDueSchedules(db, { now })));
  const batchesAfter = await db.batch.count({ where: { accountId: tenant.account.id } });
  const sessionsAfter = await db.session.count({ where: { accountId: tenant.account.id } });
  const again = await timed(() => countStatements(() => runDueSchedules(db, { now })));
  const writes = again.result.statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s)).length;
  const unchanged = (await db.batch.count({ where: { accountId: tenant.account.id } })) === batchesAfter && (await db.session.count({ where: { accountId: tenant.account.id } })) === sessionsAfter;

  printTable("(m2) Cron tick, 100 due schedules × 20 targets", ["tick", "total ms", "statements", "result"], [
    ["first", ms(first.ms), first.result.statements.length, JSON.stringify(first.result.result)],
    ["repeated", ms(again.ms), again.result.statements.length, `${JSON.stringify(again.result.result)}, ${writes} writes, rows unchanged: ${unchanged}`],
  ], [
    `${batchesAfter} batches, ${sessionsAfter} sessions after the first tick (goal ≤ 2 s for it).`,
    "10 distinct expressions: due times are worked out once per (expression, zone, cursor) in a tick.",
  ]);
});
