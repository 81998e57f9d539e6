-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('prepared', 'active', 'completed');

-- CreateEnum
CREATE TYPE "SessionOutcome" AS ENUM ('resolved', 'partially_resolved', 'escalated', 'unresolved', 'completed', 'completed_with_issues', 'aborted');

-- DropForeignKey
ALTER TABLE "FlowVersion" DROP CONSTRAINT "FlowVersion_flowId_fkey";

-- AlterTable (hand-edited: backfill the new column from the flow before making it NOT NULL)
ALTER TABLE "FlowVersion" ADD COLUMN     "type" "FlowType",
ALTER COLUMN "flowId" DROP NOT NULL;
UPDATE "FlowVersion" v SET "type" = f."type" FROM "Flow" f WHERE f."id" = v."flowId";
ALTER TABLE "FlowVersion" ALTER COLUMN "type" SET NOT NULL;

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "teamId" UUID,
    "flowId" UUID,
    "flowVersionId" UUID NOT NULL,
    "flowName" VARCHAR(200) NOT NULL,
    "flowType" "FlowType" NOT NULL,
    "ownerId" UUID,
    "preparedById" UUID,
    "assigneeId" UUID,
    "status" "SessionStatus" NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "currentNodeId" VARCHAR(64),
    "path" JSONB NOT NULL DEFAULT '[]',
    "stepStates" JSONB NOT NULL DEFAULT '{}',
    "notes" JSONB NOT NULL DEFAULT '{}',
    "customSteps" JSONB NOT NULL DEFAULT '[]',
    "variables" JSONB NOT NULL DEFAULT '{}',
    "outcome" "SessionOutcome",
    "outcomeNotes" TEXT NOT NULL DEFAULT '',
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepFeedback" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "stepId" VARCHAR(64) NOT NULL,
    "userId" UUID,
    "helpful" BOOLEAN NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_accountId_status_updatedAt_idx" ON "Session"("accountId", "status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Session_ownerId_status_updatedAt_idx" ON "Session"("ownerId", "status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Session_assigneeId_status_idx" ON "Session"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Session_flowId_createdAt_idx" ON "Session"("flowId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "StepFeedback_sessionId_stepId_userId_key" ON "StepFeedback"("sessionId", "stepId", "userId");

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_flowVersionId_fkey" FOREIGN KEY ("flowVersionId") REFERENCES "FlowVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_preparedById_fkey" FOREIGN KEY ("preparedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepFeedback" ADD CONSTRAINT "StepFeedback_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepFeedback" ADD CONSTRAINT "StepFeedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
