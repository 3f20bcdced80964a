-- migration-lint approve drop-table: stale, nothing below drops a table -- fires
CREATE TABLE "Session" ("id" TEXT NOT NULL);
-- migration-lint approve drop-index, drop-table: one of the two is used -- fires
DROP TABLE "Log";

-- migration-lint approve drop-column: moved to "Profile"
ALTER TABLE "User" DROP COLUMN "bio";
