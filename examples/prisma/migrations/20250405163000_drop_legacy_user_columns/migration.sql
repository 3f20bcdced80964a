/*
  Warnings:

  - You are about to drop the column `legacyEmail` on the `User` table. All the data in the column will be lost.
  - You are about to drop the column `legacyPasswordHash` on the `User` table. All the data in the column will be lost.
  - You are about to drop the `Session` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropIndex
DROP INDEX "public"."User_email_key";

-- AlterTable
ALTER TABLE "public"."User" DROP COLUMN "legacyEmail",
DROP COLUMN "legacyPasswordHash";

-- DropTable
DROP TABLE IF EXISTS "Session";

-- Clean up orphaned posts
DELETE FROM "Post"
WHERE "authorId" NOT IN (SELECT "id" FROM "User");
