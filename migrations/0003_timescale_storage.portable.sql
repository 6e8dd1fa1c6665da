-- Nothing to do on plain PostgreSQL: rollups are refreshed inside the writing transaction and there
-- are no chunks (see 0003_timescale_storage.timescale.sql).
select 1;
