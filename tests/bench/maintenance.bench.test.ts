// (m) Maintenance: a 500-target batch launch (one INSERT for all sessions) beside a per-target
// loop; a cron tick with 100 due schedules × 20 targets and the same tick repeated; the batch
// hub's data for a 500-target batch at 20 concurrent reads.
import "./count-queries";
import { loadavg } from "node:os";
import { v7 as uuidv7 } from "uuid";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import type { VariableDefinition } from "@/lib/flows/variables";
import { launchBatch } from "@/lib/maintenance/batches.actions";
import type { Tx } from "@/lib/db/client";
import { insertBatches, targetVariables } from "@/lib/maintenance/launch";
import { getBatchHub } from "@/lib/maintenance/queries";
import { runDueSchedules } from "@/lib/maintenance/run-due";
import { newSessionRow } from "@/lib/sessions/new-session";
import { actAs, createTenant } from "@/tests/helpers/factories";
import { ok, publishAs } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { bigProcedure } from "./fixtures";
import { concurrent, ms, percentile, printTable, ratio, sequential, summarise, timed } from "./measure";

const VARIABLES: VariableDefinition[] = [{ key: "ip", label: "IP", fieldType: "ip", helpText: "", options: [], required: false, default: "" }];
const targets = (n: number, tag = "") => Array.from({ length: n }, (_, i) => ({ label: `SRV-${tag}${String(i).padStart(4, "0")}`, notes: "", values: { ip: `10.0.${Math.floor(i / 250)}.${i % 250}` } }));

type SessionRow = ReturnType<typeof newSessionRow> & { id: string };

/** The baseline's per-target statement: one session row, every column sent as a parameter set. */
async function insertSessionRow(tx: Tx, row: SessionRow) {
  await tx.$executeRaw`
    INSERT INTO "Session" (id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "flowType", "preparedById", "assigneeId", status, "currentNodeId", variables, "batchId", "targetLabel", "targetNotes", "updatedAt")
    VALUES (${row.id}::uuid, ${row.accountId}::uuid, ${row.teamId}::uuid, ${row.flowId}::uuid, ${row.flowVersionId}::uuid, ${row.flowName}, ${row.flowType}::"FlowType",
      ${row.preparedById}::uuid, ${row.assigneeId}::uuid, ${row.status}::"SessionStatus", ${row.currentNodeId}, ${JSON.stringify(row.variables)}::jsonb,
      ${row.batchId}::uuid, ${row.targetLabel}, ${row.targetNotes}, now())`;
}

it("launch of a 500-target batch vs a per-target loop; hub data at 20 concurrent", async () => {
  const tenant = await createTenant();
  const { flowId } = await publishAs(tenant.engineer, "maintenance", bigProcedure(30), { variables: VARIABLES });
  actAs(tenant.engineer);
  const five = targets(500);
  const counted = await countStatements(() => launchBatch({ flowId, source: { kind: "targets", targets: five } }).then(ok));
  const launch = () => launchBatch({ flowId, source: { kind: "targets", targets: five } }).then(ok);
  await sequential(0, launch, 2);
  const sessionInserts = counted.statements.filter((s) => /INSERT INTO ("public"\.)?"Session"/i.test(s)).length;

  // The per-target loop a naive launch would be, as a fair baseline: the same batch insert,
  // then one plain INSERT … VALUES per session (the same columns launchBatch writes).
  const version = await db.flowVersion.findFirstOrThrow({ where: { flowId }, orderBy: { version: "desc" } });
  const flow = { id: flowId, name: "Bench", type: "maintenance" as const };
  const loop = async () =>
    db.$transaction(async (tx) => {
      const [batchId] = await insertBatches(tx, [{ accountId: tenant.account.id, teamId: null, flow, version, targets: [], launchedById: null, assigneeId: null }]);
      for (const target of five) {
        await insertSessionRow(tx, { id: uuidv7(), ...newSessionRow({ accountId: tenant.account.id, teamId: null, flow, version, status: "prepared", variables: targetVariables(VARIABLES, target), batchId, targetLabel: target.label }) });
      }
    }, { timeout: 120_000 });
  const loopCount = (await countStatements(loop)).statements.length;
  // Interleaved rounds (3 launches, then one loop), so a burst of load on this shared machine
  // weighs on both sides alike; the ratio is also given per round.
  const launchSamples: number[] = [];
  const loopSamples: number[] = [];
  const roundRatios: number[] = [];
  for (let round = 0; round < 5; round++) {
    const launches = [(await timed(launch)).ms, (await timed(launch)).ms, (await timed(launch)).ms];
    const looping = (await timed(loop)).ms;
    launchSamples.push(...launches);
    loopSamples.push(looping);
    roundRatios.push(looping / percentile(launches, 50));
  }
  const batched = summarise(launchSamples);
  const looped = summarise(loopSamples);

  const hubUser = { ...tenant.engineer, accountId: tenant.account.id, teamId: null, role: "engineer" as const };
  const batchId = counted.result.id;
  const hub = await concurrent(20, 5, () => getBatchHub(hubUser, batchId));
  const hubStatements = (await countStatements(() => getBatchHub(hubUser, batchId))).statements.length;

  printTable("(m1) Batch launch, 500 targets", ["how", "median ms", "p95 ms", "statements", "session INSERTs"], [
    ["launchBatch (one INSERT)", ms(batched.p50), ms(batched.p95), counted.statements.length, sessionInserts],
    ["per-target loop", ms(looped.p50), ms(looped.p95), loopCount, 500],
  ], [
    `launchBatch is ${ratio(looped.p50, batched.p50)} faster than the loop (goal ≥ 10×); per round: ${roundRatios.map((r) => `${r.toFixed(1)}×`).join(" ")}.`,
    "statements include auth and the flow lookup; BEGIN/COMMIT not counted.",
    `Load average: ${loadavg().map((l) => l.toFixed(1)).join(" ")} (2 cores).`,
  ]);
  printTable("(m3) Batch hub data, 500 targets, 20 concurrent × 5 rounds", ["p50 ms", "p95 ms", "statements"], [[ms(hub.p50), ms(hub.p95), hubStatements]]);
});

/** A tick over 100 due schedules × 20 targets; `distinct`: 100 expressions instead of 10 shared ones. */
async function tick(distinct: boolean) {
  await db.schedule.updateMany({ data: { active: false } });
  const tenant = await createTenant();
  const { flowId } = await publishAs(tenant.engineer, "maintenance", bigProcedure(10), { variables: VARIABLES });
  const list = await db.targetList.create({ data: { accountId: tenant.account.id, name: "Bench list", visibility: "account" } });
  await db.target.createMany({ data: targets(20).map((t, position) => ({ listId: list.id, position, ...t })) });
  // Mondays in Berlin: ten expressions (03:00 … 03:09), ten schedules each; or 100 (03:00 … 04:39).
  // Each schedule is due exactly once at `now`.
  const minuteOf = (i: number) => (distinct ? i : i % 10);
  await db.schedule.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      accountId: tenant.account.id, flowId, targetListId: list.id, cron: `${minuteOf(i) % 60} ${3 + Math.floor(minuteOf(i) / 60)} * * 1`, timezone: "Europe/Berlin", active: true,
      nextRunAt: new Date(Date.UTC(2031, 0, 6, 2, minuteOf(i))),
    })),
  });
  const now = new Date(Date.UTC(2031, 0, 6, 2, minuteOf(99), 30));
  const first = await timed(() => countStatements(() => runDueSchedules(db, { now })));
  const batchesAfter = await db.batch.count({ where: { accountId: tenant.account.id } });
  const sessionsAfter = await db.session.count({ where: { accountId: tenant.account.id } });
  const again = await timed(() => countStatements(() => runDueSchedules(db, { now })));
  const writes = again.result.statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE|WITH)/i.test(s)).length;
  const unchanged = (await db.batch.count({ where: { accountId: tenant.account.id } })) === batchesAfter && (await db.session.count({ where: { accountId: tenant.account.id } })) === sessionsAfter;
  return { first, again, writes, unchanged, batchesAfter, sessionsAfter };
}

it("a tick with 100 due schedules × 20 targets, then the same tick repeated", async () => {
  const shared = await tick(false);
  const distinct = await tick(true);
  const row = (name: string, r: Awaited<ReturnType<typeof tick>>) => [
    [`${name}: first`, ms(r.first.ms), r.first.result.statements.length, `${JSON.stringify(r.first.result.result)}; ${r.batchesAfter} batches, ${r.sessionsAfter} sessions`],
    [`${name}: repeated`, ms(r.again.ms), r.again.result.statements.length, `${JSON.stringify(r.again.result.result)}, ${r.writes} writes, rows unchanged: ${r.unchanged}`],
  ];
  printTable("(m2) Cron tick, 100 due schedules × 20 targets", ["tick", "total ms", "statements", "result"], [
    ...row("10 expressions", shared), ...row("100 expressions", distinct),
  ], [
    "Goal ≤ 2 s for a first tick. Due times: once per (expression, zone, cursor) in a tick, by ./due-times.ts.",
    `Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(" ")} (2 cores).`,
  ]);
});
