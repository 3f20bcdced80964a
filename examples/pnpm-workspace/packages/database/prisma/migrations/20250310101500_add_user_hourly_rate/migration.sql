-- AlterTable
ALTER TABLE "User" ADD COLUMN     "hourlyRateCents" INTEGER,
ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC';
