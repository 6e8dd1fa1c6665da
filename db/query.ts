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
 * @module
 */
import type { Sql } from "./client.ts";
import type postgres from "postgres";
import { getSeries, type SeriesRow } from "./series.ts";
import { ValidationError } from "../domain/errors.ts";

/** Requested resolution. */
export type Resolution = "auto" | "raw" | "5m" | "15m" | "1h" | "1d";
/** A level actually read. */
export type Level = Exclude<Resolution, "auto">;
/** Aggregation within a bucket. */
export type Agg = "avg" | "min" | "max" | "sum" | "last";

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
}

const WIDTH: Record<Exclude<Level, "raw">, number> = {
  "5m": 300,
  "15m": 900,
  "1h": 3600,
  "1d": 86400,
};
const ROLLUP: Record<"15m" | "1h" | "1d", string> = {
  "15m": "observations_15m",
  "1h": "observations_1h",
  "1d": "observations_1d",
};

/**
 * Reads every series in `keys` over `[start, end)`.
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
  const series = await getSeries(sql, opts.keys, { maxAgeMs: opts.catalogMaxAgeMs });
  return await Promise.all(
    series.map((s) => querySeries(sql, s, { ...opts, resolution, agg, maxPoints })),
  );
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

/** The level plan for one series: what to read and how many points it may give. */
export interface Plan {
  level: Level;
  /** Bucket width in seconds (native interval for raw). */
  width: number;
  /** Aligned window start, epoch ms. */
  alignedStart: number;
  /** Upper bound on points the level gives over the window. */
  estimate: number;
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
    const width = level === "raw" ? intervalSeconds : WIDTH[level];
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
  s: SeriesRow,
  o: QueryOptions & { resolution: Resolution; agg: Agg; maxPoints: number },
): Promise<SeriesData> {
  const plan = planLevel(s.intervalSeconds, o.start, o.end, o.resolution, o.maxPoints);
  const source = plan.level === "raw" || plan.level === "5m" ? "observations" : ROLLUP[plan.level];
  const level = levelQuery(sql, s.id, plan, o.agg, o.start, o.end);
  const downsampled = plan.estimate > o.maxPoints;
  const { t, v } = downsampled
    ? await m4(sql, level, plan, o.maxPoints)
    : await readPairs(sql, level);
  return {
    key: s.key,
    name: s.name,
    unit: s.unit,
    intervalSeconds: s.intervalSeconds,
    resolution: plan.level,
    agg: o.agg,
    source,
    downsampled,
    t,
    v,
  };
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

function levelQuery(
  sql: Sql,
  id: number,
  plan: Plan,
  agg: Agg,
  start: Date,
  end: Date,
): Fragment {
  if (plan.level === "raw") {
    return sql`select date_part('epoch', ts) * 1000 as t, value as v, ts as o
      from observations where series_id = ${id} and ts >= ${start} and ts < ${end}`;
  }
  if (plan.level === "5m") {
    const fn = {
      avg: sql`avg(value)`,
      min: sql`min(value)`,
      max: sql`max(value)`,
      sum: sql`sum(value)`,
      last: sql`(array_agg(value order by ts desc))[1]`,
    }[agg];
    return sql`select date_part('epoch', b) * 1000 as t, ${fn} as v, b as o from (
        select date_bin('5 minutes', ts, timestamptz '2000-01-01') as b, ts, value
        from observations where series_id = ${id} and ts >= ${start} and ts < ${end}) x
      group by b`;
  }
  const aligned = new Date(plan.alignedStart);
  return sql`select date_part('epoch', bucket) * 1000 as t, ${sql(agg)} as v, bucket as o
    from ${sql(ROLLUP[plan.level])}
    where series_id = ${id} and bucket >= ${aligned} and bucket < ${end}`;
}

/**
 * Reads a level's rows as one comma-separated text of `t,v` pairs: one row
 * to parse instead of one per point, which halves the CPU a query costs the
 * two processes together. The text is checked and put in time order here.
 */
async function readPairs(sql: Sql, level: Fragment): Promise<{ t: number[]; v: number[] }> {
  const [row] = await sql<{ tv: string | null }[]>`
    select string_agg(t::text || ',' || v::text, ',') as tv
    from (select t, v from (${level}) lv order by o) ordered`;
  return inTimeOrder(parsePairs(row?.tv ?? null, 2));
}

/** Splits `a,b,a,b,…` text into columns of numbers (`width` numbers per record). */
function parsePairs(text: string | null, width: 2 | 4): number[][] {
  const cols = Array.from({ length: width }, () => [] as number[]);
  if (!text) return cols;
  const parts = text.split(",");
  if (parts.length % width !== 0) {
    throw new Error(`Observation text has ${parts.length} fields, not a multiple of ${width}`);
  }
  for (let i = 0; i < parts.length; i += width) {
    for (let c = 0; c < width; c++) cols[c].push(Number(parts[i + c]));
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

async function m4(
  sql: Sql,
  level: Fragment,
  plan: Plan,
  maxPoints: number,
): Promise<{ t: number[]; v: number[] }> {
  const windows = Math.floor(maxPoints / 2);
  const widthMs = plan.width * 1000 * Math.ceil(plan.estimate / windows);
  const [row] = await sql<{ w: string | null }[]>`
    select string_agg(concat_ws(',', tmin, vmin, tmax, vmax), ',') as w from (
      select (array_agg(t order by v, t))[1] as tmin, min(v) as vmin,
             (array_agg(t order by v desc, t))[1] as tmax, max(v) as vmax
      from (select t, v, floor((t - ${plan.alignedStart}) / ${widthMs}) as k from (${level}) lv) b
      group by k order by k) windows`;
  const [tmin, vmin, tmax, vmax] = parsePairs(row?.w ?? null, 4);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < tmin.length; i++) {
    // Each window gives its minimum and maximum in the order they happened.
    const first = tmin[i] <= tmax[i] ? [tmin[i], vmin[i]] : [tmax[i], vmax[i]];
    const second = tmin[i] <= tmax[i] ? [tmax[i], vmax[i]] : [tmin[i], vmin[i]];
    t.push(first[0]);
    v.push(first[1]);
    if (tmin[i] !== tmax[i]) {
      t.push(second[0]);
      v.push(second[1]);
    }
  }
  return inTimeOrder([t, v]);
}
