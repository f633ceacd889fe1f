-- CreateTable
CREATE TABLE "payment_schedule" (
    "placement_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "first_period_start" DATE NOT NULL,
    "payment_terms_days" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_schedule_pkey" PRIMARY KEY ("placement_id")
);

-- CreateTable
CREATE TABLE "invoice" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "placement_id" UUID NOT NULL,
    "provider_id" UUID,
    "reference" TEXT NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "days_claimed" INTEGER NOT NULL,
    "weekly_rate_pence" INTEGER NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "expected_pence" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "discrepancies" JSONB NOT NULL,
    "received_by" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_on" DATE,
    "paid_pence" BIGINT,
    "paid_by" TEXT,
    "resolution" TEXT,

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_allocation" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "invoice_id" UUID NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "paid_pence" BIGINT NOT NULL,
    "released_pence" BIGINT NOT NULL,

    CONSTRAINT "payment_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invoice_local_authority_status_idx" ON "invoice"("local_authority", "status");

-- CreateIndex
CREATE INDEX "invoice_placement_id_idx" ON "invoice"("placement_id");

-- CreateIndex
CREATE INDEX "payment_allocation_local_authority_financial_year_idx" ON "payment_allocation"("local_authority", "financial_year");

-- AddForeignKey
ALTER TABLE "payment_allocation" ADD CONSTRAINT "payment_allocation_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

