ALTER TABLE "Invoice" ALTER COLUMN "total" SET DATA TYPE DECIMAL(10,2); -- fires
ALTER TABLE "Invoice"
  ALTER COLUMN "status" TYPE TEXT, -- fires
  ALTER COLUMN "paidAt" TYPE TIMESTAMP(3) USING "paidAt"::TIMESTAMP(3); -- fires

ALTER TABLE "Invoice" ALTER COLUMN "total" SET DEFAULT 0;
ALTER TABLE "Invoice" ADD COLUMN "type" TEXT;
CREATE TYPE "InvoiceType" AS ENUM ('A', 'B');
-- No rows to convert: a table created in this migration, a column added a moment ago.
CREATE TABLE "Draft" ("id" TEXT NOT NULL, "n" INTEGER);
ALTER TABLE "Draft" ALTER COLUMN "n" SET DATA TYPE BIGINT;
ALTER TABLE "Invoice" ADD COLUMN "code" VARCHAR(3);
ALTER TABLE "Invoice" ALTER COLUMN "code" TYPE INTEGER USING "code"::integer;
