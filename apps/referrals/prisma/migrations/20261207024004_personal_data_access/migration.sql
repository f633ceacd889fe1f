-- CreateEnum
CREATE TYPE "AccessChannel" AS ENUM ('CHILDREN_LIST', 'CHILD', 'RECORD', 'RECORD_HISTORY', 'RETURN_FILE', 'SUBJECT_ACCESS');

-- AlterTable
ALTER TABLE "return_export" ADD COLUMN     "child_ids" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateTable
CREATE TABLE "personal_data_access" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "actor_roles" TEXT[],
    "through" "AccessChannel" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "personal_data_access_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "personal_data_access_local_authority_child_id_at_idx" ON "personal_data_access"("local_authority", "child_id", "at");

-- CreateIndex
CREATE INDEX "personal_data_access_local_authority_actor_at_idx" ON "personal_data_access"("local_authority", "actor", "at");

-- CreateIndex
CREATE INDEX "personal_data_access_local_authority_at_idx" ON "personal_data_access"("local_authority", "at");

