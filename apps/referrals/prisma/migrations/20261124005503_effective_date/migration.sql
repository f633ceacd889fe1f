-- AlterTable
ALTER TABLE "request" ADD COLUMN     "effective_date" DATE;

