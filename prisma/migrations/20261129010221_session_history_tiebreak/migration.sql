-- DropIndex
DROP INDEX "Session_accountId_status_updatedAt_idx";

-- DropIndex
DROP INDEX "Session_accountId_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Session_accountId_status_updatedAt_id_idx" ON "Session"("accountId", "status", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Session_accountId_updatedAt_id_idx" ON "Session"("accountId", "updatedAt" DESC, "id" DESC);
