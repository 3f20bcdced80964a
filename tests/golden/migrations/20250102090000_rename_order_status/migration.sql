-- migration-lint approve drop-colum: typo in the rule id, so this approval is itself a finding
ALTER TABLE "Order" RENAME COLUMN "status" TO "state";

UPDATE "Order" SET "state" = 'open';

CREATE UNIQUE INDEX "Order_state_key" ON "Order"("state");
ALTER TABLE "Order" ADD CONSTRAINT "Order_number_key" UNIQUE ("number");
