DROP SCHEMA "analytics" CASCADE; -- fires
DROP SCHEMA IF EXISTS staging; -- fires

CREATE SCHEMA IF NOT EXISTS "analytics";
DROP TABLE "analytics"."Event";
