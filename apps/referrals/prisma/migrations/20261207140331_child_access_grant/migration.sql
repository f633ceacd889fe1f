-- CreateTable
CREATE TABLE "child_access_grant" (
    "local_authority" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "sitting_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "child_access_grant_pkey" PRIMARY KEY ("child_id","user_id","sitting_id")
);

-- CreateIndex
CREATE INDEX "child_access_grant_local_authority_user_id_idx" ON "child_access_grant"("local_authority", "user_id");

-- AddForeignKey
ALTER TABLE "child_access_grant" ADD CONSTRAINT "child_access_grant_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

