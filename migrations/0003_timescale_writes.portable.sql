-- Nothing to do on plain PostgreSQL: rollups are refreshed inside the writing transaction and no
-- chunks are created (see 0003_timescale_writes.timescale.sql).
select 1;
