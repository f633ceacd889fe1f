-- AlterTable
ALTER TABLE "case" ADD COLUMN     "submitted_by" TEXT;

