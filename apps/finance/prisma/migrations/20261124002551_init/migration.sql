-- CreateTable
CREATE TABLE "placement" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "child_age" INTEGER NOT NULL,
    "placement_type" TEXT NOT NULL,
    "provision" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "weekly_cost_pence" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "planned_end_date" DATE,
    "status" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "placement_id" UUID NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "days" INTEGER NOT NULL,
    "weekly_cost_pence" INTEGER NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "basis" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "set_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "council_settings" (
    "local_authority" TEXT NOT NULL,
    "annualisation" TEXT NOT NULL DEFAULT '365/7',

    CONSTRAINT "council_settings_pkey" PRIMARY KEY ("local_authority")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "local_authority" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "inbox_event" (
    "event_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_event_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "placement_local_authority_status_idx" ON "placement"("local_authority", "status");

-- CreateIndex
CREATE INDEX "commitment_local_authority_financial_year_idx" ON "commitment"("local_authority", "financial_year");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_placement_id_financial_year_key" ON "commitment"("placement_id", "financial_year");

-- CreateIndex
CREATE UNIQUE INDEX "budget_local_authority_financial_year_category_key" ON "budget"("local_authority", "financial_year", "category");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

