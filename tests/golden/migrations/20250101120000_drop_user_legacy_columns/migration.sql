-- Golden fixture for the reporters (tests/golden.rs): user text that each format must escape.
-- migration-lint approve drop-column: unused since 2025-11 | backed up to s3://backups/user.csv (100% <b>verified</b>) by @alice
ALTER TABLE "User" DROP COLUMN "legacyEmail";

-- A name that is HTML, a table break and a GitHub command all at once.
ALTER TABLE "User" DROP COLUMN "a|b<img src=x onerror=alert(1)>";

-- A name with a percent sign and a newline (PostgreSQL allows both in quoted identifiers).
ALTER TABLE "User" DROP COLUMN "100%
::error::done";
