// Flow authoring against the real database: versions and snapshots, ids, role and tenant
// rules for every action, plan limits and counters under parallel requests, bad input.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  createFlow,
  deleteFlow,
  forkFlow,
  importFlow,
  publishFlow,
  restoreFlowVersion,
  saveFlow,
  setFlowActive,
  unpublishFlow,
} from "@/lib/flows/flows.actions";
import { exportFlow } from "@/lib/flows/portable";
import type { TreeStructure } from "@/lib/flows/structure";
import { raceOnLockedRow } from "@/tests/helpers/race";
import { actAs, createAccount, createTenant, createUser } from "@/tests/helpers/factories";
import { sampleProcedure, sampleTree } from "@/tests/helpers/flow-fixtures";

type User = { id: string };

async function newFlow(user: User, input: Partial<Parameters<typeof createFlow>[0]> = {}) {
  actAs(user);
  const result = await createFlow({ name: "Printer offline", type: "troubleshooting", visibility: "team", tags: ["printing"], ...input });
  if (!result.ok) throw new Error(result.error);
  return result.data.id;
}

const meta = { name: "Printer offline", description: "When a printer shows offline", category: "Printing", tags: ["printing"], visibility: "team" as const };

async function publishedTree(user: User) {
  const flowId = await newFlow(user);
  const result = await publishFlow({ flowId, ...meta, variables: [{ key: "print_server", label: "Print server" }], structure: sampleTree() });
  if (!result.ok) throw new Error(result.error);
  return { flowId, structure: result.data.structure as TreeStructure };
}

describe("save and publish", () => {
  it("assigns UUIDs to new nodes and answers and rewrites links", async () => {
    const { engineer } = await createTenant();
    const flowId = await newFlow(engineer);
    const result = await saveFlow({ flowId, ...meta, variables: [], structure: sampleTree() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const tree = result.data.structure as TreeStructure;
    const uuid = /^[0-9a-f-]{36}$/;
    expect(tree.rootId).toMatch(uuid);
    for (const [id, node] of Object.entries(tree.nodes)) {
      expect(id).toMatch(uuid);
      if (node.type === "question" || node.type === "action") for (const a of node.answers) {
        expect(a.id).toMatch(uuid);
        expect(tree.nodes[a.next!]).toBeDefined();
      }
    }
    expect(result.data.issues).toEqual([]);
    // Saving again keeps the ids.
    const again = await saveFlow({ flowId, ...meta, variables: [], structure: tree });
    expect(again.ok && Object.keys((again.data.structure as TreeStructure).nodes).sort()).toEqual(Object.keys(tree.nodes).sort());
  });

  it("publish creates version N+1 with a snapshot that later edits do not change", async () => {
    const { engineer } = await createTenant();
    const { flowId, structure } = await publishedTree(engineer);
    const edited = structuredClone(structure);
    edited.nodes[edited.rootId].title = "Changed after publish";
    const save = await saveFlow({ flowId, ...meta, variables: [], structure: edited });
    expect(save.ok).toBe(true);

    const v1 = await db.flowVersion.findUniqueOrThrow({ where: { flowId_version: { flowId, version: 1 } } });
    expect((v1.structure as TreeStructure).nodes[structure.rootId].title).toBe("Does the printer show offline?");
    expect(v1.variables).toEqual([expect.objectContaining({ key: "print_server" })]);

    const second = await publishFlow({ flowId, ...meta, variables: [], structure: edited });
    expect(second.ok && second.data.version).toBe(2);
    const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(flow).toMatchObject({ status: "published", version: 2 });
    expect(await db.flowVersion.count({ where: { flowId } })).toBe(2);
  });

  it("refuses to publish a broken tree, naming the node, and changes nothing", async () => {
    const { engineer } = await createTenant();
    const flowId = await newFlow(engineer);
    const broken = sampleTree();
    (broken.nodes["tmp-q1"] as { answers: { next: string | null }[] }).answers[1].next = "tmp-deleted";
    const result = await publishFlow({ flowId, ...meta, variables: [], structure: broken });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/Does the printer show offline\?.*does not exist/);
    expect(Object.keys(result.fieldErrors ?? {}).some((k) => k.startsWith("node:"))).toBe(true);
    const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(flow).toMatchObject({ status: "draft", version: 0, structure: { rootId: "", nodes: {} } });
    expect(await db.flowVersion.count({ where: { flowId } })).toBe(0);
  });

  it("rejects unknown node types, oversize structures and duplicate variable keys without saving", async () => {
    const { engineer } = await createTenant();
    const flowId = await newFlow(engineer);
    const before = await db.flow.findUniqueOrThrow({ where: { id: flowId } });

    const unknown = await saveFlow({ flowId, ...meta, variables: [], structure: { rootId: "x", nodes: { x: { type: "wormhole", title: "?" } } } });
    expect(unknown.ok || unknown.error).toMatch(/Unknown node type/);

    const huge = await saveFlow({ flowId, ...meta, variables: [], structure: { steps: [], blob: "x".repeat(1_200_000) } });
    expect(huge.ok || huge.error).toMatch(/too large/);

    const duplicate = await saveFlow({ flowId, ...meta, variables: [{ key: "host", label: "Host" }, { key: "host", label: "Again" }], structure: sampleTree() });
    expect(duplicate.ok || duplicate.error).toMatch(/variables.1.key: Duplicate variable key/);

    const after = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.structure).toEqual(before.structure);
  });

  it("unpublish, deactivate, restore a version and delete", async () => {
    const { engineer } = await createTenant();
    const { flowId, structure } = await publishedTree(engineer);
    const edited = structuredClone(structure);
    edited.nodes[edited.rootId].title = "Draft title";
    await saveFlow({ flowId, ...meta, variables: [], structure: edited });

    expect((await restoreFlowVersion({ flowId, version: 1 })).ok).toBe(true);
    let flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect((flow.structure as TreeStructure).nodes[structure.rootId].title).toBe("Does the printer show offline?");
    expect((await restoreFlowVersion({ flowId, version: 9 })).ok).toBe(false);

    expect((await unpublishFlow({ flowId })).ok).toBe(true);
    expect((await setFlowActive({ flowId, active: false })).ok).toBe(true);
    flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(flow).toMatchObject({ status: "draft", isActive: false });

    const unconfirmed = await deleteFlow({ flowId });
    expect(unconfirmed.ok || unconfirmed.error).toMatch(/Type its name/);
    expect((await deleteFlow({ flowId, confirmName: "Printer offline" })).ok).toBe(true);
    expect(await db.flow.count({ where: { id: flowId } })).toBe(0);
    expect(await db.flowVersion.count({ where: { flowId } })).toBe(0);
  });
});

describe("roles and tenancy", () => {
  it("l1 cannot create or change flows; engineers edit their own and their team's; admins all", async () => {
    const { account, engineer, admin, l1 } = await createTenant();
    const team = await db.team.create({ data: { accountId: account.id, name: "Service Desk" } });
    await db.user.update({ where: { id: engineer.id }, data: { teamId: team.id } });
    const teammate = await createUser({ accountId: account.id, role: "engineer", teamId: team.id });
    const outsider = await createUser({ accountId: account.id, role: "engineer" });

    actAs(l1);
    const l1Create = await createFlow({ name: "x", type: "procedural" });
    expect(l1Create.ok || l1Create.code).toBe("forbidden");

    const teamFlow = await newFlow({ ...engineer, teamId: team.id } as never);
    // createFlow stamped the engineer's team.
    expect((await db.flow.findUniqueOrThrow({ where: { id: teamFlow } })).teamId).toBe(team.id);

    const payload = { flowId: teamFlow, ...meta, variables: [], structure: sampleTree() };
    actAs(teammate);
    expect((await saveFlow(payload)).ok).toBe(true);
    actAs(admin);
    expect((await saveFlow(payload)).ok).toBe(true);
    actAs(outsider);
    const outsiderSave = await saveFlow(payload);
    expect(outsiderSave.ok || outsiderSave.code).toBe("not_found"); // team flow of another team: not even visible
    actAs(l1);
    for (const call of [() => saveFlow(payload), () => publishFlow(payload), () => unpublishFlow({ flowId: teamFlow }), () => setFlowActive({ flowId: teamFlow, active: false }), () => deleteFlow({ flowId: teamFlow }), () => restoreFlowVersion({ flowId: teamFlow, version: 1 }), () => forkFlow({ flowId: teamFlow, name: "copy" })]) {
      const result = await call();
      expect(result.ok || result.code).toBe("forbidden");
    }

    // Account-visible flow by someone else: visible to the outsider, but not editable.
    const accountFlow = await newFlow(teammate, { visibility: "account" });
    actAs(outsider);
    const denied = await saveFlow({ ...payload, flowId: accountFlow });
    expect(denied.ok || denied.code).toBe("forbidden");
    // Private flows: author only, not even admins.
    const privateFlow = await newFlow(teammate, { visibility: "private" });
    actAs(admin);
    const hidden = await saveFlow({ ...payload, flowId: privateFlow });
    expect(hidden.ok || hidden.code).toBe("not_found");
  });

  it("another account's flows are not found for every action, and nothing changes", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { flowId } = await publishedTree(a.engineer);
    const before = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    actAs(b.owner);
    const payload = { flowId, ...meta, variables: [], structure: sampleTree() };
    for (const call of [() => saveFlow(payload), () => publishFlow(payload), () => unpublishFlow({ flowId }), () => setFlowActive({ flowId, active: false }), () => deleteFlow({ flowId, confirmName: "Printer offline" }), () => restoreFlowVersion({ flowId, version: 1 }), () => forkFlow({ flowId, name: "steal" })]) {
      const result = await call();
      expect(result.ok || result.code).toBe("not_found");
    }
    const after = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(after).toEqual(before);
    expect(await db.flow.count({ where: { accountId: b.account.id } })).toBe(0);
  });

  it("public published flows of other accounts can be forked but not edited", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const flowId = await newFlow(a.engineer, { visibility: "public" });
    actAs(a.engineer);
    await publishFlow({ flowId, ...meta, visibility: "public", variables: [{ key: "print_server", label: "Print server" }], structure: sampleTree() });

    actAs(b.engineer);
    const edit = await saveFlow({ flowId, ...meta, variables: [], structure: sampleTree() });
    expect(edit.ok || edit.code).toBe("forbidden");
    const fork = await forkFlow({ flowId, name: "Our printer flow", reason: "We use PaperCut" });
    expect(fork.ok).toBe(true);
    if (!fork.ok) return;
    const copy = await db.flow.findUniqueOrThrow({ where: { id: fork.data.id }, include: { tags: { include: { tag: true } } } });
    expect(copy).toMatchObject({ accountId: b.account.id, authorId: b.engineer.id, forkedFromId: flowId, forkReason: "We use PaperCut", status: "draft", version: 0, visibility: "team" });
    expect(copy.tags.map((t) => t.tag.name)).toEqual(["printing"]);
    expect(Object.keys((copy.structure as TreeStructure).nodes)).toHaveLength(4);
  });
});

describe("concurrency", () => {
  it("two concurrent creates at the free plan's limit cannot both pass", async () => {
    const account = await createAccount({ plan: "free" });
    const engineer = await createUser({ accountId: account.id, role: "engineer" });
    actAs(engineer);
    for (let i = 0; i < 9; i++) expect((await createFlow({ name: `Flow ${i}`, type: "procedural" })).ok).toBe(true);
    // All 8 creates queue on the account row (its lock, or the new flow's foreign-key check)
    // before any may go on, so they overlap on every run.
    const results = await raceOnLockedRow(
      { sql: `SELECT 1 FROM "Account" WHERE id = $1::uuid FOR UPDATE`, params: [account.id] },
      () => Array.from({ length: 8 }, (_, i) => createFlow({ name: `Race ${i}`, type: "procedural" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "limit_reached", error: expect.stringMatching(/free plan holds up to 10 flows/) });
    expect(await db.flow.count({ where: { accountId: account.id } })).toBe(10);
    // Fork and import count against the same limit.
    const exported = exportFlow({ ...meta, type: "procedural", variables: [], structure: sampleProcedure() });
    expect((await importFlow({ json: exported })).ok).toBe(false);
  });

  it("tag usage counts stay exact under parallel creates and saves", async () => {
    const { account, engineer } = await createTenant();
    actAs(engineer);
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => createFlow({ name: `F${i}`, type: "procedural", tags: ["patching", "windows"] })));
    expect(created.every((r) => r.ok)).toBe(true);
    const ids = created.map((r) => (r.ok ? r.data.id : ""));
    // Half of them drop "windows" in parallel.
    await Promise.all(ids.slice(0, 6).map((flowId) => saveFlow({ flowId, ...meta, tags: ["patching"], variables: [], structure: sampleProcedure() })));
    const tags = await db.tag.findMany({ where: { accountId: account.id }, orderBy: { name: "asc" } });
    expect(tags.map((t) => [t.name, t.usageCount])).toEqual([["patching", 12], ["windows", 6]]);
  });

  it("concurrent publishes of one flow produce consecutive versions without duplicates", async () => {
    const { engineer } = await createTenant();
    const flowId = await newFlow(engineer);
    const results = await Promise.all(Array.from({ length: 6 }, () => publishFlow({ flowId, ...meta, variables: [{ key: "print_server", label: "Print server" }], structure: sampleTree() })));
    expect(results.every((r) => r.ok)).toBe(true);
    const versions = (await db.flowVersion.findMany({ where: { flowId }, select: { version: true }, orderBy: { version: "asc" } })).map((v) => v.version);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("import", () => {
  it("imports an export as a draft in my account and reports errors by path", async () => {
    const { account, engineer } = await createTenant();
    actAs(engineer);
    const json = exportFlow({ ...meta, type: "procedural", variables: [{ key: "server_name", label: "Server", fieldType: "hostname", helpText: "", options: [], required: true, default: "" }], structure: sampleProcedure(2) });
    const ok = await importFlow({ json });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const flow = await db.flow.findUniqueOrThrow({ where: { id: ok.data.id } });
    expect(flow).toMatchObject({ accountId: account.id, authorId: engineer.id, status: "draft", type: "procedural", name: "Printer offline" });

    const broken = JSON.parse(json);
    broken.flow.structure.steps[1].type = "mystery";
    const bad = await importFlow({ json: JSON.stringify(broken) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {})).toContain("flow.structure.steps.1.type");
  });
});
