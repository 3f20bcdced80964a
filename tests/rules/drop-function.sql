DROP FUNCTION "set_updated_at"(); -- fires
DROP FUNCTION IF EXISTS public.notify_change(text, integer) CASCADE; -- fires
DROP PROCEDURE archive_orders(); -- fires

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$ BEGIN NEW."updatedAt" = now(); RETURN NEW; END $$ LANGUAGE plpgsql;
SELECT set_updated_at();
