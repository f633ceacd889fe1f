-- CreateEnum
CREATE TYPE "PlacementOrigin" AS ENUM ('AWARD', 'IMPORT', 'EMERGENCY');

-- AlterEnum
ALTER TYPE "PlacementStatus" ADD VALUE 'AWAITING_RATIFICATION';

-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "import_key" TEXT,
ADD COLUMN     "origin" "PlacementOrigin" NOT NULL DEFAULT 'AWARD',
ALTER COLUMN "request_id" DROP NOT NULL,
ALTER COLUMN "search_id" DROP NOT NULL,
ALTER COLUMN "offer_id" DROP NOT NULL,
ALTER COLUMN "setting_id" DROP NOT NULL,
ALTER COLUMN "provider_id" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "placement_local_authority_import_key_key" ON "placement"("local_authority", "import_key");

