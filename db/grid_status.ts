/**
 * The grid condition ERCOT publishes in `daily-prc.json`: stored per
 * assessment in `grid_status`, the newest row being current.
 *
 * @module
 */
import type { Sql } from "./client.ts";

/** A grid condition as stored. */
export interface GridStatus {
  /** ERCOT's state word, e.g. `normal`. */
  state: string;
  /** Headline, e.g. `Normal Conditions`. */
  title: string;
  /** Explanatory note. */
  note: string;
  /** Energy emergency alert level, 0 when normal. */
  eeaLevel: number;
  /** Physical responsive capability, MW. */
  prc: number | null;
  /** When ERCOT assessed it. */
  at: Date;
}

/**
 * Stores a condition (idempotent per assessment instant); true when it is new
 * or changed, which the daily_prc ingest then publishes (`publishGridStatus`
 * in bus/publish.ts).
 *
 * @example
 * if (await recordGridStatus(sql, parseGridCondition(bytes))) await publishGridStatus(bus, status);
 */
export async function recordGridStatus(sql: Sql, status: GridStatus): Promise<boolean> {
  const rows = await sql`
    insert into grid_status as g (assessed_at, state, title, note, eea_level, prc)
    values (${status.at}, ${status.state}, ${status.title}, ${status.note},
            ${status.eeaLevel}, ${status.prc})
    on conflict (assessed_at) do update set
      state = excluded.state, title = excluded.title, note = excluded.note,
      eea_level = excluded.eea_level, prc = excluded.prc, recorded_at = now()
    where (g.state, g.title, g.note, g.eea_level, g.prc)
      is distinct from (excluded.state, excluded.title, excluded.note, excluded.eea_level, excluded.prc)
    returning 1`;
  const changed = rows.length > 0;
  return changed;
}

/** The newest stored condition with when it was recorded, or null before the first. */
export async function latestGridStatus(
  sql: Sql,
): Promise<(GridStatus & { recordedAt: Date }) | null> {
  const [row] = await sql<{
    state: string;
    title: string;
    note: string;
    eea_level: number;
    prc: number | null;
    assessed_at: Date;
    recorded_at: Date;
  }[]>`
    select state, title, note, eea_level, prc, assessed_at, recorded_at
    from grid_status order by assessed_at desc limit 1`;
  if (!row) return null;
  return {
    state: row.state,
    title: row.title,
    note: row.note,
    eeaLevel: row.eea_level,
    prc: row.prc,
    at: row.assessed_at,
    recordedAt: row.recorded_at,
  };
}
