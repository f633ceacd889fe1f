-- AlterTable
ALTER TABLE "looked_after_episode" ADD COLUMN     "placement_end_reason" "EndReason";

