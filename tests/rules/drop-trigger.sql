DROP TRIGGER "User_updated_at" ON "User"; -- fires
DROP TRIGGER IF EXISTS audit ON "public"."Order" CASCADE; -- fires

CREATE TRIGGER audit_v2 AFTER INSERT ON "Order" FOR EACH ROW EXECUTE FUNCTION log_order();
ALTER TABLE "Order" DISABLE TRIGGER audit;
-- Dropped and created again: a redefinition.
DROP TRIGGER IF EXISTS "Rule_revision" ON "Rule";
CREATE TRIGGER "Rule_revision" AFTER UPDATE ON "Rule" FOR EACH ROW EXECUTE FUNCTION bump_revision();
