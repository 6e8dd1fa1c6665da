/**
 * The series catalog's process cache (db/series.ts): `getSeries` with `maxAgeMs` reuses rows this
 * process read, and `ensureSeries` empties it only when it adds or changes a series, so the API's
 * reads keep their one-round-trip path while documents of known series are ingested.
 */
import assert from "node:assert/strict";
import { ensureSeries, getSeries, type SeriesDef } from "../../db/series.ts";
import { withDatabase } from "../_db.ts";

const def = (key: string, name: string): SeriesDef => ({
  key,
  name,
  unit: "$/MWh",
  intervalSeconds: 900,
  feed: "np6_905",
});

Deno.test("the series cache outlives a document of known series and not a changed one", () =>
  withDatabase(async (db) => {
    const sql = db.db.sql;
    const north = def("spp.rt.cache_north", "North");
    const west = def("spp.rt.cache_west", "West");
    await ensureSeries(sql, [north, west]);
    const name = async () => (await getSeries(sql, [north.key], { maxAgeMs: 60_000 }))[0].name;
    assert.equal(await name(), "North");
    // Renamed behind the process's back: a cached read still answers the old name.
    await sql`update series set name = 'North (renamed)' where key = ${north.key}`;
    assert.equal(await name(), "North", "a read within maxAgeMs is served from the cache");
    // A document of a series already stored as defined changes nothing, so the cache stands.
    await ensureSeries(sql, [west]);
    assert.equal(await name(), "North", "ensureSeries of unchanged series keeps the cache");
    // A new series empties it: every row is read again.
    await ensureSeries(sql, [def("spp.rt.cache_east", "East")]);
    assert.equal(await name(), "North (renamed)", "a new series makes every row be read again");
    // So does a changed one: North's definition puts its name back.
    await ensureSeries(sql, [north]);
    assert.equal(await name(), "North", "a changed series makes every row be read again");
  }));
