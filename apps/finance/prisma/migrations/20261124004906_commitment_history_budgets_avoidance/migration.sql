-- DropIndex
DROP INDEX "commitment_placement_id_financial_year_key";

-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "end_date" DATE,
ADD COLUMN     "end_reason" TEXT,
ADD COLUMN     "notice_end_date" DATE,
ADD COLUMN     "provider_id" UUID,
ADD COLUMN     "review_date" DATE;

-- AlterTable
ALTER TABLE "commitment" ADD COLUMN     "cause" TEXT NOT NULL DEFAULT 'STARTED',
ADD COLUMN     "contributions_pence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "gross_pence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "income_pence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "superseded_at" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "council_settings" ADD COLUMN     "high_cost_weekly_pence" INTEGER NOT NULL DEFAULT 1000000,
ADD COLUMN     "open_ended_to" TEXT NOT NULL DEFAULT 'YEAR_END';

-- CreateTable
CREATE TABLE "placement_price" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "placement_id" UUID NOT NULL,
    "effective_from" DATE NOT NULL,
    "weekly_cost_pence" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "placement_price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contribution" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "placement_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE,
    "weekly_pence" INTEGER,
    "nightly_pence" INTEGER,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_entry" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delta_pence" BIGINT NOT NULL,
    "balance_pence" BIGINT NOT NULL,
    "reason" TEXT,
    "virement_id" UUID,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "virement" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "from_category" TEXT NOT NULL,
    "to_category" TEXT NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "virement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_alert" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "threshold_percent" INTEGER NOT NULL,
    "forecast_pence" BIGINT NOT NULL,
    "budget_pence" BIGINT NOT NULL,
    "event_id" UUID NOT NULL,
    "crossed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_decision" (
    "request_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "decision_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "review_date" DATE,
    "cf_description" TEXT,
    "cf_placement_type" TEXT,
    "cf_weekly_cost_pence" INTEGER,
    "cf_source" TEXT,

    CONSTRAINT "request_decision_pkey" PRIMARY KEY ("local_authority","request_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "placement_price_placement_id_effective_from_key" ON "placement_price"("placement_id", "effective_from");

-- CreateIndex
CREATE INDEX "contribution_placement_id_idx" ON "contribution"("placement_id");

-- CreateIndex
CREATE INDEX "budget_entry_local_authority_financial_year_idx" ON "budget_entry"("local_authority", "financial_year");

-- CreateIndex
CREATE INDEX "virement_local_authority_financial_year_idx" ON "virement"("local_authority", "financial_year");

-- CreateIndex
CREATE UNIQUE INDEX "budget_alert_local_authority_financial_year_category_thresh_key" ON "budget_alert"("local_authority", "financial_year", "category", "threshold_percent");

-- CreateIndex
CREATE INDEX "placement_local_authority_start_date_idx" ON "placement"("local_authority", "start_date");

-- CreateIndex
CREATE INDEX "placement_local_authority_request_id_idx" ON "placement"("local_authority", "request_id");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_placement_id_financial_year_version_key" ON "commitment"("placement_id", "financial_year", "version");

-- AddForeignKey
ALTER TABLE "placement_price" ADD CONSTRAINT "placement_price_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Existing lines were net of nothing: their gross is their amount. Each placement's first price is its start price.
UPDATE "commitment" SET "gross_pence" = "amount_pence";
INSERT INTO "placement_price" ("id", "local_authority", "placement_id", "effective_from", "weekly_cost_pence", "reason")
SELECT gen_random_uuid(), "local_authority", "id", "start_date", "weekly_cost_pence", 'START' FROM "placement"
ON CONFLICT DO NOTHING;

-- The forecast reads only current lines, by council, year and category.
CREATE INDEX "commitment_current_idx" ON "commitment" ("local_authority", "financial_year", "category") INCLUDE ("amount_pence", "gross_pence") WHERE "superseded_at" IS NULL;
