CREATE INDEX "Order_userId_idx" ON "Order"("userId"); -- fires
CREATE UNIQUE INDEX "public"."User_email_key" ON "public"."User"("email"); -- fires
CREATE INDEX IF NOT EXISTS "Job_status_idx" ON "Job" USING btree ("status") WHERE "done" = false; -- fires

CREATE INDEX CONCURRENTLY "Order_createdAt_idx" ON "Order"("createdAt");
CREATE TABLE "Tag" ("id" TEXT NOT NULL, "name" TEXT NOT NULL);
CREATE INDEX "Tag_name_idx" ON "Tag"("name");
-- CREATE INDEX "x" ON "Order"("a"); in a comment
