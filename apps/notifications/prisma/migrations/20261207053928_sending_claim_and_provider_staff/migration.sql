-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'REFERRAL_SENT';
ALTER TYPE "NotificationKind" ADD VALUE 'OFFER_DECIDED';

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "provider_id" TEXT;

-- AlterTable
ALTER TABLE "delivery" ADD COLUMN     "claimed_by" TEXT,
ADD COLUMN     "claimed_until" TIMESTAMPTZ(3),
ADD COLUMN     "taken_over" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "person_local_authority_provider_id_idx" ON "person"("local_authority", "provider_id");

