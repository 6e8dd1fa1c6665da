-- Stream tickets: short-lived, single-use credentials a browser's EventSource
-- (which cannot send headers) presents as `?ticket=` on /api/v1/stream. Only
-- the SHA-256 of a ticket is kept; redeeming deletes the row, so a ticket
-- works once, on any replica. The row names the credential that minted it,
-- which must still be valid when the ticket is redeemed.

create table stream_tickets (
  hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  session_id uuid references sessions (id) on delete cascade,
  key_id uuid references api_keys (id) on delete cascade,
  expires_at timestamptz not null,
  check ((session_id is null) <> (key_id is null))
);
create index stream_tickets_expires_at on stream_tickets (expires_at);
