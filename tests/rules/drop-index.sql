DROP INDEX "User_email_key"; -- fires
DROP INDEX IF EXISTS "public"."Post_slug_idx"; -- fires
DROP INDEX CONCURRENTLY IF EXISTS "Post_title_idx"; -- fires

CREATE INDEX "Post_title_idx" ON "Post"("title");
ALTER TABLE "Post" DROP CONSTRAINT "Post_slug_key";
