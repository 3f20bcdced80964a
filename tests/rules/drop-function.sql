DROP FUNCTION "set_updated_at"(); -- fires
DROP FUNCTION IF EXISTS public.notify_change(text, integer) CASCADE; -- fires
DROP PROCEDURE archive_orders(); -- fires

CREATE OR REPLACE FUNCTION touch_row() RETURNS trigger AS $$ BEGIN NEW."updatedAt" = now(); RETURN NEW; END $$ LANGUAGE plpgsql;
SELECT set_updated_at();
-- Dropped and created again: a redefinition.
DROP FUNCTION IF EXISTS bump_revision();
CREATE FUNCTION bump_revision() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
