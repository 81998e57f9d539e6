-- CreateIndex
CREATE INDEX "TargetList_accountId_createdAt_id_idx" ON "TargetList"("accountId", "createdAt" DESC, "id" DESC);
