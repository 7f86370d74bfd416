-- A member principal is built from these tables (platform/auth/principal-cache.ts caches it):
-- any committed change to them notifies every server process, which then drops its cached
-- principals. Statement-level, so a bulk change sends one notification per statement, and
-- PostgreSQL folds identical notifications of one transaction into one.
CREATE FUNCTION huoban_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('huoban_principals', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partners_principals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partners
  FOR EACH STATEMENT EXECUTE FUNCTION huoban_principals_changed();
--> statement-breakpoint
CREATE TRIGGER members_principals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION huoban_principals_changed();
--> statement-breakpoint
CREATE TRIGGER member_roles_principals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON member_roles
  FOR EACH STATEMENT EXECUTE FUNCTION huoban_principals_changed();
--> statement-breakpoint
CREATE TRIGGER roles_principals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles
  FOR EACH STATEMENT EXECUTE FUNCTION huoban_principals_changed();
