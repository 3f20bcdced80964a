ALTER TYPE "Role" ADD VALUE 'OWNER';
ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'OWNER'; -- fires
ALTER TYPE "public"."Status" ADD VALUE IF NOT EXISTS 'ARCHIVED' AFTER 'DONE';
UPDATE "Task"
SET "status" = 'ARCHIVED' -- fires
WHERE "done" = true;
ALTER TYPE "Source" ADD VALUE 'O''Reilly';
UPDATE "Book" SET "source" = 'O''Reilly'; -- fires

ALTER TYPE "Plan" ADD VALUE 'TEAM';
UPDATE "Account" SET "plan" = 'PRO' WHERE "plan" = 'FREE';
