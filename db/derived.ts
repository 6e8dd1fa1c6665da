/**
 * Derived series computed in SQL on read from stored observations (never stored twice): DART,
 * spreads, net load, capacity headroom, TB2/TB4 and the grid condition (domain/derived.ts).
 *
 * Each derivation is first a statement of its native rows `(ts, v)` over a window; a level
 * coarser than the native interval groups those rows into the level's buckets (5m, 15m, 1h, or
 * Central days for 1d, like the rollups) with the requested aggregate. Inputs are found by key
 * through the `series` table; every value is bound, names come from code. An instant where an
 * input is missing has no value: inputs are inner-joined on their instant, a DART hour needs its
 * day-ahead price and all four real-time quarter-hours, a TB day every one of its 23, 24 or 25
 * day-ahead hours.
 *
 * @module
 */
import { CONDITION_LEVELS, type Derivation, type DerivedSeries } from "../domain/derived.ts";
import type { Sql } from "./client.ts";
import { type Agg, aggregateSql, BUCKET_SECONDS, type Level, type Plan } from "./levels.ts";
import { bind, fixed, joinStatements, type Part, type Statement, statement } from "./statement.ts";

/** The longest Central day, seconds: a level's last bucket may reach this far past the end. */
const LONGEST_DAY = 25 * 3600;
const CENTRAL = "'America/Chicago'";

/** A window of instants `[lo, hi)` as SQL parts. */
interface Window {
  lo: Part;
  hi: Part;
}

function seriesId(key: string): Statement {
  return statement`(select id from series where key = ${bind(key, "text")})`;
}

function later(at: Date, seconds: number): Statement {
  return statement`(${bind(at, "timestamptz")} + ${fixed(`interval '${seconds} seconds'`)})`;
}

/** Inputs inner-joined on their instant, combined by `sign` (+1 or −1 each). */
function combined(keys: readonly string[], signs: readonly number[], w: Window): Statement {
  const [first, ...rest] = keys;
  const joins = rest.map((key, i) =>
    statement`join observations ${fixed(`i${i + 1}`)} on ${fixed(`i${i + 1}`)}.series_id = ${
      seriesId(key)
    } and ${fixed(`i${i + 1}`)}.ts = i0.ts`
  );
  const value = keys.map((_, i) => `${i === 0 ? "" : signs[i] < 0 ? " - " : " + "}i${i}.value`)
    .join("");
  return statement`select i0.ts, ${fixed(value)} as v from observations i0
    ${joinStatements(joins, "\n    ")}
    where i0.series_id = ${seriesId(first)} and i0.ts >= ${w.lo} and i0.ts < ${w.hi}`;
}

/**
 * Day-ahead price of each hour minus the mean of its four real-time quarter-hours, read from
 * the hourly rollup where the hour holds all four (count = 4).
 */
function dart(point: string, w: Window): Statement {
  return statement`select da.ts, da.value - rt.avg as v from observations da
    join observations_1h rt on rt.series_id = ${seriesId(`spp.rt.${point}`)}
      and rt.bucket = da.ts and rt.count = 4
    where da.series_id = ${seriesId(`spp.da.${point}`)} and da.ts >= ${w.lo} and da.ts < ${w.hi}`;
}

/**
 * Per Central day starting in the window, mean of the top `n` hourly day-ahead prices minus the
 * mean of the bottom `n`, for days with every one of their hours (23, 24 or 25).
 */
function topBottom(n: number, point: string, w: Window): Statement {
  const day = fixed(`date_trunc('day', ts, ${CENTRAL})`);
  const hours = fixed(
    `extract(epoch from (((day at time zone ${CENTRAL}) + interval '1 day') at time zone ${CENTRAL}) - day) / 3600`,
  );
  const top = bind(n, "int8");
  const bottom = bind(n, "int8");
  return statement`select day as ts,
      avg(value) filter (where top <= ${top}) - avg(value) filter (where bottom <= ${bottom}) as v
    from (select ${day} as day, value,
            row_number() over (partition by ${day} order by value desc) as top,
            row_number() over (partition by ${day} order by value) as bottom
          from observations
          where series_id = ${seriesId(`spp.da.${point}`)}
            and ts >= ${w.lo} and ts < (${w.hi} + ${fixed(`interval '${LONGEST_DAY} seconds'`)})) x
    where day >= ${w.lo} and day < ${w.hi}
    group by day
    having count(*) = ${hours}`;
}

/**
 * The grid condition as a level at each assessment: EEA 1–3 (from `eea_level` where set) are
 * 2–4, otherwise the state word's level (unknown words have none and are left out).
 */
function condition(w: Window): Statement {
  const words = Object.entries(CONDITION_LEVELS).map(([word, level]) =>
    statement`when cast(${bind(word, "text")} as text) then cast(${
      bind(level, "float8")
    } as float8)`
  );
  return statement`select ts, v from (
      select assessed_at as ts,
        case when eea_level between 1 and 3 then eea_level + 1.0
             else case lower(state) ${joinStatements(words, " ")} end end as v
      from grid_status where assessed_at >= ${w.lo} and assessed_at < ${w.hi}) g
    where v is not null`;
}

/** The native rows `(ts, v)` of a derivation with `ts` in `[lo, hi)` (a TB day: starting there). */
function nativeStatement(d: Derivation, w: Window): Statement {
  switch (d.kind) {
    case "dart":
      return dart(d.point, w);
    case "spread":
      return combined([`spp.rt.${d.a}`, `spp.rt.${d.b}`], [1, -1], w);
    case "tb":
      return topBottom(d.n, d.point, w);
    case "netload":
      return combined(["load.actual", "wind.actual", "solar.actual"], [1, -1, -1], w);
    case "headroom":
      return combined(["capacity.available", "demand.rt"], [1, -1], w);
    case "condition":
      return condition(w);
  }
}

/**
 * The bucket of an instant at a level coarser than raw, as the rollups bucket it. Hours use
 * `date_bin`, not `date_trunc`: TimescaleDB's sort transform of `date_trunc` over joined
 * hypertables fails to plan ("could not find pathkey item to sort").
 */
const BUCKET: Record<Exclude<Plan["level"], "raw">, string> = {
  "5m": "date_bin('5 minutes', ts, timestamptz '2000-01-01')",
  "15m": "date_bin('15 minutes', ts, timestamptz '2000-01-01')",
  "1h": "date_bin('1 hour', ts, timestamptz '2000-01-01')",
  "1d": `date_trunc('day', ts, ${CENTRAL})`,
};

/**
 * Every bucket of a derived series at the planned level over `[start, end)` as `(t, v)` rows,
 * `t` in epoch milliseconds, like the stored reader's level statement: the native rows at raw
 * level, otherwise the level's buckets from the aligned start (`start` itself for 5m) aggregated
 * with `agg`.
 *
 * @example
 * const level = derivedLevelStatement(derivedSeries("dart.hb_north")!, plan, "avg", start, end);
 */
export function derivedLevelStatement(
  d: DerivedSeries,
  plan: Plan,
  agg: Agg,
  start: Date,
  end: Date,
): Statement {
  if (plan.level === "raw") {
    const w = { lo: bind(start, "timestamptz"), hi: bind(end, "timestamptz") };
    return statement`select date_part('epoch', ts) * 1000 as t, v from (${
      nativeStatement(d.derivation, w)
    }) n`;
  }
  const from = plan.level === "5m" ? start : new Date(plan.alignedStart);
  // Rows of the last bucket starting before the end may lie past it.
  const reach = plan.level === "1d" ? LONGEST_DAY : plan.width;
  const w = { lo: bind(from, "timestamptz"), hi: later(end, reach) };
  return statement`select date_part('epoch', b) * 1000 as t, ${
    fixed(aggregateSql(agg, "v", "ts"))
  } as v from (
      select ${fixed(BUCKET[plan.level])} as b, ts, v from (${nativeStatement(d.derivation, w)}) n
    ) x
    where b >= ${bind(from, "timestamptz")} and b < ${bind(end, "timestamptz")}
    group by b`;
}

/**
 * ERCOT's state word in effect at each point of a `grid.condition` answer: that of the newest
 * assessment at or before the point (raw), or before the end of the point's bucket (coarser
 * levels); empty when none is stored.
 *
 * @example const state = await conditionStates(sql, data.t, data.resolution); // ["normal", …]
 */
export async function conditionStates(sql: Sql, t: number[], level: Level): Promise<string[]> {
  if (t.length === 0) return [];
  const at = "to_timestamp(u.t / 1000)";
  const end = level === "raw"
    ? `${at} + interval '1 microsecond'`
    : level === "1d"
    ? `((date_trunc('day', ${at}, ${CENTRAL}) at time zone ${CENTRAL}) + interval '1 day') at time zone ${CENTRAL}`
    : `${at} + interval '${BUCKET_SECONDS[level]} seconds'`;
  const rows = await sql<{ state: string | null }[]>`
    select g.state from unnest(${t}::float8[]) with ordinality as u(t, i)
    left join lateral (
      select state from grid_status where assessed_at < ${sql.unsafe(end)}
      order by assessed_at desc limit 1) g on true
    order by u.i`;
  return rows.map((r) => r.state ?? "");
}
