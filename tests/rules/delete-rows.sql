DELETE FROM "Session"; -- fires
DELETE FROM "public"."Session" WHERE "expiresAt" < now(); -- fires
WITH gone AS (DELETE FROM "Token" WHERE "used" RETURNING "id") -- fires
SELECT count(*) FROM gone;

SELECT * FROM "Session" WHERE "deleted" = true;
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE;
INSERT INTO "Log" ("message") VALUES ('DELETE FROM "Session"');
