-- CreateIndex
CREATE INDEX "Flow_accountId_updatedAt_id_idx" ON "Flow"("accountId", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Flow_accountId_usageCount_updatedAt_id_idx" ON "Flow"("accountId", "usageCount" DESC, "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Flow_accountId_name_id_idx" ON "Flow"("accountId", "name", "id");

-- CreateIndex
CREATE INDEX "Flow_visibility_status_isActive_updatedAt_id_idx" ON "Flow"("visibility", "status", "isActive", "updatedAt" DESC, "id" DESC);
