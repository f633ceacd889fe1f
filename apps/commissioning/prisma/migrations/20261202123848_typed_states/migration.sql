-- CreateEnum
CREATE TYPE "ProviderSector" AS ENUM ('IN_HOUSE', 'PRIVATE', 'VOLUNTARY', 'OTHER_LA');

-- CreateEnum
CREATE TYPE "PlacementType" AS ENUM ('INHOUSE_FOSTER', 'KINSHIP_FOSTER', 'IFA_FOSTER', 'IFA_ENHANCED', 'PARENT_CHILD_FOSTER', 'RESIDENTIAL_FAMILY_CENTRE', 'LA_CHILDRENS_HOME', 'PRIVATE_CHILDRENS_HOME', 'VOL_CHILDRENS_HOME', 'SUPPORTED_ACCOM_REGISTERED', 'SUPPORTED_ACCOM_UNREGISTERED', 'SUPPORTED_LODGINGS', 'OTHER_ARRANGEMENTS_UNREGULATED', 'SECURE_CHILDRENS_HOME', 'RESIDENTIAL_SCHOOL', 'PLACED_WITH_PARENTS', 'UNREGISTERED_CHILDRENS_HOME', 'HOSPITAL');

-- CreateEnum
CREATE TYPE "Provision" AS ENUM ('IN_HOUSE', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "Location" AS ENUM ('IN_AREA', 'OUT_OF_AREA_ADJOINING', 'OUT_OF_AREA_AT_DISTANCE');

-- CreateEnum
CREATE TYPE "SearchKind" AS ENUM ('PLACEMENT', 'ENTRY_TO_CARE', 'STEP_DOWN');

-- CreateEnum
CREATE TYPE "SearchStatus" AS ENUM ('OPEN', 'AWAITING_REAPPROVAL', 'AWARDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "SearchStage" AS ENUM ('IN_HOUSE', 'EXTERNAL', 'SPOT');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('SUBMITTED', 'AWAITING_REAPPROVAL', 'AWARDED', 'NOT_AWARDED', 'REAPPROVAL_DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "OfferSource" AS ENUM ('PROVIDER', 'COMMISSIONER');

-- CreateEnum
CREATE TYPE "PlacementStatus" AS ENUM ('ACTIVE', 'NOTICE_GIVEN', 'ENDED');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('SENT', 'OFFERED', 'DECLINED', 'CLOSED');

-- CreateEnum
CREATE TYPE "PriceChangeReason" AS ENUM ('ANNUAL_UPLIFT', 'VARIATION');

-- CreateEnum
CREATE TYPE "PriceChangeStatus" AS ENUM ('APPLIED', 'AWAITING_REAPPROVAL', 'DECLINED');

-- Each column changes type in place (USING col::"Enum"): no column is dropped, no row loses its value,
-- and the indexes on these columns are kept (PostgreSQL rebuilds them). A value outside the enum
-- would make the migration fail rather than be lost.

-- AlterTable
ALTER TABLE "provider" ALTER COLUMN "sector" TYPE "ProviderSector" USING "sector"::"ProviderSector";

-- AlterTable
ALTER TABLE "setting" ALTER COLUMN "placement_type" TYPE "PlacementType" USING "placement_type"::"PlacementType";

-- AlterTable
ALTER TABLE "search" ALTER COLUMN "kind" DROP DEFAULT,
ALTER COLUMN "kind" TYPE "SearchKind" USING "kind"::"SearchKind",
ALTER COLUMN "kind" SET DEFAULT 'PLACEMENT',
ALTER COLUMN "placement_type" TYPE "PlacementType" USING "placement_type"::"PlacementType",
ALTER COLUMN "provision" TYPE "Provision" USING "provision"::"Provision",
ALTER COLUMN "location" TYPE "Location" USING "location"::"Location",
ALTER COLUMN "status" TYPE "SearchStatus" USING "status"::"SearchStatus",
ALTER COLUMN "stage" DROP DEFAULT,
ALTER COLUMN "stage" TYPE "SearchStage" USING "stage"::"SearchStage",
ALTER COLUMN "stage" SET DEFAULT 'IN_HOUSE';

-- AlterTable
ALTER TABLE "offer" ALTER COLUMN "location" TYPE "Location" USING "location"::"Location",
ALTER COLUMN "status" TYPE "OfferStatus" USING "status"::"OfferStatus",
ALTER COLUMN "source" DROP DEFAULT,
ALTER COLUMN "source" TYPE "OfferSource" USING "source"::"OfferSource",
ALTER COLUMN "source" SET DEFAULT 'COMMISSIONER';

-- AlterTable
ALTER TABLE "placement" ALTER COLUMN "placement_type" TYPE "PlacementType" USING "placement_type"::"PlacementType",
ALTER COLUMN "provision" TYPE "Provision" USING "provision"::"Provision",
ALTER COLUMN "location" TYPE "Location" USING "location"::"Location",
ALTER COLUMN "status" TYPE "PlacementStatus" USING "status"::"PlacementStatus";

-- AlterTable
ALTER TABLE "referral" ALTER COLUMN "status" TYPE "ReferralStatus" USING "status"::"ReferralStatus";

-- AlterTable
ALTER TABLE "price_change" ALTER COLUMN "reason" TYPE "PriceChangeReason" USING "reason"::"PriceChangeReason",
ALTER COLUMN "status" TYPE "PriceChangeStatus" USING "status"::"PriceChangeStatus";
