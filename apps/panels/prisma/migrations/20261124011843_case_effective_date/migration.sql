-- AlterTable
ALTER TABLE "case" ADD COLUMN     "effective_date" DATE;

