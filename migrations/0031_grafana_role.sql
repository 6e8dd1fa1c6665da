-- A read-only role for Grafana's PostgreSQL datasource (dashboards/provisioning.ts).
-- It reads the series catalog, observations, the rollups and the grid condition,
-- and nothing else: not accounts, sessions, keys, dashboards or share tokens.
-- Default privileges are deliberately not granted, so a table added later
-- (alert webhooks, say) is not readable unless its migration grants it here.
-- The role is created NOLOGIN; an operator enables it with
--   alter role grafana_reader login password '...';
-- Roles are cluster-wide: an existing one is kept, and a database user without
-- CREATEROLE skips the role with a notice instead of failing the migration.

do $$
begin
  if not exists (select from pg_roles where rolname = 'grafana_reader') then
    begin
      create role grafana_reader nologin;
    exception
      when duplicate_object then null;
      when insufficient_privilege then
        raise notice 'Role grafana_reader not created: this database user lacks CREATEROLE';
        return;
    end;
  end if;
  grant usage on schema public to grafana_reader;
  grant select on series, observations, observations_15m, observations_1h, observations_1d,
    grid_status, coverage to grafana_reader;
end
$$;
