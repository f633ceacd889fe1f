-- CreateTable
CREATE TABLE "indicator_population" (
    "local_authority" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "children" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicator_population_pkey" PRIMARY KEY ("local_authority","year")
);

-- CreateTable
CREATE TABLE "indicator_comparator" (
    "local_authority" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "rate_per_10k" DOUBLE PRECISION NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicator_comparator_pkey" PRIMARY KEY ("local_authority","year","name")
);

-- CreateTable
CREATE TABLE "entry_target" (
    "local_authority" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "entries" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,

    CONSTRAINT "entry_target_pkey" PRIMARY KEY ("local_authority","month")
);

-- CreateTable
CREATE TABLE "council_area" (
    "local_authority" TEXT NOT NULL,
    "la_codes" TEXT[],
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "council_area_pkey" PRIMARY KEY ("local_authority")
);

-- CreateTable
CREATE TABLE "indicator_setting_change" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicator_setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "postcode" (
    "pcds" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "long" DOUBLE PRECISION NOT NULL,
    "la" TEXT,

    CONSTRAINT "postcode_pkey" PRIMARY KEY ("pcds")
);

-- CreateIndex
CREATE INDEX "indicator_setting_change_local_authority_id_idx" ON "indicator_setting_change"("local_authority", "id");

