/*
  Warnings:

  - You are about to drop the column `legacyAvatarUrl` on the `User` table. All the data in the column will be lost.
  - You are about to drop the column `legacyBio` on the `User` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "User" DROP COLUMN "legacyAvatarUrl",
DROP COLUMN "legacyBio";
