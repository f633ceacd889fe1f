-- AlterTable
ALTER TABLE "offer" ADD COLUMN     "revised_at" TIMESTAMPTZ(3),
ADD COLUMN     "revised_by" TEXT,
ADD COLUMN     "withdrawal_reason" TEXT,
ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawn_by" TEXT;

