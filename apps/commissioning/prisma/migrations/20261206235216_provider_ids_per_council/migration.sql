-- DropForeignKey
ALTER TABLE "setting" DROP CONSTRAINT "setting_provider_id_fkey";

-- AlterTable
ALTER TABLE "provider" DROP CONSTRAINT "provider_pkey",
ADD CONSTRAINT "provider_pkey" PRIMARY KEY ("local_authority", "id");

-- AddForeignKey
ALTER TABLE "setting" ADD CONSTRAINT "setting_local_authority_provider_id_fkey" FOREIGN KEY ("local_authority", "provider_id") REFERENCES "provider"("local_authority", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

