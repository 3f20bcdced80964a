-- CreateIndex
-- Alone in its file, so Prisma runs it outside a transaction and it builds without blocking writes.
CREATE INDEX CONCURRENTLY "Post_publishedAt_idx" ON "Post"("publishedAt");
