-- AlterTable
ALTER TABLE "case" ADD COLUMN     "awaiting_information" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "information_requested" JSONB,
ADD COLUMN     "reapproval" JSONB,
ADD COLUMN     "sitting_id" UUID;

-- AlterTable
ALTER TABLE "decision" ADD COLUMN     "counterfactual" JSONB,
ADD COLUMN     "information_requested" JSONB,
ADD COLUMN     "sitting_id" UUID,
ADD COLUMN     "votes" JSONB;

-- AlterTable
ALTER TABLE "audit_entry" ADD COLUMN     "sitting_id" UUID,
ALTER COLUMN "case_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "panel" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "chair_user_id" TEXT NOT NULL,
    "quorum_voting_members" INTEGER NOT NULL,
    "finance_required" BOOLEAN NOT NULL,
    "weekday" INTEGER,
    "time_of_day" TEXT,
    "cut_off_working_days" INTEGER NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "panel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "panel_member" (
    "id" UUID NOT NULL,
    "panel_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "voting" BOOLEAN NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "panel_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sitting" (
    "id" UUID NOT NULL,
    "panel_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "cut_off_at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "sitting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agenda_item" (
    "id" UUID NOT NULL,
    "sitting_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agenda_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "sitting_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("sitting_id","member_id")
);

-- CreateTable
CREATE TABLE "conflict_declaration" (
    "id" UUID NOT NULL,
    "sitting_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conflict_declaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vote" (
    "id" UUID NOT NULL,
    "sitting_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "comment" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gate_evidence" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "gate_id" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gate_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalation" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "from_tier" TEXT NOT NULL,
    "to_tier" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL,
    "fired_by" TEXT NOT NULL,

    CONSTRAINT "escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "panel_local_authority_type_idx" ON "panel"("local_authority", "type");

-- CreateIndex
CREATE UNIQUE INDEX "panel_member_panel_id_user_id_key" ON "panel_member"("panel_id", "user_id");

-- CreateIndex
CREATE INDEX "sitting_local_authority_starts_at_idx" ON "sitting"("local_authority", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "sitting_panel_id_starts_at_key" ON "sitting"("panel_id", "starts_at");

-- CreateIndex
CREATE INDEX "agenda_item_case_id_idx" ON "agenda_item"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "agenda_item_sitting_id_case_id_key" ON "agenda_item"("sitting_id", "case_id");

-- CreateIndex
CREATE UNIQUE INDEX "conflict_declaration_sitting_id_case_id_member_id_key" ON "conflict_declaration"("sitting_id", "case_id", "member_id");

-- CreateIndex
CREATE INDEX "vote_case_id_idx" ON "vote"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "vote_sitting_id_case_id_member_id_key" ON "vote"("sitting_id", "case_id", "member_id");

-- CreateIndex
CREATE INDEX "gate_evidence_case_id_idx" ON "gate_evidence"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "escalation_case_id_kind_deadline_key" ON "escalation"("case_id", "kind", "deadline");

-- CreateIndex
CREATE INDEX "case_status_decision_due_idx" ON "case"("status", "decision_due");

-- CreateIndex
CREATE INDEX "audit_entry_sitting_id_idx" ON "audit_entry"("sitting_id");

-- CreateIndex
CREATE INDEX "audit_entry_local_authority_id_idx" ON "audit_entry"("local_authority", "id");

-- AddForeignKey
ALTER TABLE "panel_member" ADD CONSTRAINT "panel_member_panel_id_fkey" FOREIGN KEY ("panel_id") REFERENCES "panel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sitting" ADD CONSTRAINT "sitting_panel_id_fkey" FOREIGN KEY ("panel_id") REFERENCES "panel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_item" ADD CONSTRAINT "agenda_item_sitting_id_fkey" FOREIGN KEY ("sitting_id") REFERENCES "sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

