ALTER TABLE "User" RENAME COLUMN "name" TO "fullName"; -- fires
ALTER TABLE "public"."User" RENAME "email" TO "emailAddress"; -- fires

ALTER TABLE "User" RENAME TO "Account";
ALTER TABLE "User" ADD COLUMN "fullName" TEXT;
ALTER TABLE "User" RENAME CONSTRAINT "User_pkey" TO "Account_pkey";
-- A temporary column swapped in: no running code knows it.
ALTER TABLE "Invoice" ADD COLUMN "amount_new" DECIMAL(12,2);
ALTER TABLE "Invoice" RENAME COLUMN "amount_new" TO "amount";
