// Built-in examples, written the way Prisma Migrate writes migrations.
// Each has a folder name so the naming checks have something to look at.

export const EXAMPLES = [
  {
    id: 'safe',
    label: 'Safe: a new table, column and index',
    name: '20251208120000_add_user_verification_fields',
    sql: `-- CreateTable
CREATE TABLE "VerificationToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationToken_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailVerifiedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- AddForeignKey
ALTER TABLE "VerificationToken" ADD CONSTRAINT "VerificationToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
`,
  },
  {
    id: 'enum-rebuild',
    label: 'Prisma enum rebuild (a value removed)',
    name: '20251208130000_alter_job_status_enum',
    sql: `/*
  Warnings:

  - The values [PENDING] on the enum \`JobStatus\` will be removed. If these variants are still used in the database, this will fail.

*/
-- AlterEnum
BEGIN;
CREATE TYPE "JobStatus_new" AS ENUM ('OPEN', 'IN_PROGRESS', 'CLOSED');
ALTER TABLE "Job" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Job" ALTER COLUMN "status" TYPE "JobStatus_new" USING ("status"::text::"JobStatus_new");
ALTER TYPE "JobStatus" RENAME TO "JobStatus_old";
ALTER TYPE "JobStatus_new" RENAME TO "JobStatus";
DROP TYPE "JobStatus_old";
ALTER TABLE "Job" ALTER COLUMN "status" SET DEFAULT 'OPEN';
COMMIT;
`,
  },
  {
    id: 'destructive',
    label: 'Destructive cleanup',
    name: '20251208160000_drop_legacy_sessions_table',
    sql: `/*
  Warnings:

  - You are about to drop the column \`legacyToken\` on the \`User\` table. All the data in the column will be lost.
  - You are about to drop the column \`lastSeenIp\` on the \`User\` table. All the data in the column will be lost.
  - You are about to drop the \`LegacySession\` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE "LegacySession" DROP CONSTRAINT "LegacySession_userId_fkey";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "legacyToken",
DROP COLUMN "lastSeenIp";

-- DropTable
DROP TABLE "LegacySession";

-- Remove rows nobody can log in with any more
DELETE FROM "AuditLog" WHERE "action" = 'legacy_login';
`,
  },
];
