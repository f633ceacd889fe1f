-- CreateTable
CREATE TABLE "child" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "reference" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "child_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "legal_status" TEXT NOT NULL,
    "placement_type" TEXT NOT NULL,
    "provision" TEXT NOT NULL,
    "weekly_cost_pence" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "placed_at" DATE,
    "summary" TEXT,
    "facts" JSONB NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "policy_hash" TEXT NOT NULL,
    "outcome" JSONB NOT NULL,
    "approver" TEXT NOT NULL,
    "panel" TEXT,
    "decision" JSONB,
    "placement_id" UUID,
    "correlation_id" UUID NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_history" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "event_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_history_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "child_local_authority_idx" ON "child"("local_authority");

-- CreateIndex
CREATE UNIQUE INDEX "child_local_authority_reference_key" ON "child"("local_authority", "reference");

-- CreateIndex
CREATE INDEX "request_local_authority_status_idx" ON "request"("local_authority", "status");

-- CreateIndex
CREATE INDEX "request_child_id_idx" ON "request"("child_id");

-- CreateIndex
CREATE INDEX "request_history_request_id_idx" ON "request_history"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "request" ADD CONSTRAINT "request_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_history" ADD CONSTRAINT "request_history_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

