ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey"; -- fires
ALTER TABLE "public"."Post"
  DROP CONSTRAINT IF EXISTS "Post_slug_key", -- fires
  ADD CONSTRAINT "Post_slug_unique" UNIQUE ("slug");

ALTER TABLE "Post" DROP COLUMN "constraint";
-- Dropped and added again under its name (to change ON DELETE): a redefinition.
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_postId_fkey";
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE;
-- Dropped just before its table: the table's drop is the finding.
ALTER TABLE "Draft" DROP CONSTRAINT "Draft_authorId_fkey";
DROP TABLE "Draft";
-- Dropped and added again in one ALTER TABLE: a redefinition too.
ALTER TABLE "Like" DROP CONSTRAINT "Like_postId_fkey",
ADD CONSTRAINT "Like_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE;
