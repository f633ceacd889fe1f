-- AlterTable
ALTER TABLE "child" ADD COLUMN     "created_by_team" TEXT;

-- AlterTable
ALTER TABLE "request" ADD COLUMN     "submitted_by_team" TEXT;

