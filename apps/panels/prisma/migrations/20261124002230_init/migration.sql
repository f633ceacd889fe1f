-- CreateTable
CREATE TABLE "case" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "child_age" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "legal_status" TEXT NOT NULL,
    "placement_type" TEXT NOT NULL,
    "provision" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "requested_weekly_cost_pence" INTEGER NOT NULL,
    "approver" TEXT NOT NULL,
    "panel" TEXT,
    "retrospective" BOOLEAN NOT NULL,
    "cost_band" TEXT,
    "outcome" JSONB NOT NULL,
    "decision_due" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "conditions" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "decided_by" TEXT NOT NULL,
    "decided_by_tier" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "case_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "case_request_id_key" ON "case"("request_id");

-- CreateIndex
CREATE INDEX "case_local_authority_status_idx" ON "case"("local_authority", "status");

-- CreateIndex
CREATE INDEX "decision_case_id_idx" ON "decision"("case_id");

-- CreateIndex
CREATE INDEX "audit_entry_case_id_idx" ON "audit_entry"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

