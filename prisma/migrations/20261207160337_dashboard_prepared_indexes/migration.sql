-- CreateIndex
CREATE INDEX "Session_prepared_assignee_idx" ON "Session"("assigneeId", "createdAt" DESC, "id" DESC) WHERE (status = 'prepared');

-- CreateIndex
CREATE INDEX "Session_prepared_team_idx" ON "Session"("accountId", "teamId", "createdAt" DESC, "id" DESC) WHERE (status = 'prepared' AND "assigneeId" IS NULL);
