import assert from "node:assert/strict";
import { createHttpClient } from "../../ingest/http.ts";
import { runFeed } from "../../ingest/job.ts";
import { type FeedId, FEEDS } from "../../ingest/feeds/mod.ts";
import { fixturesDir } from "../_fixtures.ts";
import { ingestDeps, RECORDED, withMirror } from "../_ingest.ts";
import { withDatabase } from "../_db.ts";
import type { Sql } from "../../db/client.ts";

const dir = fixturesDir();
if (dir === null) console.warn("SKIPPED: ingest end-to-end tests: FIXTURES_DIR not found");

/** Expected distinct (series, ts) pairs: every recorded file of the feed through its parser. */
async function expectedRows(feed: FeedId, rel: string): Promise<Set<string>> {
  const path = `${dir}/${rel}`;
  const files = (await Deno.stat(path)).isDirectory
    ? [...Deno.readDirSync(path)].filter((e) => /\.(csv|zip|json)$/.test(e.name)).map((e) =>
      `${path}/${e.name}`
    )
    : [path];
  const keys = new Set<string>();
  for (const f of files) {
    for (const o of FEEDS[feed].parse(Deno.readFileSync(f), { fileName: f.split("/").pop() })) {
      keys.add(`${o.series}|${o.ts.getTime()}`);
    }
  }
  return keys;
}

/** How many of the expected (series, ts) pairs are stored. */
async function stored(sql: Sql, pairs: Set<string>): Promise<number> {
  const split = [...pairs].map((p) => p.split("|"));
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n
    from unnest(${split.map((p) => p[0])}::text[], ${
    split.map((p) => Number(p[1]) / 1000)
  }::float8[])
      as e(key, t)
    join series s on s.key = e.key
    join observations o on o.series_id = s.id and o.ts = to_timestamp(e.t)`;
  return n;
}

async function checksum(sql: Sql): Promise<string> {
  const [{ h }] = await sql<{ h: string }[]>`
    select md5(coalesce(string_agg(series_id || ':' || ts || ':' || value || ':' || ingested_at, ','
      order by series_id, ts), '')) as h from observations`;
  return h;
}

Deno.test({
  name:
    "every recorded feed ingests through the mirror with expected rows, and a re-run rewrites none",
  ignore: dir === null,
  fn: () =>
    withDatabase((db) =>
      withMirror(dir!, async (base) => {
        for (const [feed, rel] of RECORDED) {
          const run = await runFeed(ingestDeps(db, base), feed);
          assert.equal(
            run.status,
            "success",
            `${feed}: ${run.error ?? JSON.stringify(run.documents)}`,
          );
          assert.ok(run.documents.length >= 1, `${feed} found no documents`);
          const expected = await expectedRows(feed, rel);
          assert.equal(await stored(db.db.sql, expected), expected.size, feed);
          assert.equal(run.rows, expected.size, `${feed} rows reported`);
        }
        // Winter Storm Uri: system load peaked at 69,222.23 MW in HE20 on 2021-02-14 (CST).
        const [peak] = await db.db
          .sql`select o.value from observations o join series s on s.id = o.series_id
          where s.key = 'load.actual' and o.ts = '2021-02-15T01:00:00Z'`;
        assert.equal(peak.value, 69222.23);
        const before = await checksum(db.db.sql);
        for (const [feed] of RECORDED) {
          const again = await runFeed(ingestDeps(db, base), feed);
          assert.deepEqual(
            [again.status, again.rows, again.documents.length],
            ["success", 0, 0],
            feed,
          );
        }
        // Forget what was fetched: every document is downloaded and upserted again, changing nothing.
        await db.db.sql`delete from ingest_documents`;
        for (const [feed] of RECORDED) {
          const forced = await runFeed(ingestDeps(db, base), feed);
          assert.equal(forced.status, "success", feed);
          assert.equal(forced.rows, 0, `${feed} rewrote rows`);
        }
        assert.equal(await checksum(db.db.sql), before);
        const [{ n }] = await db.db.sql`select count(*)::int as n from observation_revisions`;
        assert.equal(n, 0);
      })
    ),
});

Deno.test({
  name: "a bad document is rejected with file, row and field while the rest of the run proceeds",
  ignore: dir === null,
  fn: async () => {
    const root = await Deno.makeTempDir();
    try {
      await Deno.mkdir(`${root}/mis-np4-188-cd`);
      const good =
        "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n12/02/2025,01:00,REGUP,4.5,N\n";
      const bad =
        "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n12/03/2025,01:00,REGUP,4.5,N\n12/03/2025,02:00,REGUP,abc,N\n";
      await Deno.writeTextFile(`${root}/mis-np4-188-cd/NP4-188-CD_20251202.csv`, good);
      await Deno.writeTextFile(`${root}/mis-np4-188-cd/NP4-188-CD_20251203.csv`, bad);
      await withDatabase((db) =>
        withMirror(root, async (base) => {
          const run = await runFeed(ingestDeps(db, base), "np4_188");
          assert.equal(run.status, "partial");
          const failed = run.documents.find((d) => d.status === "failed");
          assert.match(failed?.error ?? "", /row 3: MCPC "abc" is not a number/);
          const [{ n }] = await db.db.sql`select count(*)::int as n from observations`;
          assert.equal(n, 1, "only the good document's row is stored");
          const [ledger] = await db.db
            .sql`select status, error from ingest_runs where id = ${run.runId}`;
          assert.equal(ledger.status, "partial");
          assert.match(ledger.error, /MCPC "abc"/);
        })
      );
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test({
  name: "an unreachable ERCOT marks the run failed with the cause",
  fn: () =>
    withDatabase(async (db) => {
      const run = await runFeed(
        {
          ...ingestDeps(db, "http://127.0.0.1:1"),
          http: createHttpClient({ retries: 0, timeoutMs: 2000 }),
        },
        "fuel_mix",
      );
      assert.equal(run.status, "failed");
      assert.match(run.error ?? "", /127\.0\.0\.1:1/);
      const [r] = await db.db.sql`select status, error, finished_at from ingest_runs`;
      assert.equal(r.status, "failed");
      assert.ok(r.finished_at instanceof Date);
    }),
});
