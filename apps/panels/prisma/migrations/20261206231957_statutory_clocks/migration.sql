-- CreateEnum
CREATE TYPE "DeadlinePurpose" AS ENUM ('DECISION', 'RATIFICATION', 'PLACEMENT_PLAN', 'VISIT', 'REVIEW', 'FUNDING_REVIEW', 'NOTIFICATION', 'RESPONSE', 'CARER_APPROVAL', 'LEGAL_AUTHORITY', 'COURT', 'TRANSFER');

-- CreateEnum
CREATE TYPE "ClockStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ClockEventKind" AS ENUM ('CREATED', 'REMINDED', 'ESCALATED', 'COMPLETED', 'CANCELLED');

-- CreateTable
CREATE TABLE "statutory_clock" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "series" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "purpose" "DeadlinePurpose" NOT NULL,
    "deadline_id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "owner_role" TEXT NOT NULL,
    "escalation_role" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "remind_at" TIMESTAMPTZ(3),
    "escalate_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ClockStatus" NOT NULL,
    "reminded_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),
    "completed_on" DATE,
    "completed_at" TIMESTAMPTZ(3),
    "completed_by" TEXT,
    "completion_note" TEXT,
    "correlation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statutory_clock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clock_event" (
    "id" UUID NOT NULL,
    "clock_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "kind" "ClockEventKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "fired_by" "TimerSource",
    "detail" JSONB NOT NULL,

    CONSTRAINT "clock_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "statutory_clock_status_escalate_at_idx" ON "statutory_clock"("status", "escalate_at");

-- CreateIndex
CREATE INDEX "statutory_clock_local_authority_status_due_at_idx" ON "statutory_clock"("local_authority", "status", "due_at");

-- CreateIndex
CREATE INDEX "statutory_clock_request_id_idx" ON "statutory_clock"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "statutory_clock_local_authority_child_id_series_sequence_key" ON "statutory_clock"("local_authority", "child_id", "series", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "clock_event_clock_id_kind_key" ON "clock_event"("clock_id", "kind");

-- AddForeignKey
ALTER TABLE "clock_event" ADD CONSTRAINT "clock_event_clock_id_fkey" FOREIGN KEY ("clock_id") REFERENCES "statutory_clock"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Added by hand (Prisma cannot express it): a clock's owner and escalation are roles from tokens,
-- checked against the roles that own clocks (src/clocks/clock-rules.ts ClockRole)
ALTER TABLE "statutory_clock" ADD CONSTRAINT "statutory_clock_owner_role_check"
  CHECK ("owner_role" IN ('social-worker', 'panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'));
ALTER TABLE "statutory_clock" ADD CONSTRAINT "statutory_clock_escalation_role_check"
  CHECK ("escalation_role" IN ('social-worker', 'panel-chair', 'approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'));
