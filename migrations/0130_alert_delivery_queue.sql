-- Durable alert deliveries: `webhook_deliveries` is also the queue that webhook
-- and email deliveries are sent from, so a delivery started before a restart
-- or a change of leader is finished by the next leader.
--
-- `channel` says how `url` is reached (`mailto:<address>` for email).
-- `payload` holds what a resumed attempt needs beyond the event (a webhook's
-- secret, an email's address) and is cleared once the delivery is finished.
-- Each attempt is claimed by adding one to `attempts` (the attempt id is
-- `<id>/<attempts>`), leased to the claiming notifier (`claimed_by`) until
-- `lease_until`; a pending row whose lease has passed is anyone's to resume.
--
-- Retention: rows whose status is not `pending` are a log and may be purged;
-- pending rows are the queue and must be kept.
alter table webhook_deliveries add column channel text not null default 'webhook'
  check (channel in ('webhook', 'email'));
alter table webhook_deliveries add column payload jsonb;
alter table webhook_deliveries add column claimed_by text;
alter table webhook_deliveries add column lease_until timestamptz;
create index webhook_deliveries_pending on webhook_deliveries (created_at)
  where status = 'pending';
