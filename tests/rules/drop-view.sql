DROP VIEW "ActiveUsers"; -- fires
DROP MATERIALIZED VIEW IF EXISTS "public"."DailyStats"; -- fires

CREATE VIEW "ActiveUsers" AS SELECT * FROM "User" WHERE "active";
DROP TABLE "view";
