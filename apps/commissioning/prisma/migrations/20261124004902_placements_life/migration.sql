-- DropIndex
DROP INDEX "search_request_id_key";

-- DropIndex
DROP INDEX "placement_request_id_key";

-- AlterTable
ALTER TABLE "provider" ADD COLUMN     "region" TEXT;

-- AlterTable
ALTER TABLE "setting" ADD COLUMN     "area" TEXT,
ADD COLUMN     "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "education_on_site" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "inspection_date" DATE,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "needs_met" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "registration_category" TEXT NOT NULL DEFAULT 'NONE',
ADD COLUMN     "sibling_places" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "search" ADD COLUMN     "deadline" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "home_latitude" DOUBLE PRECISION,
ADD COLUMN     "home_longitude" DOUBLE PRECISION,
ADD COLUMN     "legal_status" TEXT NOT NULL DEFAULT 'CO_S31',
ADD COLUMN     "needs" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "release_reason" TEXT,
ADD COLUMN     "released_at" TIMESTAMPTZ(3),
ADD COLUMN     "released_by" TEXT,
ADD COLUMN     "replaces_placement_id" UUID,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "school_latitude" DOUBLE PRECISION,
ADD COLUMN     "school_longitude" DOUBLE PRECISION,
ADD COLUMN     "siblings" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stage" TEXT NOT NULL DEFAULT 'IN_HOUSE';

-- AlterTable
ALTER TABLE "offer" ADD COLUMN     "additional_services" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "exemption_by" TEXT,
ADD COLUMN     "exemption_reason" TEXT,
ADD COLUMN     "location" TEXT,
ADD COLUMN     "pending_award" JSONB,
ADD COLUMN     "provider_id" UUID,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'COMMISSIONER',
ADD COLUMN     "total_weekly_pence" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "additional_services" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "approved_ceiling_pence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "child_age" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "end_date" DATE,
ADD COLUMN     "end_reason" TEXT,
ADD COLUMN     "location" TEXT,
ADD COLUMN     "notice_end_date" DATE,
ADD COLUMN     "notice_given_by" TEXT,
ADD COLUMN     "notice_given_on" DATE,
ADD COLUMN     "replacement_search_id" UUID,
ADD COLUMN     "weekly_fee_pence" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "council" (
    "local_authority" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "neighbours" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "region" TEXT,
    "weights" JSONB NOT NULL,
    "variation_limit_basis_points" INTEGER NOT NULL DEFAULT 500,
    "variation_limit_pence" INTEGER NOT NULL DEFAULT 25000,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "council_pkey" PRIMARY KEY ("local_authority")
);

-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "search_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "route" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decline_reason" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_change" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "placement_id" UUID NOT NULL,
    "previous_weekly_pence" INTEGER NOT NULL,
    "weekly_cost_pence" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "price_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "referral_local_authority_provider_id_idx" ON "referral"("local_authority", "provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_search_id_provider_id_key" ON "referral"("search_id", "provider_id");

-- CreateIndex
CREATE INDEX "price_change_placement_id_idx" ON "price_change"("placement_id");

-- CreateIndex
CREATE INDEX "provider_region_idx" ON "provider"("region");

-- CreateIndex
CREATE UNIQUE INDEX "search_request_id_generation_key" ON "search"("request_id", "generation");

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_search_id_fkey" FOREIGN KEY ("search_id") REFERENCES "search"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_change" ADD CONSTRAINT "price_change_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

