-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "abortedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "completedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "inProgressCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "notStartedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "withIssuesCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Flow_accountId_type_name_id_idx" ON "Flow"("accountId", "type", "name", "id");

-- The box score roll-up (raw SQL, not in schema.prisma): each session's card state, as
-- cardState() in lib/maintenance/progress.ts decides it (0 not started, 1 in progress,
-- 2 completed, 3 completed with issues, 4 aborted).
CREATE FUNCTION "Session_card_state"(status "SessionStatus", outcome "SessionOutcome") RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN status = 'prepared' THEN 0
    WHEN status = 'active' THEN 1
    WHEN outcome IN ('aborted', 'unresolved') THEN 4
    WHEN outcome IN ('completed_with_issues', 'escalated', 'partially_resolved') THEN 3
    ELSE 2 END::smallint
$$;

-- Adds the statement's per-batch, per-state deltas to "Batch" (n = n + delta, never
-- read-modify-write). Batches are updated in id order, so two statements touching the same
-- batches cannot deadlock on them. An UPDATE that changes neither a session's batch nor its
-- state (autosaved step marks, notes, variables) costs one check and writes nothing.
CREATE FUNCTION "Session_batch_score_fn"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- A transition table exists only where its trigger declares it: the statement names the ones it has.
  old_part constant text := 'SELECT "batchId" AS id, "Session_card_state"(status, outcome) AS state, -1 AS sign FROM old_rows WHERE "batchId" IS NOT NULL';
  new_part constant text := 'SELECT "batchId" AS id, "Session_card_state"(status, outcome) AS state, 1 AS sign FROM new_rows WHERE "batchId" IS NOT NULL';
  source text;
  any_changed boolean;
  d record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    source := new_part;
  ELSIF TG_OP = 'DELETE' THEN
    source := old_part;
  ELSE
    SELECT EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."batchId" IS NOT NULL OR n."batchId" IS NOT NULL)
        AND (o."batchId", "Session_card_state"(o.status, o.outcome)) IS DISTINCT FROM (n."batchId", "Session_card_state"(n.status, n.outcome))
    ) INTO any_changed;
    IF NOT any_changed THEN RETURN NULL; END IF;
    source := old_part || ' UNION ALL ' || new_part;
  END IF;
  FOR d IN EXECUTE 'SELECT id,
      coalesce(sum(sign) FILTER (WHERE state = 0), 0)::int AS not_started,
      coalesce(sum(sign) FILTER (WHERE state = 1), 0)::int AS in_progress,
      coalesce(sum(sign) FILTER (WHERE state = 2), 0)::int AS completed,
      coalesce(sum(sign) FILTER (WHERE state = 3), 0)::int AS with_issues,
      coalesce(sum(sign) FILTER (WHERE state = 4), 0)::int AS aborted
    FROM (' || source || ') AS changes GROUP BY id ORDER BY id'
  LOOP
    CONTINUE WHEN d.not_started = 0 AND d.in_progress = 0 AND d.completed = 0 AND d.with_issues = 0 AND d.aborted = 0;
    UPDATE "Batch" SET
      "notStartedCount" = "notStartedCount" + d.not_started,
      "inProgressCount" = "inProgressCount" + d.in_progress,
      "completedCount" = "completedCount" + d.completed,
      "withIssuesCount" = "withIssuesCount" + d.with_issues,
      "abortedCount" = "abortedCount" + d.aborted
    WHERE id = d.id;
  END LOOP;
  RETURN NULL;
END $$;

-- One trigger per operation, each with the transition tables it has.
CREATE TRIGGER "Session_batch_score_insert_trg" AFTER INSERT ON "Session"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_batch_score_fn"();
CREATE TRIGGER "Session_batch_score_update_trg" AFTER UPDATE ON "Session"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_batch_score_fn"();
CREATE TRIGGER "Session_batch_score_delete_trg" AFTER DELETE ON "Session"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Session_batch_score_fn"();

-- Backfill: every existing batch from its sessions.
UPDATE "Batch" b SET
  "notStartedCount" = s.not_started, "inProgressCount" = s.in_progress, "completedCount" = s.completed,
  "withIssuesCount" = s.with_issues, "abortedCount" = s.aborted
FROM (
  SELECT "batchId",
    count(*) FILTER (WHERE st = 0)::int AS not_started, count(*) FILTER (WHERE st = 1)::int AS in_progress,
    count(*) FILTER (WHERE st = 2)::int AS completed, count(*) FILTER (WHERE st = 3)::int AS with_issues,
    count(*) FILTER (WHERE st = 4)::int AS aborted
  FROM (SELECT "batchId", "Session_card_state"(status, outcome) AS st FROM "Session" WHERE "batchId" IS NOT NULL) x
  GROUP BY "batchId"
) s
WHERE b.id = s."batchId";
