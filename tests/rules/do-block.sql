DO $$ BEGIN -- fires
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role') THEN
    DROP TYPE "Role";
  END IF;
END $$;
DO LANGUAGE plpgsql $body$ BEGIN EXECUTE 'TRUNCATE "Cache"'; END $body$; -- fires

CREATE FUNCTION f() RETURNS void AS $$ BEGIN DELETE FROM logs; END $$ LANGUAGE plpgsql;
SELECT 'DO $$ BEGIN END $$';
