-- migrate: no-transaction
-- TimescaleDB: observations becomes a hypertable with compression; the rollups
-- are hierarchical continuous aggregates (15m → 1h → 1d) with refresh policies
-- and real-time aggregation. Each statement runs on its own, outside a
-- transaction block, as continuous aggregates require.

select create_hypertable('observations', 'ts', chunk_time_interval => interval '7 days', migrate_data => true);

alter table observations set (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'series_id',
  timescaledb.compress_orderby = 'ts desc'
);

select add_compression_policy('observations', compress_after => interval '30 days');

create materialized view observations_15m
  with (timescaledb.continuous, timescaledb.materialized_only = false) as
select series_id,
       time_bucket(interval '15 minutes', ts) as bucket,
       avg(value) as avg,
       min(value) as min,
       max(value) as max,
       first(value, ts) as first,
       last(value, ts) as last,
       count(*) as count,
       sum(value) as sum
from observations
group by series_id, time_bucket(interval '15 minutes', ts)
with no data;

create materialized view observations_1h
  with (timescaledb.continuous, timescaledb.materialized_only = false) as
select series_id,
       time_bucket(interval '1 hour', bucket) as bucket,
       sum(sum) / sum(count)::double precision as avg,
       min(min) as min,
       max(max) as max,
       first(first, bucket) as first,
       last(last, bucket) as last,
       sum(count)::bigint as count,
       sum(sum) as sum
from observations_15m
group by series_id, time_bucket(interval '1 hour', bucket)
with no data;

create materialized view observations_1d
  with (timescaledb.continuous, timescaledb.materialized_only = false) as
select series_id,
       time_bucket(interval '1 day', bucket, 'America/Chicago') as bucket,
       sum(sum) / sum(count)::double precision as avg,
       min(min) as min,
       max(max) as max,
       first(first, bucket) as first,
       last(last, bucket) as last,
       sum(count)::bigint as count,
       sum(sum) as sum
from observations_1h
group by series_id, time_bucket(interval '1 day', bucket, 'America/Chicago')
with no data;

select add_continuous_aggregate_policy('observations_15m',
  start_offset => interval '7 days', end_offset => interval '15 minutes',
  schedule_interval => interval '5 minutes');

select add_continuous_aggregate_policy('observations_1h',
  start_offset => interval '14 days', end_offset => interval '1 hour',
  schedule_interval => interval '15 minutes');

select add_continuous_aggregate_policy('observations_1d',
  start_offset => interval '60 days', end_offset => interval '1 day',
  schedule_interval => interval '1 hour');
