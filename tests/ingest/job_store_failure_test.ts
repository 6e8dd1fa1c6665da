/**
 * A document whose transaction fails is fetched again at the next poll and
 * stored then: conditional-GET validators and the document ledger are only
 * kept once the document has committed. Failures are made for real in the
 * database (a trigger that raises once, a backend terminated mid-store), and
 * the payloads come from the mirror over HTTP.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runFeed } from "../../ingest/job.ts";
import { type FeedId, FEEDS } from "../../ingest/feeds/mod.ts";
import { recording } from "../_fixtures.ts";
import { ingestDeps, withMirror } from "../_ingest.ts";
import { testDatabaseMode, withDatabase } from "../_db.ts";
import { waitFor } from "../_wait.ts";
import type { Sql } from "../../db/client.ts";
import type { IngestDeps } from "../../ingest/job.ts";

const FUEL_MIX = recording("dashboard-fuel-mix/fuel-mix_2025-10-09T0646.json");
const MCPC = "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n";
const FEEDS_UNDER_TEST: FeedId[] = ["fuel_mix", "np4_188"];
const LOCK_KEY = 1_717_017;

/** A recordings folder with one fuel-mix dashboard and two NP4-188 documents. */
async function withRecordings(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/dashboard-fuel-mix`);
    await Deno.copyFile(FUEL_MIX!, `${root}/dashboard-fuel-mix/fuel-mix_2025-10-09T0646.json`);
    await Deno.mkdir(`${root}/mis-np4-188-cd`);
    for (const day of ["02", "03"]) {
      await Deno.writeTextFile(
        `${root}/mis-np4-188-cd/NP4-188-CD_202512${day}.csv`,
        `${MCPC}12/${day}/2025,01:00,REGUP,4.5,N\n12/${day}/2025,02:00,RRS,7.25,N\n`,
      );
    }
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** What the mirror serves for `feed`, through its parser: `series|ts|value` lines. */
async function served(base: string, root: string, feed: FeedId): Promise<string[]> {
  if (feed === "fuel_mix") {
    const res = await fetch(`${base}/api/1/services/read/dashboards/fuel-mix.json`);
    return lines(FEEDS.fuel_mix.parse(await res.bytes()));
  }
  const out: string[] = [];
  for (const e of Deno.readDirSync(`${root}/mis-np4-188-cd`)) {
    out.push(...lines(FEEDS.np4_188.parse(Deno.readFileSync(`${root}/mis-np4-188-cd/${e.name}`))));
  }
  return out.sort();
}

function lines(obs: { series: string; ts: Date; value: number }[]): string[] {
  return obs.map((o) => `${o.series}|${o.ts.toISOString()}|${o.value}`).sort();
}

/** What the database holds for the series of `feed`'s family. */
async function stored(sql: Sql, feed: FeedId): Promise<string[]> {
  const prefix = feed === "fuel_mix" ? "gen.%" : "mcpc.da.%";
  const rows = await sql<{ series: string; ts: Date; value: number }[]>`
    select s.key as series, o.ts, o.value
    from observations o join series s on s.id = o.series_id where s.key like ${prefix}`;
  return lines(rows);
}

/** Ingest deps sharing one HTTP client whose clock moves on a day at each look, so no poll is too soon. */
function pollingDeps(sql: Parameters<typeof ingestDeps>[0], base: string): IngestDeps {
  let now = Date.parse("2026-01-01T00:00:00Z");
  return ingestDeps(sql, base, { now: () => (now += 86_400_000) });
}

Deno.test({
  name: "runFeed() fetches a document again after its store failed once, and then stores it whole",
  ignore: FUEL_MIX === null,
  fn: (t) =>
    withRecordings((root) =>
      withDatabase((db) =>
        withMirror(root, async (base) => {
          const sql = db.db.sql;
          // Every document's ledger row is inserted last in its transaction: failing it once
          // rolls back the whole document, as a deadlock or a bad row would.
          await sql.unsafe(`
            create sequence store_failures;
            create function fail_once() returns trigger language plpgsql as $$
            begin
              if nextval('store_failures') = 1 then raise exception 'injected store failure'; end if;
              return new;
            end $$;
            create trigger fail_once before insert on ingest_documents
              for each row when (new.status in ('success', 'empty'))
              execute function fail_once();`);
          const deps = pollingDeps(db, base);
          for (const feed of FEEDS_UNDER_TEST) {
            await t.step(feed, async () => {
              await sql`alter sequence store_failures restart`;
              const first = await runFeed(deps, feed);
              assert.notEqual(first.status, "success");
              assert.match(first.documents[0].error ?? "", /not stored \(injected store failure/);
              const expected = await served(base, root, feed);
              const kept = await stored(sql, feed);
              assert.ok(kept.length < expected.length, "the failed document kept nothing");
              assert.ok(kept.every((line) => expected.includes(line)));
              const second = await runFeed(deps, feed);
              assert.equal(second.status, "success", JSON.stringify(second));
              assert.ok(second.documents.length >= 1, "the failed document was fetched again");
              assert.deepEqual(await stored(sql, feed), expected, "no row lost");
              const third = await runFeed(deps, feed);
              assert.ok(["skipped", "success"].includes(third.status));
              assert.equal(third.documents.length, 0, "a stored document is not fetched again");
            });
          }
        })
      )
    ),
});

Deno.test({
  name:
    "runFeed() ends a run whose database connection was lost mid-document with one line, keeps nothing of it, and stores it at the next poll",
  ignore: FUEL_MIX === null || testDatabaseMode() !== "postgres",
  fn: (t) =>
    withRecordings((root) =>
      withDatabase((db) =>
        withMirror(root, async (base) => {
          const sql = db.db.sql;
          // The ledger insert waits on a lock the test holds, so the store is caught mid-way.
          await sql.unsafe(`
            create function wait_for_test() returns trigger language plpgsql as $$
            begin perform pg_advisory_xact_lock(${LOCK_KEY}); return new; end $$;
            create trigger wait_for_test before insert on ingest_documents
              for each row execute function wait_for_test();`);
          const deps = pollingDeps(db, base);
          const holder = await sql.reserve();
          try {
            for (const feed of FEEDS_UNDER_TEST) {
              await t.step(feed, async () => {
                await holder`select pg_advisory_lock(${LOCK_KEY})`;
                const run = runFeed(deps, feed);
                let pid = 0;
                await waitFor(
                  async () => {
                    const [w] = await holder<{ pid: number }[]>`
                    select pid from pg_locks
                    where locktype = 'advisory' and objid = ${LOCK_KEY} and not granted
                      and database = (select oid from pg_database where datname = current_database())`;
                    pid = w?.pid ?? 0;
                    return pid !== 0;
                  },
                  "the store to wait on the lock",
                  60_000,
                );
                await holder`select pg_terminate_backend(${pid})`;
                await holder`select pg_advisory_unlock(${LOCK_KEY})`;
                const first = await run;
                assert.equal(first.status, "failed");
                assert.match(
                  first.error ?? "",
                  /^\S+: database connection lost while storing \(.+\); nothing of the document was kept, it is fetched again at the next poll$/,
                );
                assert.doesNotMatch(first.error!, /\n/);
                assert.deepEqual(await stored(sql, feed), [], "nothing partial committed");
                const expected = await served(base, root, feed);
                const second = await runFeed(deps, feed);
                assert.equal(second.status, "success", JSON.stringify(second));
                assert.deepEqual(await stored(sql, feed), expected, "no row lost");
              });
            }
          } finally {
            holder.release();
          }
          // postgres.js replays a lost connection's last error once when its pool reopens it, and
          // waits for it on close: reopen every pooled connection so the database closes at once.
          await Promise.allSettled(Array.from({ length: 12 }, () => sql`select pg_sleep(0.05)`));
        })
      )
    ),
});
