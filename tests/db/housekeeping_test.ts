import assert from "node:assert/strict";
import { createHousekeeper } from "../../db/housekeeping.ts";
import type { PurgeKind, Retention } from "../../config.ts";
import type { Sql } from "../../db/client.ts";
import { createMetrics } from "../../metrics.ts";
import { createApp } from "../_app.ts";
import { testDeps, withDatabase } from "../_db.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const DAY = 86_400;
const RETENTION: Retention = {
  sessions: 7 * DAY,
  rate_limits: 2 * DAY,
  events: DAY,
  stream_tickets: 3600,
  webhook_deliveries: 30 * DAY,
};
const follower = {
  held: false,
  acquire: () => Promise.resolve(false),
  release: () => Promise.resolve(),
};
const leader = { ...follower, held: true, acquire: () => Promise.resolve(true) };

const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

/** One row of each kind just past its retention ("old") and one just inside it ("new"). */
async function seedAll(sql: Sql): Promise<void> {
  const [{ id: user }] = await sql<{ id: string }[]>`
    insert into users (email, password_hash) values ('keeper@example.com', 'x') returning id`;
  const [live] = await sql<{ id: string }[]>`
    insert into sessions (user_id, ip, user_agent, idle_expires_at, expires_at)
    values (${user}, '127.0.0.1', 'live', ${ago(-DAY)}, ${ago(-DAY)}) returning id`;
  for (const [label, ended] of [["old", 8 * DAY], ["new", 6 * DAY]] as const) {
    await sql`
      insert into sessions (user_id, ip, user_agent, idle_expires_at, expires_at)
      values (${user}, '127.0.0.1', ${label}, ${ago(ended)}, ${ago(ended - 60)})`;
    await sql`
      insert into sessions (user_id, ip, user_agent, idle_expires_at, expires_at, revoked_at)
      values (${user}, '127.0.0.1', ${label}, ${ago(-DAY)}, ${ago(-DAY)}, ${ago(ended)})`;
    const expired = ago(label === "old" ? 7200 : 60);
    await sql`
      insert into stream_tickets (hash, user_id, session_id, expires_at)
      values (${label}, ${user}, ${live.id}, ${expired})`;
  }
  for (const [bucket, age] of [["old", 3 * DAY], ["new", DAY]] as const) {
    await sql`
      insert into rate_limit_counters (bucket, window_seconds, window_start, count)
      values (${bucket}, 86400, ${ago(age)}, 1), (${bucket}, 60, ${ago(age)}, 1)`;
    await sql`insert into login_failures (email, ip, at) values (${bucket}, '::1', ${ago(age)})`;
  }
  for (const [label, age] of [["old", 2 * DAY], ["new", 3600]] as const) {
    await sql`
      insert into events (type, payload, created_at)
      values ('ingest', ${sql.json({ label })}, ${ago(age)})`;
  }
  const [{ id: event }] = await sql<{ id: string }[]>`
    insert into alert_events (user_id, builtin, name, state, instant)
    values (${user}, 'eea', 'EEA', 'firing', ${NOW}) returning id`;
  for (
    const [url, status, age] of [
      ["old-delivered", "delivered", 31 * DAY],
      ["old-failed", "failed", 40 * DAY],
      ["old-pending", "pending", 40 * DAY],
      ["new-delivered", "delivered", 29 * DAY],
    ] as const
  ) {
    await sql`
      insert into webhook_deliveries (event_id, url, status, created_at, last_attempt_at)
      values (${event}, ${url}, ${status}, ${ago(age)}, ${ago(age)})`;
  }
}

async function left(sql: Sql): Promise<Record<PurgeKind, string[]>> {
  const texts = async (q: Promise<{ v: string }[]>) => (await q).map((r) => r.v).sort();
  return {
    sessions: await texts(sql`select user_agent as v from sessions`),
    rate_limits: [
      ...await texts(sql`select bucket as v from rate_limit_counters`),
      ...await texts(sql`select 'failure ' || email as v from login_failures`),
    ],
    events: await texts(sql`select payload->>'label' as v from events`),
    stream_tickets: await texts(sql`select hash as v from stream_tickets`),
    webhook_deliveries: await texts(sql`select url as v from webhook_deliveries`),
  };
}

Deno.test("housekeeping purges each kind past its retention and keeps newer rows", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    await seedAll(sql);
    const metrics = createMetrics();
    // A batch of 1 makes every kind take several statements.
    const keeper = createHousekeeper(sql, () => NOW, {
      retention: RETENTION,
      batchSize: 1,
      metrics,
    });
    assert.deepEqual(await keeper.run(leader), {
      sessions: 2,
      rate_limits: 3,
      events: 1,
      stream_tickets: 1,
      webhook_deliveries: 2,
    });
    assert.deepEqual(await left(sql), {
      sessions: ["live", "new", "new"],
      rate_limits: ["new", "new", "failure new"],
      events: ["new"],
      stream_tickets: ["new"],
      webhook_deliveries: ["new-delivered", "old-pending"],
    });
    const scrape = await createApp(testDeps(db, { metrics })).request("/metrics");
    const text = await scrape.text();
    assert.match(text, /^housekeeping_purged_rows_total\{kind="sessions"\} 2$/m);
    assert.match(text, /^housekeeping_purged_rows_total\{kind="rate_limits"\} 3$/m);
    assert.match(text, /^housekeeping_purged_rows_total\{kind="webhook_deliveries"\} 2$/m);
    assert.match(
      text,
      new RegExp(`^housekeeping_last_run_timestamp_seconds ${NOW.getTime() / 1000}$`, "m"),
    );
    const again = await keeper.run(leader);
    assert.ok(again !== "not-leader" && Object.values(again).every((n) => n === 0));
  });
});

Deno.test("housekeeping on a replica that is not the leader deletes nothing", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    await seedAll(sql);
    const before = await left(sql);
    const metrics = createMetrics();
    const keeper = createHousekeeper(sql, () => NOW, { retention: RETENTION, metrics });
    assert.equal(await keeper.run(follower), "not-leader");
    assert.deepEqual(await left(sql), before);
    assert.match(metrics.render(), /^housekeeping_last_run_timestamp_seconds 0$/m);
    assert.match(metrics.render(), /^housekeeping_purged_rows_total\{kind="events"\} 0$/m);
  });
});

Deno.test("createHousekeeper() refuses a negative retention and an empty batch", () => {
  assert.throws(
    () => createHousekeeper({} as Sql, () => NOW, { retention: { ...RETENTION, events: -1 } }),
    /retention of events -1 must be 0 or more seconds/,
  );
  assert.throws(
    () => createHousekeeper({} as Sql, () => NOW, { retention: RETENTION, batchSize: 0 }),
    /batchSize 0 must be at least 1/,
  );
});
