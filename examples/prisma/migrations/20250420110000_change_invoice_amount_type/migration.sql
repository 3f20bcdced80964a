-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "amount" SET DATA TYPE DECIMAL(12,2);

-- RenameColumn
ALTER TABLE "Invoice" RENAME COLUMN "userId" TO "customerId";
