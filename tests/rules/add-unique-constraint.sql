CREATE UNIQUE INDEX "User_email_key" ON "User"("email"); -- fires
ALTER TABLE "public"."Post" ADD CONSTRAINT "Post_slug_key" UNIQUE ("slug"); -- fires
CREATE UNIQUE INDEX ON "Tag"("name"); -- fires
ALTER TABLE "Post" ADD CONSTRAINT "Post_code_key" UNIQUE ("code") USING INDEX TABLESPACE "fast"; -- fires

CREATE INDEX "User_email_idx" ON "User"("email");
CREATE TABLE "Team" ("id" TEXT NOT NULL, "slug" TEXT NOT NULL);
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");
ALTER TABLE "Post" ADD CONSTRAINT "Post_pkey" PRIMARY KEY ("id");
ALTER TABLE "Post" ADD CONSTRAINT "Post_title_key" UNIQUE USING INDEX "Post_title_idx";
