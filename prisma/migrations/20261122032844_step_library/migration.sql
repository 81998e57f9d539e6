-- CreateEnum
CREATE TYPE "LibraryStepType" AS ENUM ('action', 'solution');

-- CreateTable
CREATE TABLE "LibraryStep" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "teamId" UUID,
    "authorId" UUID,
    "title" VARCHAR(200) NOT NULL,
    "type" "LibraryStepType" NOT NULL DEFAULT 'action',
    "content" JSONB NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "groupLabel" VARCHAR(200),
    "visibility" "Visibility" NOT NULL DEFAULT 'team',
    "usageCount" INTEGER NOT NULL DEFAULT 0,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "unhelpfulCount" INTEGER NOT NULL DEFAULT 0,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "sourceTreeId" UUID,
    "sourceNodeId" VARCHAR(64),
    "forkedFromId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LibraryStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LibraryStep_accountId_isActive_updatedAt_idx" ON "LibraryStep"("accountId", "isActive", "updatedAt");

-- CreateIndex
CREATE INDEX "LibraryStep_visibility_isActive_idx" ON "LibraryStep"("visibility", "isActive");

-- CreateIndex
CREATE INDEX "LibraryStep_searchText_trgm_idx" ON "LibraryStep" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "LibraryStep_sourceTreeId_sourceNodeId_key" ON "LibraryStep"("sourceTreeId", "sourceNodeId");

-- AddForeignKey
ALTER TABLE "LibraryStep" ADD CONSTRAINT "LibraryStep_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryStep" ADD CONSTRAINT "LibraryStep_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryStep" ADD CONSTRAINT "LibraryStep_sourceTreeId_fkey" FOREIGN KEY ("sourceTreeId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryStep" ADD CONSTRAINT "LibraryStep_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "LibraryStep"("id") ON DELETE SET NULL ON UPDATE CASCADE;
