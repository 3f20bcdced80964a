TRUNCATE "Session"; -- fires
TRUNCATE TABLE "public"."Cache", "Log" RESTART IDENTITY; -- fires

DELETE FROM "Session" WHERE false;
CREATE TABLE "truncate" ("id" INT);
