-- AlterTable
ALTER TABLE "request" ADD COLUMN     "end_reason" TEXT,
ADD COLUMN     "placed_from" DATE,
ADD COLUMN     "placed_type" TEXT,
ADD COLUMN     "placed_until" DATE,
ADD COLUMN     "placed_weekly_cost_pence" INTEGER;

-- CreateTable
CREATE TABLE "care_plan" (
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "permanence_plan" TEXT NOT NULL,
    "exit_route" TEXT NOT NULL,
    "estimated_exit_date" DATE,
    "discharge_cohort_from" DATE,
    "step_down_to" TEXT,
    "step_down_ready_from" DATE,
    "step_down_weekly_pence" INTEGER,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "care_plan_pkey" PRIMARY KEY ("child_id")
);

-- CreateTable
CREATE TABLE "care_plan_change" (
    "id" BIGSERIAL NOT NULL,
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "from_value" TEXT,
    "to_value" TEXT,
    "reason" TEXT NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_plan_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exit_step" (
    "id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "done_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exit_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exit_target" (
    "local_authority" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "exits" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,

    CONSTRAINT "exit_target_pkey" PRIMARY KEY ("local_authority","month")
);

-- CreateTable
CREATE TABLE "reunification" (
    "id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "with_parents_under_order" BOOLEAN NOT NULL DEFAULT false,
    "discharged_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reunification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reunification_stage" (
    "id" BIGSERIAL NOT NULL,
    "reunification_id" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "note" TEXT,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reunification_stage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edge_of_care" (
    "request_id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "alternative" TEXT NOT NULL,
    "diverted_on" DATE NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "edge_of_care_pkey" PRIMARY KEY ("request_id")
);

-- CreateIndex
CREATE INDEX "care_plan_local_authority_idx" ON "care_plan"("local_authority");

-- CreateIndex
CREATE INDEX "care_plan_change_child_id_idx" ON "care_plan_change"("child_id");

-- CreateIndex
CREATE INDEX "care_plan_change_local_authority_field_idx" ON "care_plan_change"("local_authority", "field");

-- CreateIndex
CREATE INDEX "exit_step_local_authority_due_date_idx" ON "exit_step"("local_authority", "due_date");

-- CreateIndex
CREATE INDEX "reunification_local_authority_stage_idx" ON "reunification"("local_authority", "stage");

-- CreateIndex
CREATE INDEX "reunification_stage_reunification_id_idx" ON "reunification_stage"("reunification_id");

-- CreateIndex
CREATE INDEX "edge_of_care_local_authority_diverted_on_idx" ON "edge_of_care"("local_authority", "diverted_on");

-- AddForeignKey
ALTER TABLE "care_plan" ADD CONSTRAINT "care_plan_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_plan_change" ADD CONSTRAINT "care_plan_change_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "care_plan"("child_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exit_step" ADD CONSTRAINT "exit_step_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reunification" ADD CONSTRAINT "reunification_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reunification_stage" ADD CONSTRAINT "reunification_stage_reunification_id_fkey" FOREIGN KEY ("reunification_id") REFERENCES "reunification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

