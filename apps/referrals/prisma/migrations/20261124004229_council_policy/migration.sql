-- CreateTable
CREATE TABLE "council_policy" (
    "id" BIGSERIAL NOT NULL,
    "local_authority" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "council_policy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "council_policy_local_authority_id_idx" ON "council_policy"("local_authority", "id");

-- CreateIndex
CREATE INDEX "council_policy_local_authority_hash_idx" ON "council_policy"("local_authority", "hash");

