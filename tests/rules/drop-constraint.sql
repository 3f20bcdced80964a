ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey"; -- fires
ALTER TABLE "public"."Post"
  DROP CONSTRAINT IF EXISTS "Post_slug_key", -- fires
  ADD CONSTRAINT "Post_slug_unique" UNIQUE ("slug");

ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");
ALTER TABLE "Post" DROP COLUMN "constraint";
