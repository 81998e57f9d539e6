-- CreateTable
CREATE TABLE "FlowHourStat" (
    "flowId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "escalated" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FlowHourStat_pkey" PRIMARY KEY ("flowId","accountId","hour")
);

-- CreateTable
CREATE TABLE "FlowEndDayStat" (
    "flowId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "nodeId" VARCHAR(64) NOT NULL,
    "outcome" VARCHAR(32) NOT NULL,
    "completed" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FlowEndDayStat_pkey" PRIMARY KEY ("flowId","accountId","day","nodeId","outcome","completed")
);

-- CreateTable
CREATE TABLE "FlowStepDayStat" (
    "flowId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "stepId" TEXT NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FlowStepDayStat_pkey" PRIMARY KEY ("flowId","accountId","day","stepId","status")
);

-- CreateTable
CREATE TABLE "FlowCustomStepDayStat" (
    "flowId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FlowCustomStepDayStat_pkey" PRIMARY KEY ("flowId","accountId","day","key","title")
);

-- CreateIndex
CREATE INDEX "Session_flow_completed_idx" ON "Session"("flowId", "createdAt" DESC, "accountId", "startedAt", "completedAt") WHERE (status = 'completed');

-- CreateIndex
CREATE INDEX "Session_flow_active_idx" ON "Session"("flowId", "createdAt", "accountId", "currentNodeId", "updatedAt") WHERE (status = 'active');

-- AddForeignKey
ALTER TABLE "FlowHourStat" ADD CONSTRAINT "FlowHourStat_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowEndDayStat" ADD CONSTRAINT "FlowEndDayStat_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowStepDayStat" ADD CONSTRAINT "FlowStepDayStat_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowCustomStepDayStat" ADD CONSTRAINT "FlowCustomStepDayStat_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the roll-ups are kept by statement triggers on "Session" (Prisma cannot express
-- triggers; the drift test compares tables, columns and indexes, which match schema.prisma).
-- Every INSERT, UPDATE and DELETE of sessions — whichever code path runs it (the runner's Finish,
-- escalation, the assistant, batches, the API, bulk statements) — adds the new rows' contribution
-- and subtracts the old rows' in the same transaction, as `n = n + delta` upserts: never
-- read-modify-write, so concurrent completions cannot lose a count. A reopened or edited session
-- moves its counts (old subtracted, new added). Each statement groups the rows' deltas by key and
-- upserts them in key order (concurrent writers lock the same rows in the same order: no
-- deadlock). Rows of a flow being deleted are skipped (its roll-ups cascade away with it).
--
-- "Session_rollup_sql"(source) returns the four upserts for a row source with the columns
-- id, accountId, flowId, createdAt, status, outcome, currentNodeId, stepStates, customSteps and
-- sign (+1 / -1). The same statements backfill existing sessions below, so the two cannot differ.
-- The contributions mirror lib/analytics/flow-analytics.ts's definitions exactly.
CREATE FUNCTION "Session_rollup_sql"(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
  -- Sessions per UTC hour of creation: all, completed, resolved (resolved/completed), escalated.
  format($q$
    WITH d AS (%1$s), g AS (
      SELECT d."flowId", d."accountId", date_trunc('hour', d."createdAt", 'UTC') AS hour,
             sum(d.sign)::int AS sessions,
             coalesce(sum(d.sign) FILTER (WHERE d.status = 'completed'), 0)::int AS completed,
             coalesce(sum(d.sign) FILTER (WHERE d.outcome IN ('resolved', 'completed')), 0)::int AS resolved,
             coalesce(sum(d.sign) FILTER (WHERE d.outcome = 'escalated'), 0)::int AS escalated
      FROM d WHERE d."flowId" IS NOT NULL GROUP BY 1, 2, 3)
    INSERT INTO "FlowHourStat" AS t ("flowId", "accountId", hour, sessions, completed, resolved, escalated)
    SELECT g."flowId", g."accountId", g.hour, g.sessions, g.completed, g.resolved, g.escalated
    FROM g JOIN "Flow" f ON f.id = g."flowId"
    WHERE (g.sessions, g.completed, g.resolved, g.escalated) <> (0, 0, 0, 0)
    ORDER BY 1, 2, 3
    ON CONFLICT ("flowId", "accountId", hour) DO UPDATE
      SET sessions = t.sessions + EXCLUDED.sessions, completed = t.completed + EXCLUDED.completed,
          resolved = t.resolved + EXCLUDED.resolved, escalated = t.escalated + EXCLUDED.escalated$q$, source),
  -- Where sessions ended: completed ones, and non-prepared ones with an outcome, by node and outcome.
  format($q$
    WITH d AS (%1$s), g AS (
      SELECT d."flowId", d."accountId", (d."createdAt" AT TIME ZONE 'UTC')::date AS day,
             coalesce(d."currentNodeId", '') AS "nodeId", coalesce(d.outcome::text, '') AS outcome,
             d.status = 'completed' AS completed, sum(d.sign)::int AS n
      FROM d WHERE d."flowId" IS NOT NULL AND (d.status = 'completed' OR (d.outcome IS NOT NULL AND d.status <> 'prepared'))
      GROUP BY 1, 2, 3, 4, 5, 6)
    INSERT INTO "FlowEndDayStat" AS t ("flowId", "accountId", day, "nodeId", outcome, completed, n)
    SELECT g."flowId", g."accountId", g.day, g."nodeId", g.outcome, g.completed, g.n
    FROM g JOIN "Flow" f ON f.id = g."flowId" WHERE g.n <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("flowId", "accountId", day, "nodeId", outcome, completed) DO UPDATE SET n = t.n + EXCLUDED.n$q$, source),
  -- Procedure step marks of every session: { [stepId]: { status } }.
  format($q$
    WITH d AS (%1$s), g AS (
      SELECT d."flowId", d."accountId", (d."createdAt" AT TIME ZONE 'UTC')::date AS day,
             e.key AS "stepId", coalesce(left(e.value->>'status', 32), '') AS status, sum(d.sign)::int AS n
      FROM d CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(d."stepStates") = 'object' THEN d."stepStates" ELSE '{}'::jsonb END) AS e
      WHERE d."flowId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5)
    INSERT INTO "FlowStepDayStat" AS t ("flowId", "accountId", day, "stepId", status, n)
    SELECT g."flowId", g."accountId", g.day, g."stepId", g.status, g.n
    FROM g JOIN "Flow" f ON f.id = g."flowId" WHERE g.n <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("flowId", "accountId", day, "stepId", status) DO UPDATE SET n = t.n + EXCLUDED.n$q$, source),
  -- Custom steps: each session once per normalised title (case, inner spaces, trailing
  -- punctuation), under the smallest of its spellings.
  format($q$
    WITH d AS (%1$s), c AS (
      SELECT d.id, d.sign, d."flowId", d."accountId", (d."createdAt" AT TIME ZONE 'UTC')::date AS day,
             lower(regexp_replace(regexp_replace(btrim(x.value->>'title'), '\s+', ' ', 'g'), '[[:punct:][:space:]]+$', '')) AS key,
             x.value->>'title' AS title
      FROM d CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(d."customSteps") = 'array' THEN d."customSteps" ELSE '[]'::jsonb END) AS x
      WHERE d."flowId" IS NOT NULL AND x.value->>'title' IS NOT NULL
    ), per AS (
      SELECT c."flowId", c."accountId", c.day, c.key, min(c.title) AS title, c.sign FROM c GROUP BY c.id, c.sign, 1, 2, 3, 4
    ), g AS (
      SELECT per."flowId", per."accountId", per.day, per.key, per.title, sum(per.sign)::int AS sessions FROM per GROUP BY 1, 2, 3, 4, 5)
    INSERT INTO "FlowCustomStepDayStat" AS t ("flowId", "accountId", day, key, title, sessions)
    SELECT g."flowId", g."accountId", g.day, g.key, g.title, g.sessions
    FROM g JOIN "Flow" f ON f.id = g."flowId" WHERE g.sessions <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("flowId", "accountId", day, key, title) DO UPDATE SET sessions = t.sessions + EXCLUDED.sessions$q$, source)
]
$fn$;

CREATE FUNCTION "Session_rollup_fn"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'id, "accountId", "flowId", "createdAt", status, outcome, "currentNodeId", "stepStates", "customSteps"';
  -- What the roll-ups read of a row: an UPDATE that changes none of it (notes, path, variables,
  -- a troubleshooting click on an active session that moves only its node…) costs one check.
  changed constant text := '(o."accountId", o."flowId", o."createdAt", o.status, o.outcome, o."stepStates", o."customSteps",
      CASE WHEN o.status = ''completed'' OR o.outcome IS NOT NULL THEN o."currentNodeId" END)
    IS DISTINCT FROM (n."accountId", n."flowId", n."createdAt", n.status, n.outcome, n."stepStates", n."customSteps",
      CASE WHEN n.status = ''completed'' OR n.outcome IS NOT NULL THEN n."currentNodeId" END)';
  source text;
  statement text;
  any_changed boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    source := 'SELECT ' || cols || ', 1 AS sign FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    source := 'SELECT ' || cols || ', -1 AS sign FROM old_rows';
  ELSE
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || changed || ')' INTO any_changed;
    IF NOT any_changed THEN RETURN NULL; END IF;
    source := 'SELECT o.id, o."accountId", o."flowId", o."createdAt", o.status, o.outcome, o."currentNodeId", o."stepStates", o."customSteps", -1 AS sign
                 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || changed || '
               UNION ALL
               SELECT n.id, n."accountId", n."flowId", n."createdAt", n.status, n.outcome, n."currentNodeId", n."stepStates", n."customSteps", 1 AS sign
                 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || changed;
  END IF;
  FOREACH statement IN ARRAY "Session_rollup_sql"(source) LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "Session_rollup_insert_trg" AFTER INSERT ON "Session"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_rollup_fn"();
CREATE TRIGGER "Session_rollup_update_trg" AFTER UPDATE ON "Session"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_rollup_fn"();
CREATE TRIGGER "Session_rollup_delete_trg" AFTER DELETE ON "Session"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_rollup_fn"();

-- Backfill: every existing session, through the same statements.
DO $$
DECLARE statement text;
BEGIN
  FOREACH statement IN ARRAY "Session_rollup_sql"('SELECT id, "accountId", "flowId", "createdAt", status, outcome, "currentNodeId", "stepStates", "customSteps", 1 AS sign FROM "Session"') LOOP
    EXECUTE statement;
  END LOOP;
END $$;
