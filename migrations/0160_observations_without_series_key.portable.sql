-- Observations and their rollups lose their foreign key to series, as observations already did on
-- TimescaleDB (0003): series rows are never deleted and every writer takes its ids from the
-- catalog (db/series.ts) in the writing transaction, while the key's check, one trigger call per
-- row, was half the cost of copying a 96,000-row document in (BENCHMARKS.md, "Scale").
alter table observations drop constraint if exists observations_series_id_fkey;
alter table observations_15m drop constraint if exists observations_15m_series_id_fkey;
alter table observations_1h drop constraint if exists observations_1h_series_id_fkey;
alter table observations_1d drop constraint if exists observations_1d_series_id_fkey;
