// Maintenance against the real database: atomic batch launches, re-runs, CSV export, the cron
// tick's exactly-once guarantee under concurrent and replayed ticks, coalescing, the cron
// route's secret, and who may do what.
import { beforeEach, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { GET as cronRoute } from "@/app/api/cron/maintenance/route";
import { db } from "@/lib/db/client";
import { setFlowActive, unpublishFlow } from "@/lib/flows/flows.actions";
import type { VariableDefinition } from "@/lib/flows/variables";
import { launchBatch, rerunBatch } from "@/lib/maintenance/batches.actions";
import { batchContext, batchCsv, flowBatches, getBatchHub, getBatchResults, HUB_PAGE_SIZE, listTargetLists, maintenanceOverview, recentBatches, TARGET_LIST_PICK, TARGET_PREVIEW } from "@/lib/maintenance/queries";
import { boxScore, boxScoreOfBatch } from "@/lib/maintenance/progress";
import { visibleBatchesSql, visibleBatchesWhere, visibleSchedulesSql, visibleSchedulesWhere } from "@/lib/maintenance/access";
import { Prisma } from "@/lib/generated/prisma/client";
import { actAs } from "@/tests/helpers/factories";
import * as targetListsRoute from "@/app/api/maintenance/target-lists/route";
import * as targetListRoute from "@/app/api/maintenance/target-lists/[id]/route";
import { runDueSchedules } from "@/lib/maintenance/run-due";
import { createSchedule, setScheduleActive } from "@/lib/maintenance/schedules.actions";
import type { TargetInput } from "@/lib/maintenance/targets";
import { createTargetList, deleteTargetList, updateTargetList } from "@/lib/maintenance/targets.actions";
import { completeSession, startPreparedSession } from "@/lib/sessions/sessions.actions";
import { sampleProcedure } from "@/tests/helpers/flow-fixtures";
import { INTAKE, as, ok, publishAs, teamTenant, type TeamTenant } from "@/tests/helpers/published-flows";

const VARIABLES: VariableDefinition[] = [
  ...INTAKE.filter((v) => v.key !== "ip"),
  { key: "ip", label: "IP address", fieldType: "ip", helpText: "", options: [], required: false, default: "" },
];
const THREE: TargetInput[] = [
  { label: "SRV-01", notes: "file server", values: { ip: "10.0.0.1", site: "HQ" } },
  { label: "SRV-02", notes: "", values: { ip: "10.0.0.2" } },
  { label: "SRV-03", notes: "", values: {} },
];

async function maintenanceFlow(t: TeamTenant) {
  return (await publishAs(t.engineer, "maintenance", sampleProcedure(3), { name: "Monthly patching", variables: VARIABLES })).flowId;
}

async function list(t: TeamTenant, targets = THREE, name = `List ${Math.random().toString(36).slice(2, 8)}`) {
  return ok(await as(t.engineer, () => createTargetList({ name, description: "", visibility: "team", targets }))).id;
}

/** A schedule whose cursor is set directly: due at `cursor`. */
async function dueSchedule(t: TeamTenant, flowId: string, listId: string, cursor: Date, cron = "0 * * * *", timezone = "UTC") {
  const id = ok(await as(t.engineer, () => createSchedule({ flowId, cron, timezone, targetListId: listId, active: true }))).id;
  await db.schedule.update({ where: { id }, data: { nextRunAt: cursor } });
  return id;
}

const batchesOf = (scheduleId: string) => db.batch.findMany({ where: { scheduleId }, include: { _count: { select: { sessions: true } } } });

describe("batch launch", () => {
  it("creates one batch and one prepared session per target, variables pre-filled from matching columns", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const launched = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE } })));
    expect(launched.count).toBe(3);
    const sessions = await db.session.findMany({ where: { batchId: launched.id }, orderBy: { targetLabel: "asc" } });
    expect(sessions.map((s) => [s.targetLabel, s.status, s.preparedById])).toEqual([
      ["SRV-01", "prepared", t.engineer.id], ["SRV-02", "prepared", t.engineer.id], ["SRV-03", "prepared", t.engineer.id],
    ]);
    // [VAR:ip] ← the target's ip; `site` is not a declared variable; built-ins target + target_notes.
    expect(sessions[0].variables).toMatchObject({ ip: "10.0.0.1", target: "SRV-01", target_notes: "file server", server_name: "srv-default01" });
    expect(sessions[0].variables).not.toHaveProperty("site");
    expect(sessions[2].variables).toMatchObject({ target: "SRV-03", target_notes: "" });
    expect(sessions[2].variables).not.toHaveProperty("ip");
    const batch = await db.batch.findUniqueOrThrow({ where: { id: launched.id } });
    expect(batch).toMatchObject({ accountId: t.account.id, flowId, launchedById: t.engineer.id, targetCount: 3, scheduleId: null });
  });

  it("is atomic: when one session cannot be written, neither the batch nor any session exists", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    // A real database failure on the third row of the one INSERT.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW."targetLabel" = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "Session" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      const result = await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: [...THREE.slice(0, 2), { label: "BOOM", notes: "", values: {} }] } }));
      expect(result).toMatchObject({ ok: false, code: "internal" });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_boom ON "Session"`);
    }
    expect(await db.batch.count({ where: { flowId } })).toBe(0);
    expect(await db.session.count({ where: { flowId } })).toBe(0);
  });

  it("launches from a saved list and 'same as last run'; refuses non-maintenance flows", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const listId = await list(t);
    const fromList = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "list", listId }, assigneeId: t.l1.id })));
    const sessions = await db.session.findMany({ where: { batchId: fromList.id } });
    expect(sessions.every((s) => s.assigneeId === t.l1.id)).toBe(true);
    const again = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "last" } })));
    expect(again.count).toBe(3);
    const procedural = (await publishAs(t.engineer, "procedural", sampleProcedure(2))).flowId;
    expect(await as(t.engineer, () => launchBatch({ flowId: procedural, source: { kind: "targets", targets: THREE } }))).toMatchObject({ ok: false, code: "invalid" });
  });

  it("refuses duplicate or empty labels with the line that has them, writing nothing", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const result = await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: [THREE[0], { ...THREE[0], label: "srv-01" }] } }));
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    expect(!result.ok && result.error).toMatch(/already in the list/);
    expect(await db.batch.count({ where: { flowId } })).toBe(0);
  });
});

describe("runner context", () => {
  it("tells a batch session its target, the batch's progress and the next unstarted target", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const batchId = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE } }))).id;
    const [a, b, c] = await db.session.findMany({ where: { batchId }, orderBy: { targetLabel: "asc" } });
    ok(await as(t.engineer, () => startPreparedSession({ sessionId: b.id })));
    ok(await as(t.engineer, () => completeSession({ sessionId: b.id, outcome: "completed" })));
    const viewer = { ...t.engineer, accountId: t.account.id, role: "engineer" as const };
    expect(await batchContext(viewer, a.id)).toMatchObject({ batchId, target: "SRV-01", targetNotes: "file server", scheduled: false, finished: 1, total: 3, nextSessionId: c.id, nextTarget: "SRV-03" });
    expect(await batchContext(viewer, c.id)).toMatchObject({ nextSessionId: a.id });
    expect(await batchContext({ ...t.other.engineer, accountId: t.other.account.id, teamId: t.other.teamId, role: "engineer" }, a.id)).toBeNull();
  });
});

describe("target lists for the dialogs", () => {
  it("loads a page of the lists the viewer may run, searched by name; l1 is refused, other accounts' lists never show", async () => {
    const t = await teamTenant();
    const targets = [{ label: "SRV-01", notes: "", values: {} }];
    for (let i = 0; i < TARGET_LIST_PICK + 2; i++) ok(await as(t.engineer, () => createTargetList({ name: `Patch wave ${String(i).padStart(2, "0")}`, description: "", visibility: "team", targets })));
    ok(await as(t.engineer, () => createTargetList({ name: "Cert_renewal 100%", description: "", visibility: "account", targets: [...targets, { label: "SRV-02", notes: "", values: {} }] })));
    ok(await as(t.other.engineer, () => createTargetList({ name: "Patch wave other", description: "", visibility: "account", targets })));
    const get = async (user: { id: string }, q = "") => {
      actAs(user);
      try {
        return await targetListsRoute.GET(new Request(`http://localhost/api/maintenance/target-lists?q=${encodeURIComponent(q)}`), undefined);
      } finally {
        actAs(null);
      }
    };
    const first = await (await get(t.engineer)).json();
    expect(first.lists).toHaveLength(TARGET_LIST_PICK);
    expect(first.more).toBe(true);
    expect(first.lists[0]).toMatchObject({ name: "Cert_renewal 100%", count: 2 });
    const searched = await (await get(t.engineer, "wave 2")).json();
    expect(searched).toEqual({ lists: [{ id: expect.any(String), name: "Patch wave 20", count: 1 }, { id: expect.any(String), name: "Patch wave 21", count: 1 }], more: false });
    expect((await (await get(t.engineer, "_renewal 1")).json()).lists.map((l: { name: string }) => l.name)).toEqual(["Cert_renewal 100%"]);
    // The teammate outside the team sees only the account-wide list; the other account sees its own.
    expect((await (await get(t.loner, "")).json()).lists.map((l: { name: string }) => l.name)).toEqual(["Cert_renewal 100%"]);
    expect((await (await get(t.other.engineer, "wave")).json()).lists.map((l: { name: string }) => l.name)).toEqual(["Patch wave other"]);
    expect((await get(t.l1)).status).toBe(403);
    actAs(null);
    expect((await targetListsRoute.GET(new Request("http://localhost/api/maintenance/target-lists"), undefined)).status).toBe(401);
  });
});

describe("hub, re-run and CSV export", () => {
  it("shows one page of cards for a state or a label search, with the box score over every target", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const many = Array.from({ length: HUB_PAGE_SIZE + 5 }, (_, i) => ({ label: `HOST-${String(i).padStart(3, "0")}`, notes: "", values: {} }));
    many[7].label = "DB_%-7";
    const batch = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: many } })));
    const sessions = await db.session.findMany({ where: { batchId: batch.id }, orderBy: { targetLabel: "asc" } });
    const running = sessions.find((s) => s.targetLabel === "HOST-020")!;
    ok(await as(t.engineer, () => startPreparedSession({ sessionId: running.id })));
    const viewer = { ...t.engineer, accountId: t.account.id, role: "engineer" as const };

    const first = await getBatchHub(viewer, batch.id);
    expect(first.score).toMatchObject({ total: HUB_PAGE_SIZE + 5, in_progress: 1, not_started: HUB_PAGE_SIZE + 4 });
    expect(first.cards).toHaveLength(HUB_PAGE_SIZE);
    expect(first.cards[0].target).toBe("HOST-020"); // in progress comes first
    expect(first).toMatchObject({ matching: HUB_PAGE_SIZE + 5, pages: 2 });
    const second = await getBatchHub(viewer, batch.id, { state: "all", q: "", page: 2 });
    expect(second.cards).toHaveLength(5);
    expect(new Set([...first.cards, ...second.cards].map((c) => c.target)).size).toBe(HUB_PAGE_SIZE + 5);

    const inProgress = await getBatchHub(viewer, batch.id, { state: "in_progress", q: "", page: 1 });
    expect(inProgress.cards.map((c) => c.target)).toEqual(["HOST-020"]);
    expect(inProgress.score.total).toBe(HUB_PAGE_SIZE + 5);
    // The search is a plain substring: % and _ are letters, not wildcards.
    expect((await getBatchHub(viewer, batch.id, { state: "all", q: "_%", page: 1 })).cards.map((c) => c.target)).toEqual(["DB_%-7"]);
    expect((await getBatchHub(viewer, batch.id, { state: "all", q: "host-03", page: 1 })).matching).toBe(5);
    expect(await getBatchHub(viewer, batch.id, { state: "completed", q: "", page: 1 })).toMatchObject({ cards: [], matching: 0, pages: 1 });
    // Another account's batch stays not found.
    await expect(getBatchHub({ ...t.other.engineer, accountId: t.other.account.id, teamId: t.other.teamId, role: "engineer" }, batch.id, { state: "all", q: "", page: 2 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("re-runs only failed and not-started targets, linked to the first batch; the CSV says what happened", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const first = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE } })));
    const [s1, s2] = await db.session.findMany({ where: { batchId: first.id }, orderBy: { targetLabel: "asc" } });
    for (const [session, outcome] of [[s1, "completed"], [s2, "aborted"]] as const) {
      ok(await as(t.engineer, () => startPreparedSession({ sessionId: session.id })));
      ok(await as(t.engineer, () => completeSession({ sessionId: session.id, outcome, notes: outcome === "aborted" ? "=cmd|' /C calc'!A0 disk full" : "" })));
    }

    const viewer = { ...t.engineer, accountId: t.account.id, role: "engineer" as const };
    const hub = await as(t.engineer, () => getBatchHub(viewer, first.id));
    expect(hub.score).toMatchObject({ total: 3, completed: 1, aborted: 1, not_started: 1, finished: 2, done: false });
    // The hub lists what needs attention first: not started, then aborted, then completed.
    expect(hub.cards.map((c) => [c.target, c.state, c.progress.total])).toEqual([["SRV-03", "not_started", 3], ["SRV-02", "aborted", 3], ["SRV-01", "completed", 3]]);
    expect(hub).toMatchObject({ matching: 3, pages: 1 });

    // The export has every target, by label.
    const results = await getBatchResults(viewer, first.id);
    const csv = Papa.parse<string[]>(batchCsv(results)).data;
    expect(csv[0]).toEqual(["target", "status", "outcome", "steps_done", "steps_skipped", "steps_failed", "engineer", "started", "finished", "duration", "notes"]);
    expect(csv[1].slice(0, 7)).toEqual(["SRV-01", "Completed", "Completed", "0", "0", "0", t.engineer.name]);
    expect(csv[1][7]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(csv[2].slice(0, 3)).toEqual(["SRV-02", "Aborted", "Aborted"]);
    expect(csv[2][10]).toBe("'=cmd|' /C calc'!A0 disk full"); // no formula injection
    expect(csv[3].slice(0, 3)).toEqual(["SRV-03", "Not started", ""]);

    const rerun = ok(await as(t.engineer, () => rerunBatch({ batchId: first.id })));
    expect(rerun.count).toBe(2);
    const again = await db.session.findMany({ where: { batchId: rerun.id }, orderBy: { targetLabel: "asc" } });
    expect(again.map((s) => s.targetLabel)).toEqual(["SRV-02", "SRV-03"]);
    expect(again[0].variables).toMatchObject({ ip: "10.0.0.2" });
    expect(await db.batch.findUniqueOrThrow({ where: { id: rerun.id } })).toMatchObject({ rerunOfId: first.id });
  });
});

describe("cron tick", () => {
  let t: TeamTenant;
  let flowId: string;
  let listId: string;
  // Other tests' schedules in this worker's database must not fire in these ticks.
  beforeEach(async () => {
    await db.schedule.updateMany({ data: { active: false } });
    t = await teamTenant();
    flowId = await maintenanceFlow(t);
    listId = await list(t);
  });

  it("10 concurrent ticks fire each due schedule exactly once; a replayed tick writes nothing", async () => {
    const now = new Date("2030-01-01T12:00:30Z");
    const ids = await Promise.all([0, 1, 2].map(() => dueSchedule(t, flowId, listId, new Date("2030-01-01T12:00:00Z"))));
    const results = await Promise.all(Array.from({ length: 10 }, () => runDueSchedules(db, { now })));
    expect(results.reduce((sum, r) => sum + r.fired, 0)).toBe(3);
    expect(results.reduce((sum, r) => sum + r.errors, 0)).toBe(0);
    for (const id of ids) {
      const batches = await batchesOf(id);
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({ dueAt: new Date("2030-01-01T12:00:00Z"), mergedCount: 0, launchedById: null, targetCount: 3 });
      expect(batches[0]._count.sessions).toBe(3);
      expect(await db.schedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextRunAt: new Date("2030-01-01T13:00:00Z"), lastRunAt: new Date("2030-01-01T12:00:00Z"), lastError: null });
    }

    const sessionsBefore = await db.session.count({ where: { accountId: t.account.id } });
    expect(await runDueSchedules(db, { now })).toEqual({ fired: 0, coalesced: 0, skipped: 0, errors: 0 });
    // Even with the cursor put back (a replay that raced the first tick), the constraint holds.
    await db.schedule.update({ where: { id: ids[0] }, data: { nextRunAt: new Date("2030-01-01T12:00:00Z") } });
    expect(await runDueSchedules(db, { now })).toMatchObject({ fired: 0, errors: 0 });
    expect(await batchesOf(ids[0])).toHaveLength(1);
    expect(await db.session.count({ where: { accountId: t.account.id } })).toBe(sessionsBefore);
  });

  it("three missed runs become one batch that says two were merged", async () => {
    const id = await dueSchedule(t, flowId, listId, new Date("2030-02-01T10:00:00Z"));
    expect(await runDueSchedules(db, { now: new Date("2030-02-01T12:30:00Z") })).toEqual({ fired: 1, coalesced: 2, skipped: 0, errors: 0 });
    const [batch] = await batchesOf(id);
    expect(batch).toMatchObject({ dueAt: new Date("2030-02-01T12:00:00Z"), mergedCount: 2 });
    expect(await db.schedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextRunAt: new Date("2030-02-01T13:00:00Z") });
  });

  it("a broken schedule does not stop the others: each is marked with its error", async () => {
    const cursor = new Date("2030-03-01T10:00:00Z");
    const now = new Date("2030-03-01T10:00:05Z");
    const good = await dueSchedule(t, flowId, listId, cursor);
    const badCron = await dueSchedule(t, flowId, listId, cursor);
    await db.schedule.update({ where: { id: badCron }, data: { cron: "61 * * * *" } });
    const emptyListId = await list(t);
    const emptyList = await dueSchedule(t, flowId, emptyListId, cursor);
    await db.target.deleteMany({ where: { listId: emptyListId } });
    const otherFlow = (await publishAs(t.engineer, "maintenance", sampleProcedure(2), { name: "Cert renewal", variables: VARIABLES })).flowId;
    const unpublished = await dueSchedule(t, otherFlow, listId, cursor);
    // Withdrawn without the action (which would have paused it): the tick still catches it.
    await db.flow.update({ where: { id: otherFlow }, data: { status: "draft" } });

    expect(await runDueSchedules(db, { now })).toEqual({ fired: 1, coalesced: 0, skipped: 3, errors: 0 });
    expect(await batchesOf(good)).toHaveLength(1);
    const read = (id: string) => db.schedule.findUniqueOrThrow({ where: { id } });
    expect(await read(badCron)).toMatchObject({ nextRunAt: null, lastError: expect.stringMatching(/61/) });
    expect(await read(emptyList)).toMatchObject({ nextRunAt: new Date("2030-03-01T11:00:00Z"), lastError: expect.stringMatching(/target list is empty/) });
    expect(await read(unpublished)).toMatchObject({ active: false, nextRunAt: null, lastError: expect.stringMatching(/no longer published/) });
    for (const id of [badCron, emptyList, unpublished]) expect(await batchesOf(id)).toHaveLength(0);
  });

  it("a schedule failing unexpectedly rolls back alone: the rest of its chunk fires, it is retried next tick", async () => {
    const cursor = new Date("2030-03-02T10:00:00Z");
    const now = new Date("2030-03-02T10:00:05Z");
    const good = await Promise.all([0, 1].map(() => dueSchedule(t, flowId, listId, cursor)));
    const boomList = await list(t, [...THREE.slice(0, 2), { label: "BOOM", notes: "", values: {} }]);
    const broken = await dueSchedule(t, flowId, boomList, cursor);
    // A real database failure inside the chunk's one session INSERT.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW."targetLabel" = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "Session" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      expect(await runDueSchedules(db, { now })).toEqual({ fired: 2, coalesced: 0, skipped: 0, errors: 1 });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_boom ON "Session"`);
    }
    for (const id of good) expect(await batchesOf(id)).toHaveLength(1);
    expect(await batchesOf(broken)).toHaveLength(0);
    expect(await db.schedule.findUniqueOrThrow({ where: { id: broken } })).toMatchObject({ active: true, nextRunAt: cursor });
    expect(await runDueSchedules(db, { now })).toEqual({ fired: 1, coalesced: 0, skipped: 0, errors: 0 });
  });

  it("unpublishing or deactivating a flow, or deleting a list, pauses its schedules at once and says why", async () => {
    const cursor = new Date("2030-05-01T10:00:00Z");
    const byUnpublish = await dueSchedule(t, flowId, listId, cursor);
    const otherFlow = (await publishAs(t.engineer, "maintenance", sampleProcedure(2), { name: "Cert renewal", variables: VARIABLES })).flowId;
    const byDeactivate = await dueSchedule(t, otherFlow, listId, cursor);
    const doomedList = await list(t, THREE, "Doomed list");
    const thirdFlow = (await publishAs(t.engineer, "maintenance", sampleProcedure(2), { name: "FSLogix update", variables: VARIABLES })).flowId;
    const byListDelete = await dueSchedule(t, thirdFlow, doomedList, cursor);
    const untouched = await dueSchedule(t, thirdFlow, listId, cursor);
    const read = (id: string) => db.schedule.findUniqueOrThrow({ where: { id } });

    ok(await as(t.engineer, () => unpublishFlow({ flowId })));
    ok(await as(t.engineer, () => setFlowActive({ flowId: otherFlow, active: false })));
    ok(await as(t.engineer, () => deleteTargetList({ listId: doomedList })));
    // No tick has run: the actions paused them in their own transactions.
    expect(await read(byUnpublish)).toMatchObject({ active: false, nextRunAt: null, lastError: expect.stringMatching(/unpublished or deactivated/) });
    expect(await read(byDeactivate)).toMatchObject({ active: false, nextRunAt: null, lastError: expect.stringMatching(/unpublished or deactivated/) });
    expect(await read(byListDelete)).toMatchObject({ active: false, nextRunAt: null, targetListId: null, lastError: expect.stringMatching(/"Doomed list" was deleted/) });
    expect(await read(untouched)).toMatchObject({ active: true, nextRunAt: cursor, lastError: null });

    // Resuming needs the flow back, and a list.
    expect(await as(t.engineer, () => setScheduleActive({ scheduleId: byUnpublish, active: true }))).toMatchObject({ ok: false, error: expect.stringMatching(/Publish and activate the flow/) });
    expect(await as(t.engineer, () => setScheduleActive({ scheduleId: byListDelete, active: true }))).toMatchObject({ ok: false, error: expect.stringMatching(/target list was deleted/) });
    expect(await runDueSchedules(db, { now: new Date("2030-05-01T10:00:05Z") })).toEqual({ fired: 1, coalesced: 0, skipped: 0, errors: 0 });
    expect(await batchesOf(untouched)).toHaveLength(1);
  });

  it("handles a bounded number of schedules per tick and leaves the rest to the next", async () => {
    await Promise.all([0, 1, 2].map(() => dueSchedule(t, flowId, listId, new Date("2030-04-01T10:00:00Z"))));
    const now = new Date("2030-04-01T10:00:01Z");
    expect(await runDueSchedules(db, { now, limit: 2 })).toMatchObject({ fired: 2 });
    expect(await runDueSchedules(db, { now, limit: 2 })).toMatchObject({ fired: 1 });
  });

  it("pausing and resuming does not fire the paused period", async () => {
    const id = await dueSchedule(t, flowId, listId, new Date("2020-01-01T00:00:00Z"));
    ok(await as(t.engineer, () => setScheduleActive({ scheduleId: id, active: false })));
    expect(await db.schedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ active: false, nextRunAt: null });
    ok(await as(t.engineer, () => setScheduleActive({ scheduleId: id, active: true })));
    const resumed = await db.schedule.findUniqueOrThrow({ where: { id } });
    expect(resumed.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await runDueSchedules(db)).fired).toBe(0);
  });

  it("names a bad expression or zone as a field error", async () => {
    const bad = await as(t.engineer, () => createSchedule({ flowId, cron: "0 3 * *", timezone: "Europe/Berlin", targetListId: listId, active: true }));
    expect(bad).toMatchObject({ ok: false, code: "invalid", fieldErrors: { cron: [expect.stringMatching(/five fields/)] } });
    const zone = await as(t.engineer, () => createSchedule({ flowId, cron: "0 3 * * *", timezone: "Europe/Nowhere", targetListId: listId, active: true }));
    expect(zone).toMatchObject({ ok: false, fieldErrors: { timezone: [expect.stringMatching(/Europe\/Nowhere/)] } });
  });
});

describe("cron route", () => {
  const call = (authorization?: string) => cronRoute(new Request("http://localhost/api/cron/maintenance", { headers: authorization === undefined ? {} : { authorization } }));

  it("refuses every request when the secret is unset or short, and wrong or missing headers, writing nothing", async () => {
    await db.schedule.updateMany({ data: { active: false } });
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const id = await dueSchedule(t, flowId, await list(t), new Date("2020-01-01T00:00:00Z"));
    const saved = process.env.CRON_SECRET;
    try {
      delete process.env.CRON_SECRET;
      for (const header of [undefined, "", "Bearer undefined", "Bearer "]) expect((await call(header)).status).toBe(401);
      process.env.CRON_SECRET = "too-short";
      expect((await call("Bearer too-short")).status).toBe(401);
      process.env.CRON_SECRET = "a-long-enough-cron-secret";
      for (const header of [undefined, "", "Bearer undefined", "Bearer a-long-enough-cron-secreT", "a-long-enough-cron-secret", "Bearer  a-long-enough-cron-secret", "bearer a-long-enough-cron-secret"]) {
        expect((await call(header)).status).toBe(401);
      }
      expect(await batchesOf(id)).toHaveLength(0);

      const response = await call("Bearer a-long-enough-cron-secret");
      expect(response.status).toBe(200);
      // The tick then sweeps proposal analysis and drains the webhook outbox, reported beside the schedules.
      const drained = { sent: expect.any(Number), succeeded: expect.any(Number), retrying: expect.any(Number), failed: expect.any(Number) };
      expect(await response.json()).toEqual({ fired: 1, coalesced: expect.any(Number), skipped: 0, errors: 0, proposals: expect.objectContaining({ errors: 0 }), webhooks: drained, webhookPrune: { deliveries: expect.any(Number), events: expect.any(Number) } });
      expect(await batchesOf(id)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.CRON_SECRET;
      else process.env.CRON_SECRET = saved;
    }
  });
});

describe("tenants and roles", () => {
  it("l1 cannot manage lists, schedules or batches; another account's rows are not found; team lists stay in the team", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const listId = await list(t);
    const batchId = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "list", listId } }))).id;
    const scheduleId = ok(await as(t.engineer, () => createSchedule({ flowId, cron: "0 3 * * *", timezone: "UTC", targetListId: listId, active: true }))).id;
    const targets = THREE;

    for (const attempt of [
      () => createTargetList({ name: "Mine", description: "", visibility: "team", targets }),
      () => updateTargetList({ listId, name: "x", description: "", visibility: "team", targets }),
      () => deleteTargetList({ listId }),
      () => launchBatch({ flowId, source: { kind: "list", listId } }),
      () => rerunBatch({ batchId }),
      () => createSchedule({ flowId, cron: "0 3 * * *", timezone: "UTC", targetListId: listId, active: true }),
      () => setScheduleActive({ scheduleId, active: false }),
    ]) {
      expect(await as(t.l1, attempt)).toMatchObject({ ok: false, code: "forbidden" });
    }

    const stranger = t.other.engineer;
    expect(await as(stranger, () => deleteTargetList({ listId }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await as(stranger, () => updateTargetList({ listId, name: "x", description: "", visibility: "team", targets }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await as(stranger, () => rerunBatch({ batchId }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await as(stranger, () => setScheduleActive({ scheduleId, active: false }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await as(stranger, () => launchBatch({ flowId, source: { kind: "list", listId } }))).toMatchObject({ ok: false, code: "not_found" });
    await expect(getBatchHub({ ...stranger, accountId: t.other.account.id, teamId: t.other.teamId, role: "engineer" }, batchId)).rejects.toMatchObject({ code: "not_found" });
    // A team list is not someone else's outside the team (the loner engineer has no team).
    expect(await as(t.loner, () => deleteTargetList({ listId }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.targetList.count({ where: { id: listId } })).toBe(1);
    expect(await db.schedule.findUniqueOrThrow({ where: { id: scheduleId } })).toMatchObject({ active: true });
  });

  it("a list shared with the account is run by everyone, changed only by its creator, their team and admins", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const listId = ok(await as(t.engineer, () => createTargetList({ name: "Shared servers", description: "", visibility: "account", targets: THREE }))).id;
    const rename = (name: string) => () => updateTargetList({ listId, name, description: "", visibility: "account", targets: THREE });

    // The engineer outside the team sees and runs it, but may not rewrite or delete it.
    expect(await as(t.loner, () => launchBatch({ flowId, source: { kind: "list", listId } }))).toMatchObject({ ok: true });
    expect(await as(t.loner, rename("Loner's"))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await as(t.loner, () => deleteTargetList({ listId }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db.targetList.findUniqueOrThrow({ where: { id: listId } })).toMatchObject({ name: "Shared servers" });
    // Its team and the admins may.
    expect(await as(t.teammate, rename("Teammate's"))).toMatchObject({ ok: true });
    expect(await as(t.admin, () => deleteTargetList({ listId }))).toMatchObject({ ok: true });
    expect(await db.targetList.count({ where: { id: listId } })).toBe(0);
  });
});

/** The batch's roll-up beside the box score counted over its sessions now. */
async function scoresOf(batchId: string) {
  const [batch, sessions] = await Promise.all([
    db.batch.findUniqueOrThrow({ where: { id: batchId } }),
    db.session.findMany({ where: { batchId }, select: { status: true, outcome: true } }),
  ]);
  return { rollup: boxScoreOfBatch(batch), counted: boxScore(sessions) };
}

describe("box score roll-up", () => {
  it("keeps each batch's counts per state equal to its sessions through launch, start, completion, edits, moves, deletes and a rollback", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const first = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE } }))).id;
    expect(await scoresOf(first)).toEqual({ rollup: expect.objectContaining({ not_started: 3, total: 3 }), counted: expect.objectContaining({ not_started: 3 }) });
    const sessions = await db.session.findMany({ where: { batchId: first }, orderBy: { targetLabel: "asc" } });
    ok(await as(t.engineer, () => startPreparedSession({ sessionId: sessions[0].id })));
    ok(await as(t.engineer, () => startPreparedSession({ sessionId: sessions[1].id })));
    ok(await as(t.engineer, () => completeSession({ sessionId: sessions[0].id, outcome: "completed_with_issues" })));
    let scores = await scoresOf(first);
    expect(scores.rollup).toEqual(scores.counted);
    expect(scores.rollup).toMatchObject({ not_started: 1, in_progress: 1, completed_with_issues: 1, finished: 1, done: false });

    // An update that changes no session's state or batch (notes, step marks) writes nothing to the batch row.
    const before = await db.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM "Batch" WHERE id = ${first}::uuid`;
    await db.session.update({ where: { id: sessions[1].id }, data: { notes: "checked the disk", stepStates: { x: "done" } } });
    expect(await db.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM "Batch" WHERE id = ${first}::uuid`).toEqual(before);

    // Many rows in one statement, across two batches: a session moved to another batch, outcomes rewritten.
    const second = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE.slice(0, 2) } }))).id;
    await db.session.updateMany({ where: { id: sessions[2].id }, data: { batchId: second } });
    await db.session.updateMany({ where: { batchId: { in: [first, second] }, status: "prepared" }, data: { status: "completed", outcome: "aborted" } });
    // A rolled-back statement leaves no trace.
    await expect(db.$transaction(async (tx) => {
      await tx.session.updateMany({ where: { batchId: second }, data: { status: "active", outcome: null } });
      throw new Error("roll back");
    })).rejects.toThrow("roll back");
    await db.session.delete({ where: { id: sessions[1].id } });
    for (const id of [first, second]) {
      scores = await scoresOf(id);
      expect(scores.rollup).toEqual(scores.counted);
    }
    expect((await scoresOf(first)).rollup).toMatchObject({ total: 1, completed_with_issues: 1, done: true });
    expect((await scoresOf(second)).rollup).toMatchObject({ total: 3, aborted: 3, done: true });
  });

  it("the overview, the run history and the dashboard show the roll-up; a team batch stays in its team", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const listId = await list(t);
    ok(await as(t.engineer, () => createSchedule({ flowId, cron: "0 3 * * 1", timezone: "Europe/Berlin", targetListId: listId, active: true })));
    const done = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE.slice(0, 1) } }))).id;
    const [only] = await db.session.findMany({ where: { batchId: done } });
    ok(await as(t.engineer, () => startPreparedSession({ sessionId: only.id })));
    ok(await as(t.engineer, () => completeSession({ sessionId: only.id, outcome: "completed" })));
    const running = ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE } }))).id;
    await db.batch.update({ where: { id: running }, data: { createdAt: new Date(Date.now() + 1000) } });

    const viewer = { ...t.engineer, accountId: t.account.id, role: "engineer" as const };
    const { rows } = await maintenanceOverview(viewer);
    const row = rows.find((r) => r.id === flowId)!;
    expect(row.schedules).toEqual([{ id: expect.any(String), cron: "0 3 * * 1", timezone: "Europe/Berlin", active: true, nextRunAt: expect.any(String) }]);
    expect(row.activeBatch).toMatchObject({ id: running, score: { not_started: 3, total: 3, done: false }, launchedBy: t.engineer.name });
    expect(row.lastBatch).toMatchObject({ id: done, score: { completed: 1, total: 1, done: true } });
    expect((await flowBatches(viewer, flowId)).map((b) => [b.id, b.score.total])).toEqual([[running, 3], [done, 1]]);
    expect((await recentBatches(viewer)).map((b) => b.id)).toEqual([running, done]);

    // The engineer outside the team sees the flow (account-wide) but not the team's batches or schedule.
    const loner = { ...t.loner, accountId: t.account.id, teamId: null, role: "engineer" as const };
    const theirs = (await maintenanceOverview(loner)).rows.find((r) => r.id === flowId);
    expect(theirs).toMatchObject({ schedules: [], activeBatch: null, lastBatch: null });
    // Another account never sees the flow.
    expect((await maintenanceOverview({ ...t.other.engineer, accountId: t.other.account.id, teamId: t.other.teamId, role: "engineer" })).rows.map((r) => r.id)).not.toContain(flowId);
  });

  it("the SQL visibility rules of batches and schedules pick the same rows as the Prisma ones", async () => {
    const t = await teamTenant();
    const flowId = await maintenanceFlow(t);
    const listId = await list(t);
    ok(await as(t.engineer, () => launchBatch({ flowId, source: { kind: "list", listId } })));
    ok(await as(t.loner, () => launchBatch({ flowId, source: { kind: "targets", targets: THREE } })));
    ok(await as(t.engineer, () => createSchedule({ flowId, cron: "0 3 * * *", timezone: "UTC", targetListId: listId, active: true })));
    await db.batch.create({ data: { accountId: t.account.id, flowId, flowVersionId: (await db.batch.findFirstOrThrow({ where: { flowId } })).flowVersionId, flowName: "x", targetCount: 0 } });
    const viewers = [
      { ...t.engineer, accountId: t.account.id, role: "engineer" as const },
      { ...t.loner, accountId: t.account.id, teamId: null, role: "engineer" as const },
      { ...t.admin, accountId: t.account.id, teamId: null, role: "admin" as const },
      { ...t.other.engineer, accountId: t.other.account.id, teamId: t.other.teamId, role: "engineer" as const },
    ];
    for (const viewer of viewers) {
      const prismaBatches = (await db.batch.findMany({ where: { AND: [{ flowId }, visibleBatchesWhere(viewer)] }, select: { id: true } })).map((b) => b.id).sort();
      const sqlBatches = (await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT b.id FROM "Batch" b WHERE b."flowId" = ${flowId}::uuid AND ${visibleBatchesSql(viewer, "b")}`)).map((b) => b.id).sort();
      expect(sqlBatches).toEqual(prismaBatches);
      const prismaSchedules = (await db.schedule.findMany({ where: { AND: [{ flowId }, visibleSchedulesWhere(viewer)] }, select: { id: true } })).map((b) => b.id).sort();
      const sqlSchedules = (await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT s.id FROM "Schedule" s WHERE s."flowId" = ${flowId}::uuid AND ${visibleSchedulesSql(viewer, "s")}`)).map((b) => b.id).sort();
      expect(sqlSchedules).toEqual(prismaSchedules);
    }
  });
});

describe("target lists tab and editor", () => {
  it("rows carry the count and the first labels; the editor loads one list's targets under the same rules", async () => {
    const t = await teamTenant();
    const many = Array.from({ length: TARGET_PREVIEW + 3 }, (_, i) => ({ label: `WEB-${String(i).padStart(2, "0")}`, notes: i === 0 ? "front" : "", values: { ip: `10.1.0.${i}` } }));
    const listId = ok(await as(t.engineer, () => createTargetList({ name: "Web farm", description: "all web servers", visibility: "team", targets: many }))).id;
    const viewer = { ...t.engineer, accountId: t.account.id, role: "engineer" as const };
    const { rows } = await listTargetLists(viewer);
    expect(rows).toEqual([{ id: listId, name: "Web farm", visibility: "team", updatedAt: expect.any(String), editable: true, count: many.length, preview: many.slice(0, TARGET_PREVIEW).map((m) => m.label) }]);

    const get = async (user: { id: string } | null, id = listId) => {
      actAs(user);
      try {
        return await targetListRoute.GET(new Request(`http://localhost/api/maintenance/target-lists/${id}`), { params: Promise.resolve({ id }) });
      } finally {
        actAs(null);
      }
    };
    const response = await get(t.engineer);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: listId, name: "Web farm", description: "all web servers", visibility: "team", targets: many });
    // Outside the team, in another account, or a malformed id: not found; l1: refused; signed out: 401.
    expect((await get(t.loner)).status).toBe(404);
    expect((await get(t.other.admin)).status).toBe(404);
    expect((await get(t.engineer, "not-a-uuid")).status).toBe(404);
    expect((await get(t.l1)).status).toBe(403);
    expect((await get(null)).status).toBe(401);
  });
});
