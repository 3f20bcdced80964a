-- migration-lint approve drop-tabel: archived -- fires
DROP TABLE "Session";
-- migration-lint approve: no rule named -- fires
DROP TABLE "Log";

-- migration-lint approve drop-table: archived in s3://backups/cache
DROP TABLE "Cache";
