-- AlterEnum
ALTER TYPE "PersonSource" ADD VALUE 'ADMIN';

