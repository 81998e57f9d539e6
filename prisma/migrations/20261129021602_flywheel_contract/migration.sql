-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('flow', 'assistant');

-- CreateEnum
CREATE TYPE "WalkNodeKind" AS ENUM ('question', 'step', 'solution');

-- CreateEnum
CREATE TYPE "WalkNodeStatus" AS ENUM ('pending', 'accepted', 'edited', 'rejected');

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "analysedAt" TIMESTAMPTZ(3),
ADD COLUMN     "categoryId" UUID,
ADD COLUMN     "kind" "SessionKind" NOT NULL DEFAULT 'flow',
ADD COLUMN     "problem" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "flowVersionId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ProblemCategory" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProblemCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WalkNode" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "WalkNodeKind" NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "answers" JSONB NOT NULL DEFAULT '[]',
    "commands" JSONB NOT NULL DEFAULT '[]',
    "status" "WalkNodeStatus" NOT NULL DEFAULT 'pending',
    "answerId" VARCHAR(64),
    "answerLabel" VARCHAR(300),
    "result" VARCHAR(20),
    "provider" VARCHAR(40) NOT NULL,
    "model" VARCHAR(100) NOT NULL,
    "promptHash" VARCHAR(64) NOT NULL,
    "sourceFlowId" UUID,
    "sourceNodeId" VARCHAR(64),
    "sourceLibraryStepId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WalkNode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProblemCategory_accountId_name_key" ON "ProblemCategory"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "WalkNode_sessionId_seq_key" ON "WalkNode"("sessionId", "seq");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ProblemCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemCategory" ADD CONSTRAINT "ProblemCategory_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalkNode" ADD CONSTRAINT "WalkNode_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
