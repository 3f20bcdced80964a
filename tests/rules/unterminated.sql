SELECT 1;
UPDATE "User" SET "bio" = 'it''s fine' WHERE "id" = 1;
SELECT "a""b" FROM t;
/* a closed comment */ SELECT $tag$ a $ b $tag$;
INSERT INTO "Note" ("text") VALUES ('never closed); -- fires
DROP TABLE "Note";
