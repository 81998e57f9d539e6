// (d) The flow library page: searchFlows and libraryFacets for an account with 1,000 flows
// (bulk-inserted with tags and forks), statements per call and p50/p95 at 20 concurrent calls.
import "./count-queries";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import { librarySearchSchema } from "@/lib/flows/flow.validation";
import { libraryFacets, searchFlows } from "@/lib/flows/queries";
import { createTenant, createUser } from "@/tests/helpers/factories";
import { countStatements } from "./count-queries";
import { WORDS } from "./fixtures";
import { concurrent, ms, printTable } from "./measure";

it("searchFlows and libraryFacets with 1,000 flows in the account", async () => {
  const tenant = await createTenant();
  const accountId = tenant.account.id;
  const team = await db.team.create({ data: { accountId, name: "Service Desk" } });
  await db.user.update({ where: { id: tenant.engineer.id }, data: { teamId: team.id } });
  const engineer = { ...tenant.engineer, teamId: team.id };
  const authors = [engineer.id, tenant.admin.id, ...(await Promise.all(Array.from({ length: 3 }, (_, i) => createUser({ accountId, role: "engineer", teamId: i ? team.id : null })))).map((u) => u.id)];
  const categories = ["Printing", "Email", "Network", "Identity", "Endpoints", "Servers", "Backup", "Security", "Onboarding", "Offboarding", "Patching", "Cloud"];

  // 1,000 flows: every type, a dozen categories, drafts and published, all four visibilities.
  await db.$executeRaw`
    WITH v AS (SELECT ${WORDS}::text[] AS w)
    INSERT INTO "Flow" ("id", "accountId", "teamId", "authorId", "name", "description", "type", "category", "status", "visibility", "isActive",
                        "usageCount", "version", "structure", "createdAt", "updatedAt", "publishedAt")
    SELECT gen_random_uuid(), ${accountId}::uuid, CASE WHEN g % 5 < 3 THEN ${team.id}::uuid END, (${authors}::uuid[])[1 + g % 5],
           initcap(v.w[1 + g % 40]) || ' ' || v.w[1 + (g * 7) % 40] || ' #' || g,
           'When the ' || v.w[1 + (g * 3) % 40] || ' fails for a user, walk through these checks.',
           (ARRAY['troubleshooting', 'procedural', 'maintenance'])[1 + g % 3]::"FlowType",
           (${categories}::text[])[1 + g % 12],
           (CASE WHEN g % 4 = 0 THEN 'draft' ELSE 'published' END)::"FlowStatus",
           (ARRAY['private', 'team', 'team', 'team', 'account', 'account', 'account', 'account', 'account', 'public'])[1 + g % 10]::"Visibility",
           g % 50 <> 7, g % 97, CASE WHEN g % 4 = 0 THEN 0 ELSE 1 END,
           CASE WHEN g % 3 = 0 THEN '{"rootId": "", "nodes": {}}'::jsonb ELSE '{"steps": []}'::jsonb END,
           now() - g * interval '1 hour', now() - g * interval '1 hour', CASE WHEN g % 4 <> 0 THEN now() - g * interval '1 hour' END
    FROM generate_series(1, 1000) AS g, v`;
  // Every tenth flow is a fork of an earlier one; 40 tags, three per flow.
  await db.$executeRaw`
    UPDATE "Flow" f SET "forkedFromId" = o."id", "forkReason" = 'Customer variant'
    FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Flow" WHERE "accountId" = ${accountId}::uuid) o,
         (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Flow" WHERE "accountId" = ${accountId}::uuid) me
    WHERE f."id" = me."id" AND me.n % 10 = 0 AND o.n = me.n - 5`;
  await db.$executeRaw`INSERT INTO "Tag" ("id", "accountId", "name", "usageCount") SELECT gen_random_uuid(), ${accountId}::uuid, 'tag-' || g, 75 FROM generate_series(1, 40) AS g`;
  await db.$executeRaw`
    INSERT INTO "FlowTag" ("flowId", "tagId")
    SELECT f."id", t."id" FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Flow" WHERE "accountId" = ${accountId}::uuid) f
    JOIN (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Tag" WHERE "accountId" = ${accountId}::uuid) t
      ON t.n IN (1 + f.n % 40, 1 + (f.n + 13) % 40, 1 + (f.n + 27) % 40)`;
  for (const table of ["Flow", "FlowTag", "Tag"]) await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  const flows = await db.flow.count({ where: { accountId } });

  const scenarios: [string, typeof engineer | typeof tenant.admin, () => Promise<unknown>][] = [
    ["searchFlows · engineer, first page", engineer, () => searchFlows(engineer, librarySearchSchema.parse({}))],
    ["searchFlows · admin, first page", tenant.admin, () => searchFlows(tenant.admin, librarySearchSchema.parse({}))],
    ["searchFlows · q=\"printer\"", engineer, () => searchFlows(engineer, librarySearchSchema.parse({ q: "printer" }))],
    ["searchFlows · type + category + tag, most used", engineer, () => searchFlows(engineer, librarySearchSchema.parse({ type: "procedural", category: "Endpoints", tag: "tag-7", sort: "used" }))],
    ["searchFlows · page 20, by name", engineer, () => searchFlows(engineer, librarySearchSchema.parse({ page: 20, sort: "name" }))],
    ["libraryFacets · engineer", engineer, () => libraryFacets(engineer)],
    ["libraryFacets · admin", tenant.admin, () => libraryFacets(tenant.admin)],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, , call] of scenarios) {
    const { result, statements } = await countStatements(call);
    const found = (result as { total?: number }).total ?? `${(result as { categories: string[] }).categories.length} cat., ${(result as { tags: string[] }).tags.length} tags`;
    const timing = await concurrent(20, 5, call);
    rows.push([label, found, statements.length, ms(timing.p50), ms(timing.p95), Math.round(timing.wallMs)]);
  }
  printTable(`(d) Flow library, ${flows.toLocaleString("en")} flows in the account (20 concurrent calls × 5 rounds = 100 samples)`,
    ["call", "found", "statements", "p50 ms", "p95 ms", "wall ms"], rows,
    ["statements per call are the same for 1 or 24 cards: relations (author, fork origin, tags) load in one batched query each."]);
});
