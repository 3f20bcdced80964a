-- A plain drop, a quoted schema-qualified one over two lines, and a list.
DROP TABLE "Session"; -- fires
DROP TABLE IF EXISTS -- fires
  "public"."Legacy Orders" CASCADE;
DROP TABLE a, -- fires
  b; -- fires
DROP FOREIGN TABLE remote_users; -- fires

-- Not drops of a table.
CREATE TABLE "Session" ("id" TEXT NOT NULL);
SELECT 'DROP TABLE x';
-- DROP TABLE in a comment
CREATE FUNCTION f() RETURNS void AS $$ DROP TABLE t $$ LANGUAGE sql;
DROP VIEW "SessionView";
ALTER TABLE "Session" DROP COLUMN "token";
