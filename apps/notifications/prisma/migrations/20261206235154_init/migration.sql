-- CreateEnum
CREATE TYPE "PersonSource" AS ENUM ('SEEDED', 'TOKEN');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('DECISION_DUE', 'DECISION_REMINDER', 'ESCALATED_TO_YOU', 'DECISION_RECORDED', 'CASE_DEFERRED', 'AWARD_HELD', 'PLACEMENT_STARTED', 'PLACEMENT_NOTICE', 'BUDGET_THRESHOLD');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('IMMEDIATE', 'DIGEST', 'OFF');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'REFUSED');

-- CreateTable
CREATE TABLE "person" (
    "local_authority" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "roles" TEXT[],
    "digest_time" TEXT NOT NULL DEFAULT '08:00',
    "source" "PersonSource" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("local_authority","user_id")
);

-- CreateTable
CREATE TABLE "request_route" (
    "request_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "approver_tier" TEXT NOT NULL,
    "panel" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_route_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "event_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "digest_delivery_id" UUID,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "notification_id" UUID,
    "digest_day" DATE,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "response_code" INTEGER,
    "enqueued_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preference" (
    "local_authority" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "channel" "Channel" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "preference_pkey" PRIMARY KEY ("local_authority","user_id","kind")
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
CREATE INDEX "person_roles_idx" ON "person" USING GIN ("roles" array_ops);

-- CreateIndex
CREATE INDEX "request_route_local_authority_idx" ON "request_route"("local_authority");

-- CreateIndex
CREATE INDEX "notification_local_authority_user_id_read_at_created_at_idx" ON "notification"("local_authority", "user_id", "read_at", "created_at");

-- CreateIndex
CREATE INDEX "notification_local_authority_user_id_channel_digest_deliver_idx" ON "notification"("local_authority", "user_id", "channel", "digest_delivery_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_event_id_user_id_kind_key" ON "notification"("event_id", "user_id", "kind");

-- CreateIndex
CREATE INDEX "delivery_status_enqueued_at_idx" ON "delivery"("status", "enqueued_at");

-- CreateIndex
CREATE INDEX "delivery_local_authority_status_idx" ON "delivery"("local_authority", "status");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_local_authority_user_id_digest_day_key" ON "delivery"("local_authority", "user_id", "digest_day");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

