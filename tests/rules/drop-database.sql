DROP DATABASE legacy; -- fires
DROP DATABASE IF EXISTS "old_app"; -- fires

CREATE TABLE "database" ("id" INT);
