-- AlterTable
ALTER TABLE "request" ADD COLUMN     "information_requested" JSONB,
ADD COLUMN     "reapproval" JSONB;

