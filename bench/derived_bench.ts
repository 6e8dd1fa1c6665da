/**
 * Derived series benchmark (issue #19): a one-year `dart.hb_north` and a one-year `tb2.hb_west`
 * read through `queryObservations`, p50 against the raw one-year 15-minute read
 * (`spp.rt.hb_north`, resolution 15m) on the same database. Target: within 3× of the raw read.
 *
 * Run: `deno task bench derived` (DATABASE_URL names the server to create a scratch database on;
 * default postgres://postgres@127.0.0.1:5432/postgres).
 *
 * @module
 */
import { openScratchDatabase, type ScratchDatabase } from "../dev/scratch.ts";
import { ensureSeries } from "../db/series.ts";
import { type ObservationRow, writeObservations } from "../db/observations.ts";
import { queryObservations, type Resolution } from "../db/query.ts";
import { loadConfig } from "../config.ts";

const START = Date.parse("2025-01-01T06:00:00Z");
const HOURS = 365 * 24;
const RUNS = 30;

async function seedYear(db: ScratchDatabase): Promise<void> {
  const defs = [
    ["spp.rt.hb_north", 900],
    ["spp.da.hb_north", 3600],
    ["spp.da.hb_west", 3600],
  ] as const;
  const ids = await ensureSeries(
    db.db.sql,
    defs.map(([key, intervalSeconds]) => ({
      key,
      name: key,
      unit: "$/MWh",
      intervalSeconds,
      feed: "bench",
    })),
  );
  const rows: ObservationRow[] = [];
  for (let q = 0; q < HOURS * 4; q++) {
    const value = 25 + (q % 97) * 0.37 + 10 * Math.sin(q / 40);
    rows.push({ seriesId: ids.get("spp.rt.hb_north")!, ts: new Date(START + q * 900_000), value });
  }
  for (let h = 0; h < HOURS; h++) {
    const ts = new Date(START + h * 3_600_000);
    const shape = 20 * Math.sin(((h % 24) - 6) / 24 * 2 * Math.PI);
    rows.push({ seriesId: ids.get("spp.da.hb_north")!, ts, value: 30 + shape + (h % 13) });
    rows.push({ seriesId: ids.get("spp.da.hb_west")!, ts, value: 28 + 1.3 * shape + (h % 7) });
  }
  for (let i = 0; i < rows.length; i += 20_000) {
    await writeObservations(db.db.sql, rows.slice(i, i + 20_000), {
      variant: db.migration.variant,
    });
  }
}

async function p50(
  db: ScratchDatabase,
  key: string,
  resolution: Resolution,
): Promise<{ ms: number; points: number; level: string }> {
  const times: number[] = [];
  let points = 0;
  let level = "";
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const [s] = await queryObservations(db.db.sql, {
      keys: [key],
      start: new Date(START),
      end: new Date(START + HOURS * 3_600_000),
      resolution,
      maxPoints: 1000,
    });
    times.push(performance.now() - t0);
    points = s.t.length;
    level = `${s.resolution}${s.downsampled ? "+M4" : ""}`;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], points, level };
}

if (import.meta.main) {
  const base = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await openScratchDatabase({ baseUrl: base });
  try {
    await seedYear(db);
    await db.db.sql`analyze`;
    const raw = await p50(db, "spp.rt.hb_north", "15m");
    const cases: [string, string, Resolution][] = [
      ["dart.hb_north, 1h (native, M4)", "dart.hb_north", "1h"],
      ["dart.hb_north, auto", "dart.hb_north", "auto"],
      ["tb2.hb_west, auto (native 1d)", "tb2.hb_west", "auto"],
    ];
    console.log(
      `derived bench: one year (${HOURS * 4} RT quarter-hours, ${HOURS} DA hours per point), ` +
        `max_points 1000, ${RUNS} runs, p50; PostgreSQL ${base.replace(/\/\/[^@]*@/, "//")}`,
    );
    const line = (name: string, r: { ms: number; points: number; level: string }) =>
      `${name.padEnd(34)} ${r.ms.toFixed(2).padStart(8)} ms  ${
        String(r.points).padStart(4)
      } points (${r.level})`;
    console.log(line("spp.rt.hb_north, 15m (raw, M4)", raw));
    for (const [name, key, resolution] of cases) {
      const r = await p50(db, key, resolution);
      const ratio = r.ms / raw.ms;
      console.log(
        `${line(name, r)}  ${ratio.toFixed(2)} × raw (target ≤ 3: ${
          ratio <= 3 ? "met" : "NOT met"
        })`,
      );
    }
  } finally {
    await db.close();
  }
}
