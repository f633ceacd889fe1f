-- CreateTable
CREATE TABLE "provider" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "placement_type" TEXT NOT NULL,
    "ofsted_urn" TEXT,
    "ofsted_rating" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "age_min" INTEGER NOT NULL,
    "age_max" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "vacancies" INTEGER NOT NULL,
    "weekly_price_pence" INTEGER NOT NULL,
    "procurement_route" TEXT NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "child_age" INTEGER NOT NULL,
    "placement_type" TEXT NOT NULL,
    "provision" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "ceiling_pence" INTEGER NOT NULL,
    "funding_end_date" DATE,
    "status" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "search_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "search_id" UUID NOT NULL,
    "setting_id" UUID NOT NULL,
    "weekly_fee_pence" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "notes" TEXT,
    "gates" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "placement" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "search_id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "setting_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "placement_type" TEXT NOT NULL,
    "provision" TEXT NOT NULL,
    "weekly_cost_pence" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "planned_end_date" DATE,
    "notice_weeks" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "awarded_by" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "placement_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "provider_local_authority_name_key" ON "provider"("local_authority", "name");

-- CreateIndex
CREATE INDEX "setting_local_authority_placement_type_idx" ON "setting"("local_authority", "placement_type");

-- CreateIndex
CREATE UNIQUE INDEX "search_request_id_key" ON "search"("request_id");

-- CreateIndex
CREATE INDEX "search_local_authority_status_idx" ON "search"("local_authority", "status");

-- CreateIndex
CREATE INDEX "offer_search_id_idx" ON "offer"("search_id");

-- CreateIndex
CREATE UNIQUE INDEX "offer_search_id_setting_id_key" ON "offer"("search_id", "setting_id");

-- CreateIndex
CREATE UNIQUE INDEX "placement_request_id_key" ON "placement"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "placement_search_id_key" ON "placement"("search_id");

-- CreateIndex
CREATE UNIQUE INDEX "placement_offer_id_key" ON "placement"("offer_id");

-- CreateIndex
CREATE INDEX "placement_local_authority_status_idx" ON "placement"("local_authority", "status");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "setting" ADD CONSTRAINT "setting_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer" ADD CONSTRAINT "offer_search_id_fkey" FOREIGN KEY ("search_id") REFERENCES "search"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer" ADD CONSTRAINT "offer_setting_id_fkey" FOREIGN KEY ("setting_id") REFERENCES "setting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

