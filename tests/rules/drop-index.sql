DROP INDEX "User_email_key"; -- fires
DROP INDEX IF EXISTS "public"."Post_slug_idx"; -- fires
DROP INDEX CONCURRENTLY IF EXISTS "Post_title_idx"; -- fires
-- A constraint of the name that builds no index is no redefinition.
DROP INDEX "Tag_label_idx"; -- fires
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_label_idx" CHECK ("label" <> '');

CREATE INDEX "Post_body_idx" ON "Post"("body");
ALTER TABLE "Post" DROP CONSTRAINT "Post_slug_key";
-- Dropped and created again (new columns, a unique constraint of the name): a redefinition.
DROP INDEX "Post_authorId_idx";
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId", "createdAt");
DROP INDEX "Tag_name_key";
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_name_key" UNIQUE ("name");
