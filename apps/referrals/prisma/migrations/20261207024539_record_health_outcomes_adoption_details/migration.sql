-- CreateTable
CREATE TABLE "health_outcome" (
    "id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "sdq_score" INTEGER,
    "sdq_reason" TEXT,
    "convicted" BOOLEAN,
    "health_check" BOOLEAN,
    "immunisations" BOOLEAN,
    "teeth_check" BOOLEAN,
    "health_assessment" BOOLEAN,
    "substance_misuse" BOOLEAN,
    "intervention_received" BOOLEAN,
    "intervention_offered" BOOLEAN,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_outcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "adoption_detail" (
    "child_id" UUID NOT NULL,
    "local_authority" TEXT NOT NULL,
    "decided_on" DATE,
    "matched_on" DATE,
    "by_foster_carers" BOOLEAN,
    "adopters" INTEGER,
    "adopters_sex" TEXT,
    "adopters_legal_status" TEXT,
    "source" "RecordSource" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "adoption_detail_pkey" PRIMARY KEY ("child_id")
);

-- CreateIndex
CREATE INDEX "health_outcome_local_authority_year_idx" ON "health_outcome"("local_authority", "year");

-- CreateIndex
CREATE UNIQUE INDEX "health_outcome_child_id_year_key" ON "health_outcome"("child_id", "year");

-- CreateIndex
CREATE INDEX "adoption_detail_local_authority_idx" ON "adoption_detail"("local_authority");

-- AddForeignKey
ALTER TABLE "health_outcome" ADD CONSTRAINT "health_outcome_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adoption_detail" ADD CONSTRAINT "adoption_detail_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

