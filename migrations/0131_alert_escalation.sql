-- Escalation: a rule may name `escalate_after` (an ISO 8601 duration) and
-- `escalation_channels`; a firing event not acknowledged by then is sent to
-- those channels, and again every interval until it is acknowledged or its
-- rule resolves. `escalations` counts the re-sends and `next_escalation_at`
-- is when the next one is due (null: none).
alter table alert_rules add column escalate_after text;
alter table alert_rules add column escalation_channels jsonb not null default '[]';
alter table alert_events add column escalations integer not null default 0;
alter table alert_events add column next_escalation_at timestamptz;
create index alert_events_escalation on alert_events (next_escalation_at)
  where next_escalation_at is not null;
