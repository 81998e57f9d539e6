-- CreateIndex
CREATE INDEX "LibraryStep_accountId_isActive_usageCount_updatedAt_idx" ON "LibraryStep"("accountId", "isActive", "usageCount" DESC, "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "LibraryStep_visibility_isActive_usageCount_updatedAt_idx" ON "LibraryStep"("visibility", "isActive", "usageCount" DESC, "updatedAt" DESC);

-- Library "Best rated" sort (librarySearchSql's sortKeys "rated"): the same expression as its
-- ORDER BY, so each branch reads its page in index order and stops at the LIMIT. Raw SQL: the
-- schema cannot name an expression index (see the comment in prisma/schema.prisma).
CREATE INDEX "LibraryStep_rated_own_idx" ON "LibraryStep"("accountId", "isActive", (("helpfulCount" + 1.0) / ("helpfulCount" + "unhelpfulCount" + 2.0)) DESC, "helpfulCount" DESC);
CREATE INDEX "LibraryStep_rated_public_idx" ON "LibraryStep"("visibility", "isActive", (("helpfulCount" + 1.0) / ("helpfulCount" + "unhelpfulCount" + 2.0)) DESC, "helpfulCount" DESC);
