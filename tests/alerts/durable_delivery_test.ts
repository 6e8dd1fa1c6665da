/**
 * Durable deliveries: queued in the database before any attempt, resumed by
 * another notifier (a restarted process, a new leader) once the lease of the
 * one that stopped has passed, and each attempt id sent at most once.
 *
 * @module
 */
import assert from "node:assert/strict";
import { listDeliveries } from "../../alerts/events_store.ts";
import type { StoredChannel } from "../../alerts/schemas.ts";
import { withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import { firingEvent, quickNotifier, receiver, recordingBus } from "./_helpers.ts";
import { startSmtp } from "./_smtp.ts";

const T0 = new Date("2026-01-01T00:05:00Z");
const later = (minutes: number) => () => new Date(T0.getTime() + minutes * 60_000);

const webhook = (url: string): StoredChannel => ({
  type: "webhook",
  url,
  secret: "whsec_test_0123456789abcdef",
});

Deno.test("deliveries queued by a stopped process are sent once by the next one, with a stable X-Ercot-Delivery", async () => {
  const hook = receiver([200]);
  const mail = await startSmtp();
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const smtp = {
        host: "127.0.0.1",
        port: mail.port,
        security: "starttls" as const,
        from: "alerts@example.com",
      };
      const before = quickNotifier(db, bus, { clock: later(0), smtp, caCerts: [mail.ca] });
      before.notifier.stop();
      const event = await firingEvent(db, T0);
      await before.notifier.dispatch(event, [
        webhook(hook.url),
        { type: "email", to: "ops@example.com" },
      ]);
      const queued = await listDeliveries(db.db.sql, event.id);
      assert.deepEqual(queued.map((d) => [d.status, d.attempts]), [["pending", 0], [
        "pending",
        0,
      ]]);
      assert.equal(hook.received.length, 0);

      const after = quickNotifier(db, bus, { clock: later(1), smtp, caCerts: [mail.ca] });
      assert.equal(await after.notifier.resume(), 2);
      await after.notifier.settled();
      assert.equal(await after.notifier.resume(), 0);
      const third = quickNotifier(db, bus, { clock: later(10), smtp, caCerts: [mail.ca] });
      assert.equal(await third.notifier.resume(), 0);

      assert.equal(hook.received.length, 1);
      const rows = await listDeliveries(db.db.sql, event.id);
      const hookRow = rows.find((d) => d.url === hook.url)!;
      const mailRow = rows.find((d) => d.url === "mailto:ops@example.com")!;
      assert.equal(hook.received[0].headers.get("x-ercot-delivery"), hookRow.id);
      assert.equal(hook.received[0].headers.get("x-ercot-attempt"), "1");
      assert.equal(mail.received.length, 1);
      assert.match(mail.received[0].raw, new RegExp(`^X-Ercot-Delivery: ${mailRow.id}\\r?$`, "m"));
      assert.match(mail.received[0].raw, new RegExp(`^Message-ID: <${mailRow.id}@`, "m"));
      assert.deepEqual([hookRow.status, mailRow.status], ["delivered", "delivered"]);
      const left = await db.db.sql`
        select count(*)::int as n from webhook_deliveries where payload is not null`;
      assert.equal(left[0].n, 0, "a finished delivery keeps no secret or address");
      await bus.close();
    });
  } finally {
    await hook.close();
    await mail.close();
  }
});

Deno.test("a process stopped between attempts leaves the delivery to the next leader once its lease passes; each attempt is sent once", async () => {
  const hook = receiver([503, 200]);
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      let release = () => {};
      const gate = new Promise<void>((resolve) => release = resolve);
      const waits: number[] = [];
      const first = quickNotifier(db, bus, {
        clock: later(0),
        sleep: (ms) => {
          waits.push(ms);
          return gate;
        },
      });
      const event = await firingEvent(db, T0);
      await first.notifier.dispatch(event, [webhook(hook.url)]);
      await waitFor(() => waits.length === 1, "the first attempt's retry wait", 20_000);
      first.notifier.stop();

      const early = quickNotifier(db, bus, { clock: later(1) });
      assert.equal(await early.notifier.resume(), 0, "the lease still holds a minute later");
      const next = quickNotifier(db, bus, { clock: later(5) });
      assert.equal(await next.notifier.resume(), 1);
      await next.notifier.settled();
      release();
      await first.notifier.settled();

      assert.equal(hook.received.length, 2);
      const [row] = await listDeliveries(db.db.sql, event.id);
      assert.deepEqual(hook.received.map((r) => r.headers.get("x-ercot-delivery")), [
        row.id,
        row.id,
      ]);
      assert.deepEqual(hook.received.map((r) => r.headers.get("x-ercot-attempt")), ["1", "2"]);
      assert.equal(row.status, "delivered");
      assert.equal(row.attempts, 2);
      await bus.close();
    });
  } finally {
    await hook.close();
  }
});

Deno.test("two notifiers resuming the same queue at once send each delivery once", async () => {
  const hook = receiver([200]);
  try {
    await withDatabase(async (db) => {
      const { bus } = await recordingBus(db);
      const stopped = quickNotifier(db, bus, { clock: later(0) });
      stopped.notifier.stop();
      const event = await firingEvent(db, T0);
      await stopped.notifier.dispatch(event, [webhook(hook.url)]);
      const a = quickNotifier(db, bus, { clock: later(1) });
      const b = quickNotifier(db, bus, { clock: later(1) });
      await Promise.all([a.notifier.resume(), b.notifier.resume()]);
      await Promise.all([a.notifier.settled(), b.notifier.settled()]);
      assert.equal(hook.received.length, 1);
      const [row] = await listDeliveries(db.db.sql, event.id);
      assert.equal(row.status, "delivered");
      assert.equal(row.attempts, 1);
      await bus.close();
    });
  } finally {
    await hook.close();
  }
});
