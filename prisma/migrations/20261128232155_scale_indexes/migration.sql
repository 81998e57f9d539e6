-- DropIndex
DROP INDEX "LibraryStep_accountId_isActive_updatedAt_idx";

-- DropIndex
DROP INDEX "LibraryStep_visibility_isActive_idx";

-- CreateIndex
CREATE INDEX "Session_accountId_flowId_idx" ON "Session"("accountId", "flowId");

-- CreateIndex
CREATE INDEX "LibraryStep_accountId_isActive_createdAt_idx" ON "LibraryStep"("accountId", "isActive", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LibraryStep_visibility_isActive_createdAt_idx" ON "LibraryStep"("visibility", "isActive", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LibraryStep_groupLabel_idx" ON "LibraryStep"("groupLabel");
