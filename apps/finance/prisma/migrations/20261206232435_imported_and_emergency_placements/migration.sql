-- CreateEnum
CREATE TYPE "PlacementOrigin" AS ENUM ('AWARD', 'IMPORT', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "Ratification" AS ENUM ('AWAITING', 'APPROVED', 'DECLINED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CommitmentCause" ADD VALUE 'IMPORTED';
ALTER TYPE "CommitmentCause" ADD VALUE 'RATIFIED';

-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "commit_from" DATE,
ADD COLUMN     "import_key" TEXT,
ADD COLUMN     "origin" "PlacementOrigin" NOT NULL DEFAULT 'AWARD',
ADD COLUMN     "price_missing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ratification" "Ratification",
ALTER COLUMN "request_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "commitment" ADD COLUMN     "awaiting_ratification" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "placement_local_authority_import_key_key" ON "placement"("local_authority", "import_key");

