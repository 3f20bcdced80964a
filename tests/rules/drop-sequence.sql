DROP SEQUENCE "Invoice_number_seq"; -- fires
DROP SEQUENCE IF EXISTS "public"."Order_id_seq" CASCADE; -- fires

CREATE SEQUENCE "Invoice_number_seq";
SELECT setval('"Invoice_number_seq"', 1000);
