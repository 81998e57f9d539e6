-- DropIndex
DROP INDEX "Session_accountId_createdAt_flowId_ownerId_status_outcome_idx";

-- DropIndex
DROP INDEX "LibraryStep_accountId_usageCount_idx";

-- CreateTable
CREATE TABLE "InsightStat" (
    "accountId" UUID NOT NULL,
    "grain" SMALLINT NOT NULL,
    "span" SMALLINT NOT NULL,
    "day" DATE NOT NULL,
    "flowId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "escalated" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightStat_pkey" PRIMARY KEY ("accountId","grain","span","day","flowId","ownerId")
);

-- AddForeignKey
ALTER TABLE "InsightStat" ADD CONSTRAINT "InsightStat_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: /insights' roll-up is kept by statement triggers on "Session", like the flow
-- tab's (migration flow_analytics_rollup; triggers and functions are not compared by the drift
-- test). Every INSERT, UPDATE and DELETE of sessions adds the new rows' contribution and
-- subtracts the old rows' in the same transaction, as `n = n + delta` upserts in key order.
--
-- Each session counts in every bucket that holds its UTC creation day, one per span (1, 4, 16,
-- …, 16384 days; a span-s bucket starts on a day number divisible by s), in three grains each:
--   0  (flowId 0, ownerId = its owner, or ffff… without one)   by owner: summed, every session;
--   1  (flowId = its flow, ownerId 0)                           by flow, every owner;
--   2  (flowId = its flow, ownerId = its owner)                 by flow and owner (others' engineer ranking).
-- There is no account-wide row: concurrent writers contend only per owner or per flow, as with
-- the flow tab's roll-ups. "Session_insights_sql"(source) is the upsert for a row source with the
-- columns accountId, flowId, ownerId, createdAt, status, outcome and sign (+1 / -1); the backfill
-- below runs the same statement. The counts mirror lib/analytics/insights.ts's definitions.
CREATE FUNCTION "Session_insights_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  WITH d AS (%1$s), g AS (
    SELECT d."accountId", k.grain, b.span, b.day, k."flowId", k."ownerId",
           sum(d.sign)::int AS sessions,
           coalesce(sum(d.sign) FILTER (WHERE d.status = 'completed'), 0)::int AS completed,
           coalesce(sum(d.sign) FILTER (WHERE d.outcome IN ('resolved', 'completed')), 0)::int AS resolved,
           coalesce(sum(d.sign) FILTER (WHERE d.outcome = 'escalated'), 0)::int AS escalated
    FROM d
    CROSS JOIN LATERAL (SELECT (d."createdAt" AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS n) AS c
    CROSS JOIN LATERAL (SELECT s.span::smallint AS span, DATE '1970-01-01' + (c.n - mod(mod(c.n, s.span) + s.span, s.span)) AS day
                        FROM unnest('{1,4,16,64,256,1024,4096,16384}'::int[]) AS s(span)) AS b
    CROSS JOIN LATERAL (VALUES (0::smallint, '00000000-0000-0000-0000-000000000000'::uuid, coalesce(d."ownerId", 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)),
                               (1::smallint, d."flowId", '00000000-0000-0000-0000-000000000000'::uuid),
                               (2::smallint, d."flowId", d."ownerId")) AS k(grain, "flowId", "ownerId")
    WHERE k."flowId" IS NOT NULL AND k."ownerId" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6)
  INSERT INTO "InsightStat" AS t ("accountId", grain, span, day, "flowId", "ownerId", sessions, completed, resolved, escalated)
  SELECT g."accountId", g.grain, g.span, g.day, g."flowId", g."ownerId", g.sessions, g.completed, g.resolved, g.escalated
  FROM g
  -- An account being deleted takes its roll-up with it (cascade); its sessions' deletes add nothing.
  WHERE (g.sessions, g.completed, g.resolved, g.escalated) <> (0, 0, 0, 0) AND EXISTS (SELECT 1 FROM "Account" a WHERE a.id = g."accountId")
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("accountId", grain, span, day, "flowId", "ownerId") DO UPDATE
    SET sessions = t.sessions + EXCLUDED.sessions, completed = t.completed + EXCLUDED.completed,
        resolved = t.resolved + EXCLUDED.resolved, escalated = t.escalated + EXCLUDED.escalated$q$, source)
$fn$;

CREATE FUNCTION "Session_insights_fn"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := '"accountId", "flowId", "ownerId", "createdAt", status, outcome';
  -- What the roll-up reads of a row: any other change (steps, notes, node, variables…) costs one check.
  changed constant text := '(o."accountId", o."flowId", o."ownerId", o."createdAt", o.status, o.outcome)
    IS DISTINCT FROM (n."accountId", n."flowId", n."ownerId", n."createdAt", n.status, n.outcome)';
  source text;
  any_changed boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    source := 'SELECT ' || cols || ', 1 AS sign FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    source := 'SELECT ' || cols || ', -1 AS sign FROM old_rows';
  ELSE
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || changed || ')' INTO any_changed;
    IF NOT any_changed THEN RETURN NULL; END IF;
    source := 'SELECT o."accountId", o."flowId", o."ownerId", o."createdAt", o.status, o.outcome, -1 AS sign
                 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || changed || '
               UNION ALL
               SELECT n."accountId", n."flowId", n."ownerId", n."createdAt", n.status, n.outcome, 1 AS sign
                 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || changed;
  END IF;
  EXECUTE "Session_insights_sql"(source);
  RETURN NULL;
END $$;

CREATE TRIGGER "Session_insights_insert_trg" AFTER INSERT ON "Session"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_insights_fn"();
CREATE TRIGGER "Session_insights_update_trg" AFTER UPDATE ON "Session"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_insights_fn"();
CREATE TRIGGER "Session_insights_delete_trg" AFTER DELETE ON "Session"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_insights_fn"();

-- Backfill: every existing session, through the same statement.
DO $$
BEGIN
  EXECUTE "Session_insights_sql"('SELECT "accountId", "flowId", "ownerId", "createdAt", status, outcome, 1 AS sign FROM "Session"');
END $$;

-- "Best rated" of an account's own steps (the library's sort and /insights' ranking both order by
-- rating DESC, helpfulCount DESC, id): the id joins the index, so a page stops at its LIMIT even
-- where hundreds of steps share a rating and a vote count (it read the whole tie to sort it).
DROP INDEX "LibraryStep_rated_own_idx";
CREATE INDEX "LibraryStep_rated_own_idx" ON "LibraryStep"("accountId", "isActive", (("helpfulCount" + 1.0) / ("helpfulCount" + "unhelpfulCount" + 2.0)) DESC, "helpfulCount" DESC, id);
