/**
 * Reading observations for charts and the API within a point budget.
 *
 * For each series the query picks a level (raw, 5m, 15m, 1h, 1d) and reads it
 * from the coarsest stored table that can produce it: raw and 5m from
 * `observations`, 15m/1h/1d from the rollups. `auto` takes the finest level
 * whose bucket count fits `maxPoints`. When even the chosen level has more
 * points than the budget, buckets of the level are grouped into wider windows
 * and each window keeps its minimum and its maximum at their own instants
 * (M4-style), so spikes survive and no series ever exceeds `maxPoints`.
 *
 * This is the one reader of observations: {@link readStatement} writes a series' read once,
 * as a {@link Statement} that the API runs as a postgres.js fragment, the plain-English chart
 * compiler renders as `$n` text for its preview, and whose levels, tables and aggregates the
 * Grafana panel SQL shares.
 *
 * @module
 */
import type { Sql } from "./client.ts";
import { getSeries, type SeriesRow } from "./series.ts";
import { ValidationError } from "../domain/errors.ts";
import { bind, fixed, type Fragment, type Statement, statement, toFragment } from "./statement.ts";
import {
  type Agg,
  aggregateSql,
  BUCKET_SECONDS,
  type Level,
  type Plan,
  type Resolution,
} from "./levels.ts";
import { conditionStates, derivedLevelStatement } from "./derived.ts";
import { derivedSeries } from "../domain/derived.ts";

export { type Agg, aggregateSql, BUCKET_SECONDS, type Level, type Plan, type Resolution };

/** Every resolution, for validation. */
export const RESOLUTIONS: readonly Resolution[] = ["auto", "raw", "5m", "15m", "1h", "1d"];
/** Every aggregation, for validation. */
export const AGGS: readonly Agg[] = ["avg", "min", "max", "sum", "last"];

/** Arguments of {@link queryObservations}. */
export interface QueryOptions {
  /** Series keys. */
  keys: string[];
  /** Window start (inclusive). */
  start: Date;
  /** Window end (exclusive). */
  end: Date;
  /** Resolution (auto). */
  resolution?: Resolution;
  /** Aggregation (avg). */
  agg?: Agg;
  /** At most this many points per series (1000); at least 2. */
  maxPoints?: number;
  /** Reuse series catalog rows read at most this long ago (0: always read them). */
  catalogMaxAgeMs?: number;
}

/** One series' answer, columnar. */
export interface SeriesData {
  key: string;
  name: string;
  unit: string;
  intervalSeconds: number;
  /** Level read. */
  resolution: Level;
  agg: Agg;
  /** Table read. */
  source: string;
  /** True when min/max windows were kept instead of every bucket. */
  downsampled: boolean;
  /** Instants, epoch milliseconds, ascending. */
  t: number[];
  /** Values, same length as `t`. */
  v: number[];
  /** `grid.condition` only: ERCOT's state word in effect at each point (db/derived.ts). */
  state?: string[];
}

/**
 * Reads every series in `keys` over `[start, end)`. A derived key (domain/derived.ts) is computed
 * from its inputs and answers an empty series while they hold no data.
 *
 * @example
 * const [west] = await queryObservations(sql, {
 *   keys: ["spp.rt.hb_west"], start, end, resolution: "auto", maxPoints: 1000,
 * });
 */
export async function queryObservations(sql: Sql, opts: QueryOptions): Promise<SeriesData[]> {
  const resolution = opts.resolution ?? "auto";
  const agg = opts.agg ?? "avg";
  const maxPoints = opts.maxPoints ?? 1000;
  validate(opts, resolution, agg, maxPoints);
  const stored = opts.keys.filter((k) => !derivedSeries(k));
  const rows = stored.length
    ? await getSeries(sql, stored, { maxAgeMs: opts.catalogMaxAgeMs })
    : [];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const o = { ...opts, resolution, agg, maxPoints };
  return await Promise.all(opts.keys.map((key) => {
    const d = derivedSeries(key);
    if (!d) return querySeries(sql, byKey.get(key)!, { id: byKey.get(key)!.id }, o);
    const meta = { key, name: d.name, unit: d.unit, intervalSeconds: d.interval };
    return querySeries(sql, meta, { key }, o).then(async (data) =>
      d.derivation.kind === "condition"
        ? { ...data, state: await conditionStates(sql, data.t, data.resolution) }
        : data
    );
  }));
}

function validate(opts: QueryOptions, resolution: string, agg: string, maxPoints: number): void {
  if (opts.keys.length === 0) throw new ValidationError("No series given", { parameter: "series" });
  if (!(RESOLUTIONS as readonly string[]).includes(resolution)) {
    throw new ValidationError(
      `Resolution "${resolution}" is not one of ${RESOLUTIONS.join(", ")}`,
      { parameter: "resolution" },
    );
  }
  if (!(AGGS as readonly string[]).includes(agg)) {
    throw new ValidationError(`Aggregation "${agg}" is not one of ${AGGS.join(", ")}`, {
      parameter: "agg",
    });
  }
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new ValidationError(`max_points ${maxPoints} must be an integer of at least 2`, {
      parameter: "max_points",
    });
  }
  if (!(opts.start.getTime() < opts.end.getTime())) {
    throw new ValidationError(
      `start ${opts.start.toISOString()} must be before end ${opts.end.toISOString()}`,
      { parameter: "start" },
    );
  }
}

/** Chooses the level for a series (exported for tests). */
export function planLevel(
  intervalSeconds: number,
  start: Date,
  end: Date,
  resolution: Resolution,
  maxPoints: number,
): Plan {
  const make = (level: Level): Plan => {
    const width = level === "raw" ? intervalSeconds : BUCKET_SECONDS[level];
    // Finer than the native interval reads the raw rows.
    if (level !== "raw" && width <= intervalSeconds) return make("raw");
    const unit = Math.min(width, 3600) * 1000;
    const alignedStart = Math.floor(start.getTime() / unit) * unit;
    const span = (end.getTime() - alignedStart) / 1000;
    const estimate = Math.ceil(span / width) + (level === "1d" ? 1 : 0);
    return { level, width, alignedStart, estimate };
  };
  if (resolution !== "auto") return make(resolution);
  for (const level of ["raw", "5m", "15m", "1h", "1d"] as const) {
    const plan = make(level);
    if (plan.estimate <= maxPoints) return plan;
  }
  return make("1d");
}

async function querySeries(
  sql: Sql,
  s: Pick<SeriesRow, "key" | "name" | "unit" | "intervalSeconds">,
  ref: SeriesRef,
  o: QueryOptions & { resolution: Resolution; agg: Agg; maxPoints: number },
): Promise<SeriesData> {
  const plan = planLevel(s.intervalSeconds, o.start, o.end, o.resolution, o.maxPoints);
  const read = readStatement(ref, plan, o);
  const { t, v } = await readPairs(sql, toFragment(sql, read.points));
  return {
    key: s.key,
    name: s.name,
    unit: s.unit,
    intervalSeconds: s.intervalSeconds,
    resolution: plan.level,
    agg: o.agg,
    source: read.source,
    downsampled: read.downsampled,
    t,
    v,
  };
}

/** Which series a statement reads: by id, or by key through the catalog table. */
export type SeriesRef = { id: number } | { key: string };

/** Table a level is read from. */
export type Source =
  | "observations"
  | "observations_15m"
  | "observations_1h"
  | "observations_1d"
  /** A derived series, computed on read from its inputs (db/derived.ts). */
  | "derived";

/** The table each level reads: raw and 5m from `observations`, coarser from its rollup. */
export const SOURCE: Record<Level, Exclude<Source, "derived">> = {
  raw: "observations",
  "5m": "observations",
  "15m": "observations_15m",
  "1h": "observations_1h",
  "1d": "observations_1d",
};

/** What {@link readStatement} answers. */
export interface ReadStatement {
  /** `(t, v)` rows, `t` in epoch milliseconds; unordered. */
  points: Statement;
  source: Source;
  /** True when min/max windows are kept instead of every bucket. */
  downsampled: boolean;
}

/**
 * The statement reading one series at a planned level over `[start, end)`: every bucket of the
 * level, or (when the level holds more than `maxPoints`) M4 min/max windows of them. A derived
 * key (domain/derived.ts) is computed from its inputs by db/derived.ts, M4 applying on top. The API
 * runs it as a fragment; the plain-English chart compiler renders it as `$n` text.
 *
 * @example
 * const { points } = readStatement({ key: "spp.rt.hb_west" }, plan, { agg, start, end, maxPoints });
 */
export function readStatement(
  series: SeriesRef,
  plan: Plan,
  o: { agg: Agg; start: Date; end: Date; maxPoints: number },
): ReadStatement {
  const derived = "key" in series ? derivedSeries(series.key) : undefined;
  const level = derived
    ? derivedLevelStatement(derived, plan, o.agg, o.start, o.end)
    : levelStatement(series, plan, o.agg, o.start, o.end);
  const downsampled = plan.estimate > o.maxPoints;
  return {
    points: downsampled ? m4Statement(level, plan, o.maxPoints) : level,
    source: derived ? "derived" : SOURCE[plan.level],
    downsampled,
  };
}

/** Every bucket of the level as `(t, v)` rows. */
function levelStatement(
  series: SeriesRef,
  plan: Plan,
  agg: Agg,
  start: Date,
  end: Date,
): Statement {
  const id = "id" in series
    ? statement`${bind(series.id, "int8")}`
    : statement`(select id from series where key = ${bind(series.key, "text")})`;
  const to = bind(end, "timestamptz");
  if (plan.level === "raw" || plan.level === "5m") {
    const from = bind(start, "timestamptz");
    const rows =
      statement`from observations where series_id = ${id} and ts >= ${from} and ts < ${to}`;
    if (plan.level === "raw") {
      return statement`select date_part('epoch', ts) * 1000 as t, value as v
      ${rows}`;
    }
    return statement`select date_part('epoch', b) * 1000 as t, ${
      fixed(aggregateSql(agg, "value", "ts"))
    } as v from (
        select date_bin('5 minutes', ts, timestamptz '2000-01-01') as b, ts, value
        ${rows}) x
      group by b`;
  }
  // A rollup reads from the aligned bucket start, not the window start.
  const from = bind(new Date(plan.alignedStart), "timestamptz");
  const table = fixed(SOURCE[plan.level]);
  return statement`select date_part('epoch', bucket) * 1000 as t, ${fixed(`"${agg}"`)} as v
    from ${table} where series_id = ${id} and bucket >= ${from} and bucket < ${to}`;
}

/**
 * Groups the level's buckets into windows; each keeps its minimum and its maximum at their own
 * instants (one point when they coincide), so spikes survive. The series' newest point is kept
 * too (budget allowing), so a downsampled line still ends at the latest value.
 */
function m4Statement(level: Statement, plan: Plan, maxPoints: number): Statement {
  const keepNewest = maxPoints >= 3;
  const windows = Math.floor((maxPoints - (keepNewest ? 1 : 0)) / 2);
  const widthMs = plan.width * 1000 * Math.ceil(plan.estimate / windows);
  const origin = bind(plan.alignedStart, "float8");
  const width = bind(widthMs, "float8");
  const extremes = statement`select distinct p.t, p.v from (
      select (array_agg(t order by v, t))[1] as tmin, min(v) as vmin,
             (array_agg(t order by v desc, t))[1] as tmax, max(v) as vmax
      from (select t, v, floor((t - ${origin}) / ${width}) as k from (${level}) lv) b
      group by k) w
    cross join lateral (values (w.tmin, w.vmin), (w.tmax, w.vmax)) p(t, v)`;
  if (!keepNewest) return extremes;
  return statement`${extremes}
    union (select t, v from (${level}) newest order by t desc limit 1)`;
}

/**
 * Reads a level's rows as one comma-separated text of `t,v` pairs: one row
 * to parse instead of one per point, which halves the CPU a query costs the
 * two processes together. The text is checked and put in time order here.
 */
async function readPairs(sql: Sql, points: Fragment): Promise<{ t: number[]; v: number[] }> {
  const [row] = await sql<{ tv: string | null }[]>`
    select string_agg(t::text || ',' || v::text, ',') as tv
    from (select t, v from (${points}) p order by t) ordered`;
  return inTimeOrder(parsePairs(row?.tv ?? null));
}

/** Splits `t,v,t,v,…` text into two columns of numbers. */
function parsePairs(text: string | null): [number[], number[]] {
  const cols: [number[], number[]] = [[], []];
  if (!text) return cols;
  const parts = text.split(",");
  if (parts.length % 2 !== 0) {
    throw new Error(`Observation text has ${parts.length} fields, not a multiple of 2`);
  }
  for (let i = 0; i < parts.length; i += 2) {
    cols[0].push(Number(parts[i]));
    cols[1].push(Number(parts[i + 1]));
  }
  return cols;
}

/**
 * The aggregate reads an ordered subquery, which PostgreSQL keeps in order in
 * practice but does not promise; one pass checks, and a sort repairs.
 */
function inTimeOrder([t, v]: number[][]): { t: number[]; v: number[] } {
  for (let i = 1; i < t.length; i++) {
    if (!(t[i - 1] < t[i])) {
      const order = t.map((_, j) => j).sort((a, b) => t[a] - t[b]);
      return { t: order.map((j) => t[j]), v: order.map((j) => v[j]) };
    }
  }
  return { t, v };
}
