-- CreateEnum
CREATE TYPE "RecordSource" AS ENUM ('IMPORT', 'EVENT', 'MANUAL');

-- CreateEnum
CREATE TYPE "ReviewRecorder" AS ENUM ('SW', 'IRO');

-- CreateEnum
CREATE TYPE "ReturnExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "child" ADD COLUMN     "category_of_need" TEXT,
ADD COLUMN     "ethnicity" TEXT,
ADD COLUMN     "home_postcode" TEXT,
ADD COLUMN     "mother" BOOLEAN,
ADD COLUMN     "mother_child_dob" DATE,
ADD COLUMN     "sex" TEXT,
ADD COLUMN     "uasc" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "uasc_ceased" DATE,
ADD COLUMN     "upn" TEXT,
ALTER COLUMN "given_name" DROP NOT NULL,
ALTER COLUMN "family_name" DROP NOT NULL;

-- CreateTable
CREATE TABLE "child_legal_status" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "from" DATE NOT NULL,
    "reason" TEXT,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "child_legal_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "looked_after_episode" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "decom" DATE NOT NULL,
    "rne" TEXT NOT NULL,
    "ls" TEXT NOT NULL,
    "cin" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "place_provider" TEXT,
    "dec" DATE,
    "rec" TEXT,
    "reason_place_change" TEXT,
    "home_post" TEXT,
    "pl_post" TEXT,
    "urn" TEXT,
    "placement_id" UUID,
    "setting_id" UUID,
    "source" "RecordSource" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "looked_after_episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "child_review" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "participation" TEXT NOT NULL,
    "recorder_role" "ReviewRecorder",
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "child_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "missing_episode" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "end" DATE,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "missing_episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "social_worker_episode" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "social_worker_id" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "end" DATE,
    "reason" TEXT,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "social_worker_episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_leaver_outcome" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "in_touch" TEXT NOT NULL,
    "activity" TEXT,
    "accommodation" TEXT,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_leaver_outcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "previous_permanence" (
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "council" TEXT,
    "date" TEXT,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "previous_permanence_pkey" PRIMARY KEY ("child_id")
);

-- CreateTable
CREATE TABLE "adoption_decision" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "decided_on" DATE NOT NULL,
    "ceased_on" DATE,
    "ceased_reason" TEXT,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "adoption_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "liberty_order" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "start" DATE NOT NULL,
    "end" DATE,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "liberty_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "record_change" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "record_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_import" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "years" INTEGER NOT NULL,
    "children" INTEGER NOT NULL,
    "episodes" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "imported_by" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "return_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_export" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "collection_year" INTEGER NOT NULL,
    "status" "ReturnExportStatus" NOT NULL,
    "children" INTEGER,
    "failures" INTEGER,
    "error" TEXT,
    "file" BYTEA,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "return_export_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "child_legal_status_local_authority_idx" ON "child_legal_status"("local_authority");

-- CreateIndex
CREATE UNIQUE INDEX "child_legal_status_child_id_from_key" ON "child_legal_status"("child_id", "from");

-- CreateIndex
CREATE INDEX "looked_after_episode_local_authority_decom_idx" ON "looked_after_episode"("local_authority", "decom");

-- CreateIndex
CREATE INDEX "looked_after_episode_local_authority_dec_idx" ON "looked_after_episode"("local_authority", "dec");

-- CreateIndex
CREATE INDEX "looked_after_episode_placement_id_idx" ON "looked_after_episode"("placement_id");

-- CreateIndex
CREATE UNIQUE INDEX "looked_after_episode_child_id_decom_key" ON "looked_after_episode"("child_id", "decom");

-- CreateIndex
CREATE INDEX "child_review_local_authority_held_on_idx" ON "child_review"("local_authority", "held_on");

-- CreateIndex
CREATE UNIQUE INDEX "child_review_child_id_held_on_key" ON "child_review"("child_id", "held_on");

-- CreateIndex
CREATE INDEX "missing_episode_local_authority_start_idx" ON "missing_episode"("local_authority", "start");

-- CreateIndex
CREATE UNIQUE INDEX "missing_episode_child_id_start_kind_key" ON "missing_episode"("child_id", "start", "kind");

-- CreateIndex
CREATE INDEX "social_worker_episode_local_authority_start_idx" ON "social_worker_episode"("local_authority", "start");

-- CreateIndex
CREATE UNIQUE INDEX "social_worker_episode_child_id_start_key" ON "social_worker_episode"("child_id", "start");

-- CreateIndex
CREATE INDEX "care_leaver_outcome_local_authority_year_idx" ON "care_leaver_outcome"("local_authority", "year");

-- CreateIndex
CREATE UNIQUE INDEX "care_leaver_outcome_child_id_year_key" ON "care_leaver_outcome"("child_id", "year");

-- CreateIndex
CREATE INDEX "previous_permanence_local_authority_idx" ON "previous_permanence"("local_authority");

-- CreateIndex
CREATE INDEX "adoption_decision_local_authority_idx" ON "adoption_decision"("local_authority");

-- CreateIndex
CREATE UNIQUE INDEX "adoption_decision_child_id_decided_on_key" ON "adoption_decision"("child_id", "decided_on");

-- CreateIndex
CREATE INDEX "liberty_order_local_authority_idx" ON "liberty_order"("local_authority");

-- CreateIndex
CREATE UNIQUE INDEX "liberty_order_child_id_start_key" ON "liberty_order"("child_id", "start");

-- CreateIndex
CREATE INDEX "record_change_child_id_id_idx" ON "record_change"("child_id", "id");

-- CreateIndex
CREATE INDEX "record_change_local_authority_at_idx" ON "record_change"("local_authority", "at");

-- CreateIndex
CREATE UNIQUE INDEX "return_import_local_authority_hash_key" ON "return_import"("local_authority", "hash");

-- CreateIndex
CREATE INDEX "return_export_local_authority_requested_at_idx" ON "return_export"("local_authority", "requested_at");

-- AddForeignKey
ALTER TABLE "child_legal_status" ADD CONSTRAINT "child_legal_status_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "looked_after_episode" ADD CONSTRAINT "looked_after_episode_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "child_review" ADD CONSTRAINT "child_review_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "missing_episode" ADD CONSTRAINT "missing_episode_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "social_worker_episode" ADD CONSTRAINT "social_worker_episode_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_leaver_outcome" ADD CONSTRAINT "care_leaver_outcome_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "previous_permanence" ADD CONSTRAINT "previous_permanence_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adoption_decision" ADD CONSTRAINT "adoption_decision_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "liberty_order" ADD CONSTRAINT "liberty_order_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

