-- Statements sqlparser cannot read: scanned, and reported where the parser stopped.
ALTER SEQUENCE "Invoice_number_seq" OWNED BY "Invoice"."number"; -- fires
DROP TABLE "Session" FROBNICATE; -- fires

SELECT setval('"Invoice_number_seq"', 1000);
DROP TABLE "Session";
DO $$ BEGIN RAISE NOTICE 'not a parse error'; END $$;
