// The HTTP benchmark's data: two accounts of their own (never the demo account), each loaded with
// a handful of bulk INSERT … SELECT generate_series statements, so 100,000 sessions go in within
// seconds. Kept between runs: a second run finds the accounts (by name, which carries the
// fixture version) and skips the load.
import type pg from "pg";
import { hashPassword } from "../../../lib/auth/password";
import { bigProcedure, bigTree, WORDS } from "../fixtures";

/** Bump when the shape of the fixtures changes: older bench accounts are deleted and reloaded. */
const FIXTURE_VERSION = 4;
export const BENCH_PASSWORD = "bench-http-password";

/** Maintenance (issue 11): target lists of 20 targets, batches of 10 sessions, schedules; plus one 500-target batch in each account (the hub under test). */
/** Webhooks (issue 13): one endpoint with `deliveries` deliveries (a quarter failed, a few pending), each with its tries. */
export type Volume = { key: string; flows: number; sessions: number; steps: number; tags: number; lists: number; batches: number; schedules: number; deliveries?: number };
export const VOLUMES: Volume[] = [
  { key: "full", flows: 1_000, sessions: 100_000, steps: 50_000, tags: 40, lists: 200, batches: 2_000, schedules: 200, deliveries: 20_000 },
  { key: "small", flows: 10, sessions: 100, steps: 100, tags: 5, lists: 3, batches: 10, schedules: 3, deliveries: 20 },
];
export const HUB_TARGETS = 500;

export type LoadedVolume = Volume & { accountId: string; ownerEmail: string; flowId: string; sessionId: string; hubBatchId: string; maintenanceFlowId: string; webhookEndpointId: string | null };

const accountName = (v: Volume) => `Bench ${v.key} v${FIXTURE_VERSION}`;
const ownerEmail = (v: Volume) => `bench-${v.key}-owner@bench.invalid`;

const CATEGORIES = ["Printing", "Email", "Network", "Identity", "Backup", "Endpoint", "Security", "Servers", "Cloud", "Voice",
  "Onboarding", "Offboarding", "Licensing", "Storage", "Monitoring", "Patching", "Remote access", "Mobile", "Browsers", "Line of business"];

async function find(client: pg.Client, v: Volume): Promise<LoadedVolume | null> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Account" WHERE name = $1`, [accountName(v)]);
  if (!rows.length) return null;
  const accountId = rows[0].id;
  const [{ rows: counts }, { rows: hub }, { rows: targets }] = await Promise.all([
    // Sessions outside batches: the history volume; batch sessions come on top.
    client.query<{ flows: number; sessions: number; steps: number; lists: number; batches: number; schedules: number; escalations: number }>(
      `SELECT (SELECT count(*)::int FROM "Flow" WHERE "accountId" = $1) AS flows,
              (SELECT count(*)::int FROM "Session" WHERE "accountId" = $1 AND "batchId" IS NULL) AS sessions,
              (SELECT count(*)::int FROM "LibraryStep" WHERE "accountId" = $1) AS steps,
              (SELECT count(*)::int FROM "TargetList" WHERE "accountId" = $1) AS lists,
              (SELECT count(*)::int FROM "Batch" WHERE "accountId" = $1) AS batches,
              (SELECT count(*)::int FROM "Schedule" WHERE "accountId" = $1) AS schedules,
              (SELECT count(*)::int FROM "Escalation" WHERE "accountId" = $1) AS escalations`, [accountId]),
    client.query<{ id: string; flowId: string }>(`SELECT id, "flowId" FROM "Batch" WHERE "accountId" = $1 AND "targetCount" = ${HUB_TARGETS} LIMIT 1`, [accountId]),
    client.query<{ flowId: string; sessionId: string }>(
      `SELECT s."flowId", s.id AS "sessionId" FROM "Session" s JOIN "User" u ON u.id = s."ownerId"
       WHERE s."accountId" = $1 AND u.email = $2 AND s.status = 'completed' AND s."batchId" IS NULL ORDER BY s."updatedAt" DESC LIMIT 1`, [accountId, ownerEmail(v)]),
  ]);
  const c = counts[0];
  const { rows: hooks } = await client.query<{ id: string; deliveries: number }>(
    `SELECT e.id, (SELECT count(*)::int FROM "WebhookDelivery" d WHERE d."endpointId" = e.id) AS deliveries
     FROM "WebhookEndpoint" e WHERE e."accountId" = $1 ORDER BY e."createdAt" LIMIT 1`, [accountId]);
  if ((v.deliveries ?? 0) > 0 && hooks[0]?.deliveries !== v.deliveries) return null;
  if (c.flows !== v.flows || c.sessions !== v.sessions || c.steps !== v.steps || !c.escalations || !targets.length) return null;
  if (c.lists !== v.lists || c.batches !== v.batches + 1 || c.schedules !== v.schedules || !hub.length) return null;
  return { ...v, accountId, ownerEmail: ownerEmail(v), flowId: targets[0].flowId, sessionId: targets[0].sessionId, hubBatchId: hub[0].id, maintenanceFlowId: hub[0].flowId, webhookEndpointId: hooks[0]?.id ?? null };
}

async function remove(client: pg.Client, v: Volume) {
  const like = `Bench ${v.key} v%`;
  // Sessions restrict deleting their flow versions; versions outlive their flow (flowId → null).
  await client.query(`DELETE FROM "Session" WHERE "accountId" IN (SELECT id FROM "Account" WHERE name LIKE $1)`, [like]);
  // Batches restrict deleting their flow versions too.
  await client.query(`DELETE FROM "Batch" WHERE "accountId" IN (SELECT id FROM "Account" WHERE name LIKE $1)`, [like]);
  await client.query(`DELETE FROM "FlowVersion" WHERE "flowId" IN (SELECT f.id FROM "Flow" f JOIN "Account" a ON a.id = f."accountId" WHERE a.name LIKE $1)`, [like]);
  await client.query(`DELETE FROM "Account" WHERE name LIKE $1`, [like]);
}

async function load(client: pg.Client, v: Volume, log: (line: string) => void = () => {}): Promise<void> {
  const started = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  // A tree for troubleshooting flows, a procedure for the other two types (their pages read it as one).
  const tree = JSON.stringify(bigTree(31));
  const procedure = JSON.stringify(bigProcedure(30));
  await client.query("BEGIN");
  const { rows: [account] } = await client.query<{ id: string }>(`INSERT INTO "Account" (id, name, plan) VALUES (gen_random_uuid(), $1, 'pro') RETURNING id`, [accountName(v)]);
  const a = account.id;
  const { rows: [team] } = await client.query<{ id: string }>(`INSERT INTO "Team" (id, "accountId", name) VALUES (gen_random_uuid(), $1, 'Service Desk') RETURNING id`, [a]);
  // The owner (who signs in) and nine engineers, half of them in the team.
  await client.query(
    `INSERT INTO "User" (id, "accountId", "teamId", email, name, "passwordHash", role, "emailVerifiedAt")
     SELECT gen_random_uuid(), $1, CASE WHEN g <= 5 THEN $2::uuid END,
            CASE WHEN g = 1 THEN $3 ELSE 'bench-' || $4 || '-engineer-' || g || '@bench.invalid' END,
            CASE WHEN g = 1 THEN 'Bench Owner' ELSE 'Engineer ' || g END, $5,
            (CASE WHEN g = 1 THEN 'owner' ELSE 'engineer' END)::"Role", now()
     FROM generate_series(1, 10) AS g`, [a, team.id, ownerEmail(v), v.key, passwordHash]);
  const { rows: users } = await client.query<{ id: string; teamId: string | null }>(`SELECT id, "teamId" FROM "User" WHERE "accountId" = $1 ORDER BY email`, [a]);
  const owner = (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ownerEmail(v)])).rows[0].id;
  const ids = users.map((u) => u.id);
  const teams = users.map((u) => u.teamId);

  // Flows: a mix of types, categories (some none), 4 in 5 published, every tenth one team-visible.
  await client.query(
    `WITH w AS (SELECT $4::text[] AS w, $5::text[] AS c)
     INSERT INTO "Flow" (id, "accountId", "teamId", "authorId", name, description, type, category, status, visibility, "usageCount", version,
                         structure, "createdAt", "updatedAt", "publishedAt")
     SELECT gen_random_uuid(), $1, $2, ($3::uuid[])[1 + g % 10],
            initcap(w.w[1 + g % 40]) || ' ' || w.w[1 + (g / 40) % 40] || ' check ' || g,
            'Walks through the ' || w.w[1 + (g * 7) % 40] || ' and ' || w.w[1 + (g * 13) % 40] || ' checks for ticket type ' || g || '.',
            (ARRAY['troubleshooting', 'procedural', 'maintenance'])[1 + g % 3]::"FlowType",
            CASE WHEN g % 9 = 0 THEN NULL ELSE w.c[1 + g % 20] END,
            (CASE WHEN g % 5 = 0 THEN 'draft' ELSE 'published' END)::"FlowStatus",
            (CASE WHEN g % 10 = 0 THEN 'team' ELSE 'account' END)::"Visibility",
            g % 97, CASE WHEN g % 5 = 0 THEN 0 ELSE 1 END, CASE WHEN g % 3 = 0 THEN $6::jsonb ELSE $8::jsonb END,
            now() - g * interval '1 hour', now() - g * interval '1 hour', CASE WHEN g % 5 <> 0 THEN now() - g * interval '1 hour' END
     FROM generate_series(1, $7::int) AS g, w`, [a, team.id, ids, WORDS, CATEGORIES, tree, v.flows, procedure]);
  await client.query(
    `INSERT INTO "FlowVersion" (id, "flowId", version, name, description, structure, variables, "publishedById", "publishedAt", type)
     SELECT gen_random_uuid(), id, 1, name, description, structure, variables, "authorId", "publishedAt", type
     FROM "Flow" WHERE "accountId" = $1 AND status = 'published'`, [a]);
  await client.query(`INSERT INTO "Tag" (id, "accountId", name, "usageCount") SELECT gen_random_uuid(), $1, 'tag-' || g, 0 FROM generate_series(1, $2::int) AS g`, [a, v.tags]);
  await client.query(
    `INSERT INTO "FlowTag" ("flowId", "tagId")
     SELECT f.id, t.id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Flow" WHERE "accountId" = $1) f
     JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Tag" WHERE "accountId" = $1) t ON t.n IN (1 + f.n % $2, 1 + (f.n * 7 + 3) % $2)`, [a, v.tags]);
  await client.query(`UPDATE "Tag" t SET "usageCount" = (SELECT count(*) FROM "FlowTag" ft WHERE ft."tagId" = t.id) WHERE t."accountId" = $1`, [a]);

  // Sessions over the published flows: mostly completed, some active and prepared, over a year.
  await client.query(
    // Flows in creation order (not by random id), so which sessions are escalated troubleshooting
    // runs is the same on every load: by id, the small volume sometimes had none, and its check failed.
    `WITH fv AS (SELECT array_agg(f.id ORDER BY f."createdAt" DESC, f.id) AS flows, array_agg(v.id ORDER BY f."createdAt" DESC, f.id) AS versions,
                        array_agg(f.name ORDER BY f."createdAt" DESC, f.id) AS names, array_agg(f.type::text ORDER BY f."createdAt" DESC, f.id) AS types, count(*)::int AS n
                 FROM "Flow" f JOIN "FlowVersion" v ON v."flowId" = f.id WHERE f."accountId" = $1)
     INSERT INTO "Session" (id, "accountId", "teamId", "flowId", "flowVersionId", "flowName", "flowType", "ownerId", "assigneeId", "preparedById",
                            status, "startedAt", "completedAt", outcome, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, ($3::uuid[])[1 + g % 10], fv.flows[1 + g % fv.n], fv.versions[1 + g % fv.n], fv.names[1 + g % fv.n],
            fv.types[1 + g % fv.n]::"FlowType",
            CASE WHEN s.status = 'prepared' THEN NULL ELSE ($2::uuid[])[1 + g % 10] END,
            CASE WHEN s.status = 'prepared' OR g % 11 = 0 THEN ($2::uuid[])[1 + (g / 7) % 10] END,
            CASE WHEN s.status = 'prepared' THEN ($2::uuid[])[1 + (g / 3) % 10] END,
            s.status::"SessionStatus",
            CASE WHEN s.status <> 'prepared' THEN s.created + interval '5 minutes' END,
            CASE WHEN s.status = 'completed' THEN s.created + interval '40 minutes' END,
            (CASE WHEN s.status <> 'completed' THEN NULL WHEN fv.types[1 + g % fv.n] <> 'troubleshooting' THEN (ARRAY['completed', 'completed_with_issues', 'aborted'])[1 + g % 3]
                  ELSE (ARRAY['resolved', 'partially_resolved', 'escalated', 'unresolved'])[1 + g % 4] END)::"SessionOutcome",
            s.created, s.created + interval '40 minutes'
     FROM generate_series(1, $4::int) AS g, fv,
     LATERAL (SELECT CASE WHEN g % 20 = 0 THEN 'active' WHEN g % 50 = 1 THEN 'prepared' ELSE 'completed' END AS status,
                     now() - (g * (interval '1 year' / $4::int)) AS created) AS s`, [a, ids, teams, v.sessions]);

  // L1 workspace: 10 categories; every escalated session has an escalation (open / claimed /
  // resolved in turn); the owner's bell holds sessions ÷ 20 notifications, a fifth unread.
  await client.query(`INSERT INTO "ProblemCategory" (id, "accountId", name, description, "updatedAt") SELECT gen_random_uuid(), $1, 'Category ' || g, 'Bench category', now() FROM generate_series(1, 10) AS g`, [a]);
  await client.query(
    `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM "ProblemCategory" WHERE "accountId" = $1),
          e AS (SELECT s.id, s."ownerId", s."createdAt", row_number() OVER (ORDER BY s.id) AS n FROM "Session" s WHERE s."accountId" = $1 AND s.outcome = 'escalated')
     INSERT INTO "Escalation" (id, "accountId", "sessionId", "fromId", "categoryId", status, reason, "walkText", "notifiedCount", "claimedById", "claimedAt", resolution, "resolvedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, e.id, e."ownerId", c.ids[1 + e.n % 10], (ARRAY['open', 'claimed', 'resolved'])[1 + e.n % 3]::"EscalationStatus",
            'Tried the usual steps', 'Walk so far', 2, CASE WHEN e.n % 3 > 0 THEN e."ownerId" END, CASE WHEN e.n % 3 > 0 THEN e."createdAt" END,
            CASE WHEN e.n % 3 = 2 THEN 'Fixed it' ELSE '' END, CASE WHEN e.n % 3 = 2 THEN e."createdAt" END, e."createdAt", e."createdAt"
     FROM e, c`, [a]);
  await client.query(
    `INSERT INTO "Notification" (id, "accountId", "userId", kind, title, body, href, "readAt", "createdAt")
     SELECT gen_random_uuid(), $1, u.id, 'escalation_created', 'Escalated: problem ' || g, 'Someone escalated a problem.', '/escalations',
            CASE WHEN g % 5 = 0 THEN NULL ELSE now() END, now() - g * interval '1 minute'
     FROM generate_series(1, $3::int) AS g, "User" u WHERE u.email = $2`, [a, ownerEmail(v), Math.max(1, Math.floor(v.sessions / 20))]);

  // Library steps: "spooler" is in about 6,000 of 50,000; a third carry a group; a quarter are synced.
  await client.query(
    `WITH v AS (SELECT $3::text[] AS w, (SELECT array_agg(id ORDER BY id) FROM "Flow" WHERE "accountId" = $1 AND status = 'published') AS flows)
     INSERT INTO "LibraryStep" (id, "accountId", "teamId", "authorId", title, type, content, "searchText", "groupLabel", visibility, "usageCount",
                                "helpfulCount", "unhelpfulCount", tags, "isActive", "sourceTreeId", "sourceNodeId", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, $4, ($2::uuid[])[1 + g % 10], t.title,
            (CASE WHEN g % 5 = 0 THEN 'solution' ELSE 'action' END)::"LibraryStepType",
            jsonb_build_object('instructions', t.body, 'helpText', 'If the ' || v.w[1 + g % 40] || ' still fails, note the error code and escalate with the log attached.',
                               'commands', jsonb_build_array(jsonb_build_object('label', 'Check', 'command', t.command, 'commandType', 'powershell'),
                                                             jsonb_build_object('label', 'Fix', 'command', t.command || ' -Force', 'commandType', 'powershell')),
                               'groupLabel', CASE WHEN g % 3 = 0 THEN 'Group ' || (g % 150) END),
            lower(t.title || E'\\n' || t.body || E'\\n' || t.command), CASE WHEN g % 3 = 0 THEN 'Group ' || (g % 150) END,
            (CASE WHEN g % 7 = 0 THEN 'team' ELSE 'account' END)::"Visibility", g % 50, g % 13, g % 4, ARRAY['tag-' || (g % 12)],
            true, CASE WHEN g % 4 = 0 THEN v.flows[1 + g % array_length(v.flows, 1)] END, CASE WHEN g % 4 = 0 THEN 'n-' || g END,
            now() - g * interval '1 minute', now() - g * interval '1 minute'
     FROM generate_series(1, $5::int) AS g, v,
     LATERAL (SELECT
       initcap(v.w[1 + mod(abs(hashint4(g)::bigint), 40)]) || ' the ' || v.w[1 + mod(abs(hashint4(g + 1000003)::bigint), 40)] || ' on host ' || g AS title,
       'Check the ' || v.w[1 + mod(abs(hashint4(g + 2000003)::bigint), 40)] || ' and the ' || v.w[1 + mod(abs(hashint4(g + 3000003)::bigint), 40)]
         || ' before you continue. Open the console, confirm the service state and compare it with the last known good baseline.' AS body,
       'Get-' || initcap(v.w[1 + mod(abs(hashint4(g + 4000003)::bigint), 40)]) || ' -ComputerName srv' || (g % 97) AS command
     ) AS t`, [a, ids, WORDS, team.id, v.steps]);
  await loadMaintenance(client, v, a, owner);
  await loadWebhooks(client, v, a, owner);
  await client.query("COMMIT");
  // VACUUM sets the visibility map, so counts can be index-only scans as they would be on a live
  // database; ANALYZE gives the planner the new row counts.
  for (const table of ["Flow", "FlowVersion", "Session", "LibraryStep", "FlowTag", "Tag", "User", "TargetList", "Target", "Batch", "Schedule", "WebhookEvent", "WebhookDelivery", "WebhookAttempt"]) await client.query(`VACUUM ANALYZE "${table}"`);
  log(`loaded ${v.key}: ${v.flows} flows, ${v.sessions} sessions, ${v.steps} library steps, ${v.lists} target lists, ${v.batches} batches (owner ${owner.slice(0, 8)}…) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Maintenance data (issue 11) over the account's maintenance flows: target lists of 20 targets,
 * schedules (never due during a run: npm start's timer ticks every minute), batches of 10
 * sessions (the last day's still prepared), and the hub batch: 500 targets, a third each
 * completed, in progress and not started, newest of its flow.
 */
async function loadMaintenance(client: pg.Client, v: Volume, a: string, owner: string) {
  await client.query(
    `INSERT INTO "TargetList" (id, "accountId", "createdById", name, description, visibility, "updatedAt")
     SELECT gen_random_uuid(), $1, $2, 'Patch ring ' || lpad(g::text, 4, '0'), 'Servers patched together', (CASE WHEN g % 5 = 0 THEN 'team' ELSE 'account' END)::"Visibility",
            now() - g * interval '1 hour'
     FROM generate_series(1, $3::int) AS g`, [a, owner, v.lists]);
  await client.query(
    `INSERT INTO "Target" (id, "listId", position, label, notes, values)
     SELECT gen_random_uuid(), l.id, p, 'SRV-' || l.n || '-' || lpad(p::text, 2, '0'), CASE WHEN p = 0 THEN 'domain controller' ELSE '' END,
            jsonb_build_object('ip', '10.' || (l.n / 250) || '.' || (l.n % 250) || '.' || p)
     FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM "TargetList" WHERE "accountId" = $1) AS l, generate_series(0, 19) AS p`, [a]);
  const maintenance = `SELECT array_agg(f.id ORDER BY f.id) AS f, array_agg(v.id ORDER BY f.id) AS v, array_agg(f.name ORDER BY f.id) AS nm, count(*)::int AS n
                       FROM "Flow" f JOIN "FlowVersion" v ON v."flowId" = f.id WHERE f."accountId" = $1 AND f.type = 'maintenance'`;
  await client.query(
    `WITH m AS (${maintenance}), l AS (SELECT array_agg(id ORDER BY name) AS l, count(*)::int AS n FROM "TargetList" WHERE "accountId" = $1)
     INSERT INTO "Schedule" (id, "accountId", "flowId", "targetListId", "createdById", cron, timezone, active, "nextRunAt", "updatedAt")
     SELECT gen_random_uuid(), $1, m.f[1 + (g - 1) % m.n], l.l[1 + (g - 1) % l.n], $2, (g % 60) || ' 3 * * ' || (g % 7), 'Europe/Berlin',
            g % 4 <> 0, CASE WHEN g % 4 <> 0 THEN now() + (1 + g % 7) * interval '1 day' END, now()
     FROM generate_series(1, $3::int) AS g, m, l`, [a, owner, v.schedules]);
  await client.query(
    `WITH m AS (${maintenance})
     INSERT INTO "Batch" (id, "accountId", "flowId", "flowVersionId", "flowName", "launchedById", "targetCount", "createdAt")
     SELECT gen_random_uuid(), $1, m.f[1 + (g - 1) % m.n], m.v[1 + (g - 1) % m.n], m.nm[1 + (g - 1) % m.n], $2, 10, now() - g * interval '3 hours'
     FROM generate_series(1, $3::int) AS g, m`, [a, owner, v.batches]);
  await client.query(
    `INSERT INTO "Session" (id, "accountId", "flowId", "flowVersionId", "flowName", "flowType", "ownerId", "preparedById", status, "startedAt", "completedAt",
                            outcome, "batchId", "targetLabel", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, b."flowId", b."flowVersionId", b."flowName", 'maintenance', CASE WHEN s.done THEN $2::uuid END, $2,
            (CASE WHEN s.done THEN 'completed' ELSE 'prepared' END)::"SessionStatus",
            CASE WHEN s.done THEN b."createdAt" + interval '5 minutes' END, CASE WHEN s.done THEN b."createdAt" + interval '30 minutes' END,
            (CASE WHEN NOT s.done THEN NULL WHEN p % 7 = 0 THEN 'completed_with_issues' ELSE 'completed' END)::"SessionOutcome",
            b.id, 'SRV-' || lpad(p::text, 2, '0'), b."createdAt", b."createdAt" + interval '30 minutes'
     FROM "Batch" b, generate_series(1, 10) AS p, LATERAL (SELECT b."createdAt" < now() - interval '1 day' AS done) AS s
     WHERE b."accountId" = $1`, [a, owner]);
  const { rows: [hub] } = await client.query<{ id: string }>(
    `WITH m AS (${maintenance})
     INSERT INTO "Batch" (id, "accountId", "flowId", "flowVersionId", "flowName", "launchedById", "targetCount", "createdAt")
     SELECT gen_random_uuid(), $1, m.f[1], m.v[1], m.nm[1], $2, ${HUB_TARGETS}, now() FROM m RETURNING id`, [a, owner]);
  await client.query(
    `INSERT INTO "Session" (id, "accountId", "flowId", "flowVersionId", "flowName", "flowType", "ownerId", "preparedById", status, "startedAt", "completedAt",
                            outcome, "batchId", "targetLabel", "targetNotes", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, b."flowId", b."flowVersionId", b."flowName", 'maintenance', CASE WHEN p % 3 <> 2 THEN $2::uuid END, $2,
            (ARRAY['completed', 'active', 'prepared'])[1 + p % 3]::"SessionStatus",
            CASE WHEN p % 3 <> 2 THEN now() - interval '50 minutes' END, CASE WHEN p % 3 = 0 THEN now() - interval '10 minutes' END,
            (CASE WHEN p % 3 <> 0 THEN NULL WHEN p % 9 = 0 THEN 'completed_with_issues' ELSE 'completed' END)::"SessionOutcome",
            b.id, 'SRV-' || lpad(p::text, 3, '0'), CASE WHEN p % 10 = 0 THEN 'needs a reboot window' END, now(), now()
     FROM "Batch" b, generate_series(1, ${HUB_TARGETS}) AS p WHERE b.id = $3`, [a, owner, hub.id]);
}

/**
 * Webhooks (issue 13): one endpoint whose log holds `deliveries` deliveries over the last 30 days,
 * newest first in the log — three in four succeeded, one in five of the rest failed after 8 tries,
 * the others pending — each event with its delivery and its tries (one, or eight when failed).
 */
async function loadWebhooks(client: pg.Client, v: Volume, a: string, owner: string) {
  if (!v.deliveries) return;
  const { rows: [endpoint] } = await client.query<{ id: string }>(
    `INSERT INTO "WebhookEndpoint" (id, "accountId", url, description, events, active, secret, "createdById", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'https://hooks.bench.invalid/resolutionflow', 'PSA tickets', ARRAY['session.completed', 'batch.completed'], false,
             'whsec_YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2g=', $2, now()) RETURNING id`, [a, owner]);
  // Paused (active = false): npm start's timer must not try to send these during a run.
  await client.query(
    `WITH ev AS (
       INSERT INTO "WebhookEvent" (id, "accountId", type, payload, "createdAt")
       SELECT gen_random_uuid(), $1, 'session.completed', jsonb_build_object('session', jsonb_build_object('id', gen_random_uuid(), 'outcome', 'resolved')),
              now() - g * (interval '30 days' / $3::int)
       FROM generate_series(1, $3::int) AS g RETURNING id, "createdAt"
     ), numbered AS (SELECT id, "createdAt", row_number() OVER (ORDER BY "createdAt" DESC) AS n FROM ev)
     INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", status, attempts, "nextAttemptAt", "lastStatusCode", "lastDurationMs", "lastResponseExcerpt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $2, id, s.status::"WebhookDeliveryStatus", CASE WHEN s.status = 'failed' THEN 8 ELSE 1 END, "createdAt" + interval '1 minute',
            CASE WHEN s.status = 'succeeded' THEN 200 ELSE 500 END, 40 + n % 200, CASE WHEN s.status = 'succeeded' THEN 'ok' ELSE 'Internal Server Error' END,
            "createdAt", "createdAt" + interval '1 minute'
     FROM numbered, LATERAL (SELECT CASE WHEN n % 4 <> 0 THEN 'succeeded' WHEN n % 20 = 0 THEN 'pending' ELSE 'failed' END AS status) AS s`,
    [a, endpoint.id, v.deliveries]);
  await client.query(
    `INSERT INTO "WebhookAttempt" (id, "deliveryId", attempt, "statusCode", "durationMs", "responseExcerpt", at)
     SELECT gen_random_uuid(), d.id, k, d."lastStatusCode", d."lastDurationMs", d."lastResponseExcerpt", d."createdAt" + k * interval '1 minute'
     FROM "WebhookDelivery" d, generate_series(1, d.attempts) AS k WHERE d."endpointId" = $1`, [endpoint.id]);
}

/** Loads one volume into a database that does not have it yet (the query-shape tests seed with this). */
export async function loadVolume(client: pg.Client, v: Volume): Promise<LoadedVolume> {
  await load(client, v);
  const found = await find(client, v);
  if (!found) throw new Error(`fixtures for "${v.key}" did not load as expected`);
  return found;
}

/** Finds each volume's account, or (re)loads it. */
export async function ensureVolumes(client: pg.Client, log: (line: string) => void): Promise<LoadedVolume[]> {
  const loaded: LoadedVolume[] = [];
  for (const v of VOLUMES) {
    let found = await find(client, v);
    if (!found) {
      await remove(client, v);
      await load(client, v, log);
      found = await find(client, v);
      if (!found) throw new Error(`bench fixtures for "${v.key}" did not load as expected`);
    } else log(`reusing ${v.key}: ${v.flows} flows, ${v.sessions} sessions, ${v.steps} library steps`);
    loaded.push(found);
  }
  return loaded;
}
