-- AlterTable
ALTER TABLE "User" ADD COLUMN     "avatarUrl" TEXT,
ADD COLUMN     "bio" VARCHAR(500),
ADD COLUMN     "isVerified" BOOLEAN NOT NULL DEFAULT false;
