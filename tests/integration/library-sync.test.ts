// Step library sync (SPEC §6): written inside the publish transaction, keyed on
// (sourceTreeId, sourceNodeId), keeping ids, usage and ratings across publishes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createFlow, deleteFlow, publishFlow, restoreFlowVersion, setFlowActive, unpublishFlow } from "@/lib/flows/flows.actions";
import type { ProcedureStructure } from "@/lib/flows/structure";
import { createLibraryStep, deleteLibraryStep, saveToMyLibrary, updateLibraryStep } from "@/lib/library/library.actions";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { getLibraryCard, LIBRARY_EXCERPT_CHARS, searchLibrary, searchLibraryWithContent } from "@/lib/library/queries";
import { actAs, createTenant } from "@/tests/helpers/factories";
import { sampleProcedure, sampleTree } from "@/tests/helpers/flow-fixtures";

type User = { id: string };
const meta = { name: "Patch servers", description: "", category: "Maintenance", tags: [], visibility: "team" as const };

async function publishedProcedure(user: User, structure = sampleProcedure(3), visibility: "team" | "public" = "team") {
  actAs(user);
  const created = await createFlow({ name: "Patch servers", type: "maintenance", visibility });
  if (!created.ok) throw new Error(created.error);
  const published = await publishFlow({ flowId: created.data.id, ...meta, visibility, variables: [{ key: "server_name", label: "Server" }], structure });
  if (!published.ok) throw new Error(published.error);
  return { flowId: created.data.id, structure: published.data.structure as ProcedureStructure };
}

const synced = (flowId: string) => db.libraryStep.findMany({ where: { sourceTreeId: flowId }, orderBy: { title: "asc" } });

describe("sync on publish", () => {
  it("writes one action per procedure step with group label, commands and help text", async () => {
    const { engineer } = await createTenant();
    const structure = sampleProcedure(3);
    structure.steps.splice(2, 0, { id: "tmp-sec2", type: "section_header", title: "Patch" });
    (structure.steps[3] as { libraryVisibility: string | null }).libraryVisibility = "public";
    const { flowId } = await publishedProcedure(engineer, structure);
    const entries = await synced(flowId);
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => [e.title, e.groupLabel, e.visibility, e.type, e.authorId])).toEqual([
      ["Step 1 on [VAR:server_name]", "Preparation", "team", "action", engineer.id],
      ["Step 2 on [VAR:server_name]", "Patch", "public", "action", engineer.id],
      ["Step 3 on [VAR:server_name]", "Patch", "team", "action", engineer.id],
    ]);
    expect(entries[0].content).toEqual({
      instructions: "Do **thing 1**.",
      helpText: "It works.",
      commands: [{ label: "Check", command: "Get-Service -ComputerName [VAR:server_name] # 0", commandType: "powershell" }],
      groupLabel: "Preparation",
    });
  });

  it("troubleshooting: actions and solutions only; public flow → public entries", async () => {
    const { engineer } = await createTenant();
    actAs(engineer);
    const created = await createFlow({ name: "Printer offline", type: "troubleshooting", visibility: "public" });
    if (!created.ok) throw new Error(created.error);
    await publishFlow({ flowId: created.data.id, ...meta, visibility: "public", variables: [{ key: "print_server", label: "Print server" }], structure: sampleTree() });
    const entries = await synced(created.data.id);
    expect(entries.map((e) => [e.type, e.title, e.visibility])).toEqual([
      ["solution", "Printer back online", "public"],
      ["action", "Restart the spooler on [VAR:print_server]", "public"],
    ]);
  });

  it("republish keeps ids, usage and ratings; removed steps deactivate and come back", async () => {
    const { engineer } = await createTenant();
    const { flowId, structure } = await publishedProcedure(engineer);
    const before = await synced(flowId);
    await db.libraryStep.updateMany({ where: { sourceTreeId: flowId }, data: { usageCount: 7, helpfulCount: 3, unhelpfulCount: 1 } });

    const edited = structuredClone(structure);
    const steps = edited.steps.filter((s) => s.type === "procedure_step") as { id: string; title: string }[];
    steps[0].title = "Step 1, reworded";
    const removed = steps[2];
    edited.steps = edited.steps.filter((s) => s.id !== removed.id);
    const again = await publishFlow({ flowId, ...meta, variables: [{ key: "server_name", label: "Server" }], structure: edited });
    expect(again.ok).toBe(true);

    const after = await synced(flowId);
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    const reworded = after.find((e) => e.sourceNodeId === steps[0].id)!;
    expect(reworded).toMatchObject({ title: "Step 1, reworded", usageCount: 7, helpfulCount: 3, unhelpfulCount: 1, isActive: true });
    expect(after.find((e) => e.sourceNodeId === removed.id)).toMatchObject({ isActive: false });

    // The step comes back (version 1 restored, then published): same entry, active again.
    expect((await restoreFlowVersion({ flowId, version: 1 })).ok).toBe(true);
    const restored = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    await publishFlow({ flowId, ...meta, variables: [{ key: "server_name", label: "Server" }], structure: restored.structure });
    expect((await synced(flowId)).every((e) => e.isActive)).toBe(true);
    expect(await db.libraryStep.count({ where: { sourceTreeId: flowId } })).toBe(3);
  });

  it("unpublish, deactivate and delete deactivate synced entries; a saved copy survives", async () => {
    const { engineer } = await createTenant();
    const { flowId } = await publishedProcedure(engineer);
    const [first] = await synced(flowId);
    const copy = await saveToMyLibrary({ stepId: first.id, visibility: "private" });
    expect(copy.ok).toBe(true);

    await unpublishFlow({ flowId });
    expect((await synced(flowId)).every((e) => !e.isActive)).toBe(true);
    await publishFlow({ flowId, ...meta, variables: [{ key: "server_name", label: "Server" }], structure: sampleProcedure(3) });
    await setFlowActive({ flowId, active: false });
    expect((await synced(flowId)).filter((e) => e.isActive)).toHaveLength(0);
    await setFlowActive({ flowId, active: true });
    expect((await synced(flowId)).filter((e) => e.isActive).length).toBeGreaterThan(0);

    const ids = (await synced(flowId)).map((e) => e.id);
    expect((await deleteFlow({ flowId, confirmName: "Patch servers" })).ok).toBe(true);
    // The FK set sourceTreeId to null, but the entries were deactivated first.
    const orphans = await db.libraryStep.findMany({ where: { id: { in: ids } } });
    expect(orphans.length).toBeGreaterThan(0);
    expect(orphans.every((e) => !e.isActive && e.sourceTreeId === null)).toBe(true);
    const survivor = await db.libraryStep.findUniqueOrThrow({ where: { id: copy.ok ? copy.data.id : "" } });
    expect(survivor).toMatchObject({ isActive: true, sourceNodeId: null, authorId: engineer.id, forkedFromId: first.id });
  });

  it("a failing sync fails the publish and changes nothing", async () => {
    const { engineer } = await createTenant();
    const { flowId, structure } = await publishedProcedure(engineer);
    // Make the sync's upsert fail: a CHECK the new title violates.
    await db.$executeRawUnsafe(`ALTER TABLE "LibraryStep" ADD CONSTRAINT test_no_reworded CHECK ("title" <> 'Boom')`);
    try {
      const edited = structuredClone(structure);
      (edited.steps.find((s) => s.type === "procedure_step") as { title: string }).title = "Boom";
      const result = await publishFlow({ flowId, ...meta, variables: [], structure: edited });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).not.toMatch(/constraint|LibraryStep/i);
      const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
      expect(flow.version).toBe(1);
      expect(await db.flowVersion.count({ where: { flowId } })).toBe(1);
      expect((await synced(flowId)).map((e) => e.title)).not.toContain("Boom");
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "LibraryStep" DROP CONSTRAINT test_no_reworded`);
    }
  });

  it("two concurrent publishes of one flow leave no duplicates", async () => {
    const { engineer } = await createTenant();
    const { flowId, structure } = await publishedProcedure(engineer);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => {
      const edited = structuredClone(structure);
      (edited.steps.find((s) => s.type === "procedure_step") as { title: string }).title = `Version ${i}`;
      return publishFlow({ flowId, ...meta, variables: [], structure: edited });
    }));
    expect(results.every((r) => r.ok)).toBe(true);
    const entries = await synced(flowId);
    expect(entries).toHaveLength(3);
    const flow = await db.flow.findUniqueOrThrow({ where: { id: flowId } });
    const latest = flow.structure as ProcedureStructure;
    const firstTitle = (latest.steps.find((s) => s.type === "procedure_step") as { title: string }).title;
    expect(entries.map((e) => e.title)).toContain(firstTitle);
  });
});

describe("manual entries and tenancy", () => {
  it("synced entries refuse edits and deletes whatever the client sends", async () => {
    const { engineer, owner } = await createTenant();
    const { flowId } = await publishedProcedure(engineer);
    const [entry] = await synced(flowId);
    for (const user of [engineer, owner]) {
      actAs(user);
      const update = await updateLibraryStep({ stepId: entry.id, title: "hacked", instructions: "", commands: [] });
      expect(update.ok || update.error).toMatch(/Managed by its flow/);
      const remove = await deleteLibraryStep({ stepId: entry.id });
      expect(remove.ok || remove.error).toMatch(/Managed by its flow/);
    }
    expect((await db.libraryStep.findUniqueOrThrow({ where: { id: entry.id } })).title).toBe(entry.title);
  });

  it("another account never sees team or private entries; public ones are read-only to it", async () => {
    const a = await createTenant();
    const b = await createTenant();
    actAs(a.engineer);
    const privateStep = await createLibraryStep({ title: "Reset the zorblax cache", instructions: "zorblax", visibility: "private", commands: [{ label: "", command: "Clear-Zorblax", commandType: "powershell" }] });
    const teamStep = await createLibraryStep({ title: "Team zorblax", instructions: "zorblax", visibility: "team" });
    const publicStep = await createLibraryStep({ title: "Public zorblax", instructions: "zorblax", visibility: "public" });
    expect(privateStep.ok && teamStep.ok && publicStep.ok).toBe(true);

    const search = (user: typeof a.engineer) => searchLibrary({ ...user, teamId: user.teamId }, librarySearchSchema.parse({ q: "zorblax" }));
    expect((await search(a.engineer)).items.map((i) => i.title).sort()).toEqual(["Public zorblax", "Reset the zorblax cache", "Team zorblax"]);
    const other = await search(b.engineer);
    expect(other.items.map((i) => i.title)).toEqual(["Public zorblax"]);
    expect(other.items[0].editable).toBe(false);
    // Found by a word from a command.
    expect((await searchLibrary(a.engineer, librarySearchSchema.parse({ q: "clear-zorblax" }))).items.map((i) => i.title)).toEqual(["Reset the zorblax cache"]);

    actAs(b.owner);
    const steal = await updateLibraryStep({ stepId: publicStep.ok ? publicStep.data.id : "", title: "mine now" });
    expect(steal.ok || steal.code).toBe("forbidden");
    const peek = await updateLibraryStep({ stepId: privateStep.ok ? privateStep.data.id : "", title: "mine now" });
    expect(peek.ok || peek.code).toBe("not_found");
    const copy = await saveToMyLibrary({ stepId: publicStep.ok ? publicStep.data.id : "", visibility: "team" });
    expect(copy.ok).toBe(true);
    if (copy.ok) {
      actAs(b.owner);
      expect((await updateLibraryStep({ stepId: copy.data.id, title: "Our zorblax", instructions: "ours" })).ok).toBe(true);
    }
  });
});

describe("what a list carries", () => {
  it("a card gets the start of the instructions, the first command whole and the count; opening it reads the whole step", async () => {
    const { engineer } = await createTenant();
    actAs(engineer);
    const instructions = `Quibbletron ${"long instructions ".repeat(200)}`;
    const script = "Get-Service Spooler |\n  Restart-Service -Force";
    const commands = [
      { label: "Restart", command: script, commandType: "powershell" as const },
      { label: "Check", command: "Get-Service Spooler", commandType: "powershell" as const },
      { label: "Log", command: "Get-EventLog System -Newest 20", commandType: "powershell" as const },
    ];
    const created = await createLibraryStep({ title: "Restart the quibbletron", instructions, helpText: "It comes back", commands });
    if (!created.ok) throw new Error(created.error);

    const { items: [item] } = await searchLibrary(engineer, librarySearchSchema.parse({ q: "quibbletron" }));
    expect(item).not.toHaveProperty("content");
    expect(item.preview).toEqual({ excerpt: instructions.slice(0, LIBRARY_EXCERPT_CHARS), firstCommand: commands[0], commandCount: 3 });

    const whole = await getLibraryCard(engineer, item.id);
    expect(whole?.content).toEqual({ instructions, helpText: "It comes back", commands, groupLabel: null });
    expect({ ...whole, content: undefined }).toEqual({ ...item, preview: undefined, content: undefined });
    // The REST API's page carries the whole steps.
    expect((await searchLibraryWithContent(engineer, librarySearchSchema.parse({ q: "quibbletron" }))).items[0].content).toEqual(whole?.content);
  });
});
