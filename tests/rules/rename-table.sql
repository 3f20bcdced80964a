ALTER TABLE "Post" RENAME TO "Article"; -- fires
ALTER TABLE IF EXISTS "public"."Tag" RENAME TO "Label"; -- fires

ALTER TABLE "Post" RENAME COLUMN "title" TO "headline";
ALTER TABLE "Post" RENAME CONSTRAINT "Post_pkey" TO "Article_pkey";
ALTER INDEX "Post_pkey" RENAME TO "Article_pkey";
