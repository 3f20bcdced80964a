DROP VIEW "ActiveUsers"; -- fires
DROP MATERIALIZED VIEW IF EXISTS "public"."DailyStats"; -- fires

CREATE VIEW "ActiveUsersV2" AS SELECT * FROM "User" WHERE "active";
DROP TABLE "view";
-- Dropped and created again: a redefinition.
DROP VIEW IF EXISTS "Leaderboard";
CREATE VIEW "Leaderboard" AS SELECT "id" FROM "User";
