-- CreateIndex
CREATE INDEX "Session_accountId_createdAt_flowId_ownerId_status_outcome_idx" ON "Session"("accountId", "createdAt", "flowId", "ownerId", "status", "outcome");

-- CreateIndex
CREATE INDEX "LibraryStep_accountId_usageCount_idx" ON "LibraryStep"("accountId", "usageCount" DESC);
