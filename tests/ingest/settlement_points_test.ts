import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { storeDocument } from "../../ingest/store.ts";
import { parseNp6905 } from "../../ingest/feeds/np6_905.ts";
import { parseNp6788 } from "../../ingest/feeds/np6_788.ts";
import { parseNp4190 } from "../../ingest/feeds/np4_190.ts";
import type { Sql } from "../../db/client.ts";
import { withDatabase } from "../_db.ts";
import { fixturesDir, handWritten, readRecording, recording } from "../_fixtures.ts";
import { ingestDeps, withMirror } from "../_ingest.ts";
import { runFeed } from "../../ingest/job.ts";

const HEADER =
  "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag";

/** An NP6-905 ZIP as ERCOT posts it: the hubs plus `nodes` resource nodes, for one interval. */
function np6905(nodes: string[], interval = 1): Uint8Array {
  const rows = [
    `06/01/2026,01,${interval},HB_NORTH,HU,21.50,N`,
    ...nodes.map((n, i) =>
      `06/01/2026,01,${interval},${n},RN,${(20 + (i % 300) / 10).toFixed(2)},N`
    ),
  ];
  const csv = new TextEncoder().encode([HEADER, ...rows].join("\r\n") + "\r\n");
  return zipSync({ "cdr.00012301.0000000000000000.20260601.001502.SPPHLZNP6905.csv": csv });
}

async function seriesNamed(sql: Sql, key: string) {
  const rows = await sql<{ name: string; n: number }[]>`
    select s.name, (select count(*)::int from observations o where o.series_id = s.id) as n
    from series s where s.key = ${key}`;
  return rows[0];
}

Deno.test("`all` stores a document of 3,000 new settlement points, each in the catalog with its ERCOT name", async () => {
  const nodes = Array.from({ length: 3000 }, (_, i) => `PLANT${i}_UNIT${i % 4}-${i % 3}`);
  const observations = parseNp6905(np6905(nodes), { settlementPoints: "all" });
  assert.equal(observations.length, 3001);
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const started = performance.now();
    const result = await storeDocument(
      { sql, variant: db.migration.variant },
      { feed: "np6_905", docId: "big", observations },
    );
    const ms = performance.now() - started;
    assert.deepEqual([result.status, result.inserted], ["success", 3001]);
    const [{ n }] = await sql`select count(*)::int as n from series where key like 'spp.rt.plant%'`;
    assert.equal(n, 3000);
    assert.deepEqual(await seriesNamed(sql, "spp.rt.plant2999_unit3_2"), {
      name: "PLANT2999_UNIT3-2 real-time price",
      n: 1,
    });
    assert.ok(ms < 20_000, `storing took ${Math.round(ms)} ms`);
  });
});

Deno.test("a settlement point missing from the next document keeps its series and history", async () => {
  await withDatabase(async (db) => {
    const deps = { sql: db.db.sql, variant: db.migration.variant };
    const opts = { settlementPoints: "all" } as const;
    const first = parseNp6905(np6905(["ALVIN_RN", "GONE_RN"], 1), opts);
    const second = parseNp6905(np6905(["ALVIN_RN"], 2), opts);
    await storeDocument(deps, { feed: "np6_905", docId: "one", observations: first });
    await storeDocument(deps, { feed: "np6_905", docId: "two", observations: second });
    assert.deepEqual(await seriesNamed(deps.sql, "spp.rt.gone_rn"), {
      name: "GONE_RN real-time price",
      n: 1,
    });
    assert.deepEqual(await seriesNamed(deps.sql, "spp.rt.alvin_rn"), {
      name: "ALVIN_RN real-time price",
      n: 2,
    });
  });
});

const NP6788 = recording(
  "mis-np6-788-cd/cdr.00012300.0000000000000000.20260625.004020.LMPSROSNODENP6788_20260625_004018.rows-subset.csv",
);

Deno.test({
  name:
    "`all` stores every settlement point of the NP6-788 recording and the NP6-905 and NP4-190 documents",
  ignore: NP6788 === null,
  async fn() {
    await withDatabase(async (db) => {
      const deps = { sql: db.db.sql, variant: db.migration.variant };
      const opts = { settlementPoints: "all" } as const;
      const docs = [
        ["np6_788", parseNp6788(readRecording(NP6788), opts)],
        ["np6_905", parseNp6905(handWritten("np6_905_fallback_2025-11-02.csv"), opts)],
        ["np4_190", parseNp4190(handWritten("np4_190_fallback_2025-11-02.csv"), opts)],
      ] as const;
      for (const [feed, observations] of docs) {
        const result = await storeDocument(deps, { feed, docId: feed, observations });
        assert.equal(result.inserted, observations.length);
      }
      assert.deepEqual(await seriesNamed(deps.sql, "lmp.rt.rab_g1_8"), {
        name: "RAB_G1-8 SCED LMP",
        n: 1,
      });
      assert.deepEqual(await seriesNamed(deps.sql, "lmp.rt.7rnchslr_all"), {
        name: "7RNCHSLR_ALL SCED LMP",
        n: 1,
      });
      assert.equal((await seriesNamed(deps.sql, "spp.rt.rab_g1_8")).n, 100);
      assert.equal((await seriesNamed(deps.sql, "spp.da.adl_rn")).name, "ADL_RN day-ahead price");
      assert.equal((await seriesNamed(deps.sql, "lmp.rt.hb_west")).name, "West hub SCED LMP");
    });
  },
});

Deno.test({
  name:
    "an ingest run keeps the settlement points of its deps: all of the NP6-788 recording, or hubs and zones",
  ignore: NP6788 === null,
  async fn() {
    const root = fixturesDir()!;
    for (const [settlementPoints, expected] of [["all", 37], [undefined, 19]] as const) {
      await withDatabase(async (db) => {
        await withMirror(root, async (base) => {
          const run = await runFeed({ ...ingestDeps(db, base), settlementPoints }, "np6_788");
          assert.equal(run.status, "success", run.error);
          const [{ n }] = await db.db.sql`select count(*)::int as n from series`;
          assert.equal(n, expected, `settlementPoints ${settlementPoints}`);
        });
      });
    }
  },
});
