// (a) Flow authoring at size: saveFlow and publishFlow of a 500-step procedure and of a
// 1,000-node tree — milliseconds and SQL statements per call.
import "./count-queries";
import { it } from "vitest";
import { createFlow, publishFlow, saveFlow } from "@/lib/flows/flows.actions";
import type { FlowStructure, FlowType } from "@/lib/flows/structure";
import { structureSize } from "@/lib/flows/structure";
import { actAs, createTenant } from "@/tests/helpers/factories";
import { ok } from "@/tests/helpers/published-flows";
import { countStatements } from "./count-queries";
import { bigProcedure, bigTree } from "./fixtures";
import { ms, printTable, sequential } from "./measure";

const RUNS = 10;

it("saveFlow and publishFlow of large flows", async () => {
  const { engineer } = await createTenant();
  actAs(engineer);
  const rows: (string | number)[][] = [];

  const cases: [string, FlowType, FlowStructure][] = [
    ["procedure", "procedural", bigProcedure(500)],
    ["tree", "troubleshooting", bigTree(1000)],
  ];
  for (const [label, type, structure] of cases) {
    const { id: flowId } = ok(await createFlow({ name: `Big ${label}`, type, visibility: "team" }));
    const input = (s: unknown, i: number) => ({ flowId, name: `Big ${label} ${i}`, visibility: "team" as const, tags: ["bench"], variables: [{ key: "server_name", label: "Server" }], structure: s });
    // The first save assigns server ids; later saves send those back, as the editor does.
    const saved = ok(await saveFlow(input(structure, 0))).structure;
    const size = "steps" in saved ? `${saved.steps.filter((st) => st.type === "procedure_step").length} steps (${structureSize(saved)} items)` : `${structureSize(saved)} nodes`;

    const save = await sequential(RUNS, (i) => saveFlow(input(saved, i)).then(ok));
    const saveCount = (await countStatements(() => saveFlow(input(saved, 99)).then(ok))).statements.length;
    const publish = await sequential(RUNS, (i) => publishFlow(input(saved, i)).then(ok));
    const publishCount = (await countStatements(() => publishFlow(input(saved, 99)).then(ok))).statements.length;
    const kb = Math.round(JSON.stringify(saved).length / 1000);
    rows.push([`saveFlow ${label}`, `${size}, ${kb} kB`, RUNS, ms(save.p50), ms(save.p95), saveCount]);
    rows.push([`publishFlow ${label}`, `${size}, ${kb} kB`, RUNS, ms(publish.p50), ms(publish.p95), publishCount]);
  }
  printTable("(a) Flow authoring at size", ["operation", "size", "runs", "median ms", "p95 ms", "statements"], rows, [
    "statements = SQL sent by the app's Prisma client per call (BEGIN/COMMIT not counted), auth lookup included;",
    "publish = save + version snapshot + library sync (one upsert + one deactivate) in one transaction.",
  ]);
});
