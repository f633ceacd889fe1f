-- AlterTable
ALTER TABLE "return_export" ADD COLUMN     "file_erased_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "retention_policy" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "not_looked_after_years" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_by_name" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_removal" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "removed" JSONB NOT NULL,
    "event_id" UUID NOT NULL,
    "erased_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_removal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "retention_policy_local_authority_id_idx" ON "retention_policy"("local_authority", "id");

-- CreateIndex
CREATE INDEX "retention_removal_local_authority_erased_at_idx" ON "retention_removal"("local_authority", "erased_at");

-- CreateIndex
CREATE UNIQUE INDEX "retention_removal_local_authority_child_id_key" ON "retention_removal"("local_authority", "child_id");

