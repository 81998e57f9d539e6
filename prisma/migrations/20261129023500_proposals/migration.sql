-- CreateEnum
CREATE TYPE "ProposalType" AS ENUM ('new_flow', 'enhancement', 'branch_addition');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('pending', 'approved', 'modified', 'rejected', 'dismissed');

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "reinforcedCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "FlowProposal" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "type" "ProposalType" NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'pending',
    "targetFlowId" UUID,
    "targetVersion" INTEGER,
    "targetKey" VARCHAR(36) NOT NULL DEFAULT '',
    "flowType" "FlowType" NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "confidence" DOUBLE PRECISION NOT NULL,
    "diff" JSONB NOT NULL,
    "structure" JSONB NOT NULL,
    "fingerprint" CHAR(64) NOT NULL,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "rejectReason" VARCHAR(1000),
    "publishedFlowId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FlowProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalSession" (
    "proposalId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalSession_pkey" PRIMARY KEY ("proposalId","sessionId")
);

-- CreateIndex
CREATE INDEX "FlowProposal_accountId_status_createdAt_idx" ON "FlowProposal"("accountId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "FlowProposal_accountId_targetKey_fingerprint_key" ON "FlowProposal"("accountId", "targetKey", "fingerprint");

-- CreateIndex
CREATE INDEX "ProposalSession_sessionId_idx" ON "ProposalSession"("sessionId");

-- CreateIndex
CREATE INDEX "Session_unanalysed_idx" ON "Session"("completedAt") WHERE (status = 'completed' AND "analysedAt" IS NULL);

-- AddForeignKey
ALTER TABLE "FlowProposal" ADD CONSTRAINT "FlowProposal_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowProposal" ADD CONSTRAINT "FlowProposal_targetFlowId_fkey" FOREIGN KEY ("targetFlowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowProposal" ADD CONSTRAINT "FlowProposal_publishedFlowId_fkey" FOREIGN KEY ("publishedFlowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowProposal" ADD CONSTRAINT "FlowProposal_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalSession" ADD CONSTRAINT "ProposalSession_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "FlowProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalSession" ADD CONSTRAINT "ProposalSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Sessions completed before proposal analysis existed are history, not a backlog: mark them
-- analysed, so the first cron sweeps do not turn years of old runs into a flood of proposals.
UPDATE "Session" SET "analysedAt" = "completedAt" WHERE status = 'completed' AND "analysedAt" IS NULL;
