-- CreateEnum
CREATE TYPE "AvoidanceKind" AS ENUM ('STEP_DOWN', 'EXIT_FROM_CARE', 'AGE_18');

-- CreateTable
CREATE TABLE "avoidance_entry" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "kind" "AvoidanceKind" NOT NULL,
    "child_id" UUID NOT NULL,
    "placement_id" UUID,
    "replacement_placement_id" UUID,
    "request_id" UUID,
    "financial_year" INTEGER NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "days" INTEGER NOT NULL,
    "weekly_pence" INTEGER NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "basis" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "avoidance_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "avoidance_entry_local_authority_financial_year_idx" ON "avoidance_entry"("local_authority", "financial_year");

-- CreateIndex
CREATE UNIQUE INDEX "avoidance_entry_local_authority_source_key_key" ON "avoidance_entry"("local_authority", "source_key");

