UPDATE "User" SET "role" = 'USER'; -- fires
UPDATE "public"."Post" -- fires
SET "published" = false;
WITH moved AS (UPDATE "Order" SET "archived" = true RETURNING "id") SELECT 1; -- fires

UPDATE "User" SET "role" = 'USER' WHERE "role" IS NULL;
UPDATE "Post" AS p SET "authorName" = u."name" FROM "User" u WHERE p."authorId" = u."id";
SELECT 'UPDATE "User" SET x = 1';
-- Filling a column added earlier in the same migration: a backfill.
ALTER TABLE "Task" ADD COLUMN "priority" INTEGER;
UPDATE "Task" SET "priority" = 0;
ALTER TABLE "Task" ALTER COLUMN "priority" SET NOT NULL;
UPDATE "Task" SET "priority" = 1, "title" = 'x'; -- fires
