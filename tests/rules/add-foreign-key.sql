ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE; -- fires
ALTER TABLE "public"."Post"
  ADD COLUMN "authorId" TEXT,
  ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id"); -- fires

ALTER TABLE "Order" ADD CONSTRAINT "Order_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") NOT VALID;
ALTER TABLE "Order" VALIDATE CONSTRAINT "Order_shopId_fkey";
CREATE TABLE "Comment" ("id" TEXT NOT NULL, "postId" TEXT NOT NULL);
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id");
