-- CreateIndex
CREATE INDEX "placement_local_authority_child_id_idx" ON "placement"("local_authority", "child_id");

-- CreateIndex
CREATE INDEX "placement_local_authority_request_id_idx" ON "placement"("local_authority", "request_id");

