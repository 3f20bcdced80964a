-- migration-lint approve drop-table -- fires
DROP TABLE "Session";
/* migration-lint approve drop-column:    */ ALTER TABLE "User" DROP COLUMN "a"; -- fires

-- migration-lint approve truncate-table: the cache is rebuilt on start
TRUNCATE "Cache";
-- approve drop-table (not the marker, so not an approval)
DROP TABLE "Log";
