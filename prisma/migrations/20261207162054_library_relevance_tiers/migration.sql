-- CreateIndex
CREATE INDEX "LibraryStep_accountId_isActive_usageCount_createdAt_id_idx" ON "LibraryStep"("accountId", "isActive", "usageCount" DESC, "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "LibraryStep_visibility_isActive_usageCount_createdAt_id_idx" ON "LibraryStep"("visibility", "isActive", "usageCount" DESC, "createdAt" DESC, "id");

-- Library search by relevance (librarySearchSql's relevanceTiers): the tiers whose title holds
-- the query or its words are matched on lower(title) through this trigram index, and ANALYZE's
-- statistics on the expression give the planner each tier's size (walk the use order, or read
-- a rare word's few matches). Raw SQL: the schema cannot name an expression index (see the
-- comment in prisma/schema.prisma).
CREATE INDEX "LibraryStep_title_trgm_idx" ON "LibraryStep" USING gin (lower("title") gin_trgm_ops);

-- Statistics of lower("title") exist only after an ANALYZE; until autovacuum runs one, the
-- planner would guess every title tier's size.
ANALYZE "LibraryStep";
