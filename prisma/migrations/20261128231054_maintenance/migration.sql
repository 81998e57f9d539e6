-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "batchId" UUID,
ADD COLUMN     "targetLabel" VARCHAR(200),
ADD COLUMN     "targetNotes" VARCHAR(1000);

-- CreateTable
CREATE TABLE "TargetList" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "teamId" UUID,
    "createdById" UUID,
    "name" VARCHAR(120) NOT NULL,
    "description" VARCHAR(1000) NOT NULL DEFAULT '',
    "visibility" "Visibility" NOT NULL DEFAULT 'team',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TargetList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" UUID NOT NULL,
    "listId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "notes" VARCHAR(1000) NOT NULL DEFAULT '',
    "values" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "teamId" UUID,
    "flowId" UUID,
    "flowVersionId" UUID NOT NULL,
    "flowName" VARCHAR(200) NOT NULL,
    "launchedById" UUID,
    "scheduleId" UUID,
    "dueAt" TIMESTAMPTZ(3),
    "mergedCount" INTEGER NOT NULL DEFAULT 0,
    "rerunOfId" UUID,
    "targetCount" INTEGER NOT NULL,
    "targets" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "teamId" UUID,
    "flowId" UUID NOT NULL,
    "targetListId" UUID,
    "assigneeId" UUID,
    "createdById" UUID,
    "cron" VARCHAR(120) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "nextRunAt" TIMESTAMPTZ(3),
    "lastRunAt" TIMESTAMPTZ(3),
    "lastError" VARCHAR(300),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TargetList_accountId_name_key" ON "TargetList"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Target_listId_position_key" ON "Target"("listId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Target_listId_label_key" ON "Target"("listId", "label");

-- CreateIndex
CREATE INDEX "Batch_flowId_createdAt_idx" ON "Batch"("flowId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Batch_accountId_createdAt_idx" ON "Batch"("accountId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Batch_scheduleId_dueAt_key" ON "Batch"("scheduleId", "dueAt");

-- CreateIndex
CREATE INDEX "Schedule_active_nextRunAt_idx" ON "Schedule"("active", "nextRunAt");

-- CreateIndex
CREATE INDEX "Schedule_flowId_idx" ON "Schedule"("flowId");

-- CreateIndex
CREATE INDEX "Session_batchId_targetLabel_idx" ON "Session"("batchId", "targetLabel");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetList" ADD CONSTRAINT "TargetList_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetList" ADD CONSTRAINT "TargetList_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_listId_fkey" FOREIGN KEY ("listId") REFERENCES "TargetList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_flowVersionId_fkey" FOREIGN KEY ("flowVersionId") REFERENCES "FlowVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_launchedById_fkey" FOREIGN KEY ("launchedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_rerunOfId_fkey" FOREIGN KEY ("rerunOfId") REFERENCES "Batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_targetListId_fkey" FOREIGN KEY ("targetListId") REFERENCES "TargetList"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
