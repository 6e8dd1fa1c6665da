-- Nothing to do on TimescaleDB: observations lost the key in 0003 and the rollups are continuous
-- aggregates (see 0160_observations_without_series_key.portable.sql).
select 1;
