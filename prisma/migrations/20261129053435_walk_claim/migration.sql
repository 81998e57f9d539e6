-- CreateTable
CREATE TABLE "WalkClaim" (
    "sessionId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalkClaim_pkey" PRIMARY KEY ("sessionId")
);

-- AddForeignKey
ALTER TABLE "WalkClaim" ADD CONSTRAINT "WalkClaim_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
