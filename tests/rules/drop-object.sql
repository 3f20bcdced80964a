DROP EXTENSION IF EXISTS "pg_trgm"; -- fires
DROP DOMAIN "Email"; -- fires
DROP POLICY "tenant_isolation" ON "Document"; -- fires

CREATE EXTENSION IF NOT EXISTS "pg_trgm";
DROP INDEX "Document_title_idx";
DROP TABLE "extension";
