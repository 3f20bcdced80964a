CREATE TABLE "Audit" ("id" TEXT NOT NULL);
CREATE INDEX CONCURRENTLY "Order_userId_idx" ON "Order"("userId"); -- fires
DROP INDEX CONCURRENTLY IF EXISTS "Order_old_idx"; -- fires
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "User_email_key" ON "User"("email"); -- fires

CREATE INDEX "Audit_id_idx" ON "Audit"("id");
CREATE INDEX "Audit_x_idx" ON "Audit"("id") WHERE "id" <> 'CONCURRENTLY';
CREATE INDEX /* CONCURRENTLY */ "Audit_y_idx" ON "Audit"("id");
