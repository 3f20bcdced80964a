DROP TRIGGER "User_updated_at" ON "User"; -- fires
DROP TRIGGER IF EXISTS audit ON "public"."Order" CASCADE; -- fires

CREATE TRIGGER audit AFTER INSERT ON "Order" FOR EACH ROW EXECUTE FUNCTION log_order();
ALTER TABLE "Order" DISABLE TRIGGER audit;
