/**
 * TimescaleDB continuous aggregates (`observations_15m` → `observations_1h`
 * → `observations_1d`), kept current by the writer rather than by a
 * background policy: a write records the spans it touched in
 * `rollup_refresh_pending` inside its own transaction, and after commit
 * {@link refreshPending} refreshes every owed span, finest level first, and
 * removes it. A refresh that fails leaves its span owed, so the next write or
 * run repairs it; nothing that was committed is left out of the rollups.
 *
 * Each level's window is whole buckets of that level around the span: 15
 * minutes and hours in UTC, days from Central (America/Chicago) midnight to
 * the next, 23, 24 or 25 hours long. No window is ever smaller than one
 * bucket, which TimescaleDB rejects.
 *
 * @module
 */
import { reserveConnection, type Sql } from "./client.ts";
import type { Span } from "./rollups.ts";

/** Spans closer than this are refreshed as one window. */
const JOIN_GAP_MS = 86_400_000;

/** The continuous aggregates, finest first: each is built on the one before. */
const VIEWS = ["observations_15m", "observations_1h", "observations_1d"] as const;

/** What {@link refreshPending} did. */
export interface RefreshOutcome {
  /** Windows refreshed. */
  refreshed: number;
  /** Why a window could not be refreshed; it stays owed. */
  error?: string;
}

/** Groups ranges into disjoint windows, joining ones less than a day apart, in time order. */
function joinClose<T extends { start: Date; end: Date }>(
  ranges: T[],
): { start: Date; end: Date; members: T[] }[] {
  const sorted = [...ranges].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: { start: Date; end: Date; members: T[] }[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start.getTime() - last.end.getTime() <= JOIN_GAP_MS) {
      if (r.end > last.end) last.end = r.end;
      last.members.push(r);
    } else out.push({ start: r.start, end: r.end, members: [r] });
  }
  return out;
}

/** Records inside the writing transaction `tx` that the rollups over `spans` are owed. */
export async function owePending(tx: Sql, spans: Span[]): Promise<void> {
  const windows = joinClose(spans);
  if (windows.length === 0) return;
  await tx`
    insert into rollup_refresh_pending (start_at, end_at)
    select to_timestamp(s), to_timestamp(e)
    from unnest(${windows.map((w) => w.start.getTime() / 1000)}::float8[],
                ${windows.map((w) => w.end.getTime() / 1000)}::float8[]) as w(s, e)`;
}

/**
 * Refreshes every owed span and removes it, stopping at the first failure,
 * which is recorded on the span and returned. Must run outside a transaction.
 *
 * @example
 * const { error } = await refreshPending(sql);
 */
export async function refreshPending(sql: Sql): Promise<RefreshOutcome> {
  const owed = await sql<{ id: string; start: Date; end: Date }[]>`
    select id, start_at as start, end_at as "end" from rollup_refresh_pending`;
  const groups = joinClose(owed).map((g) => ({ ...g, ids: g.members.map((m) => m.id) }));
  let refreshed = 0;
  for (const g of groups) {
    try {
      await refreshWindow(sql, g.start, g.end);
    } catch (err) {
      const error = String((err as Error).message ?? err).split("\n")[0];
      await sql`update rollup_refresh_pending set attempts = attempts + 1, last_error = ${error}
        where id = any(${g.ids}::bigint[])`;
      return {
        refreshed,
        error: `Rollup refresh of ${g.start.toISOString()}..${g.end.toISOString()} failed ` +
          `after commit (kept for the next run): ${error}`,
      };
    }
    await sql`delete from rollup_refresh_pending where id = any(${g.ids}::bigint[])`;
    refreshed++;
  }
  return { refreshed };
}

/** Refreshes the three levels over whole buckets around `start`..`end` (both included). */
async function refreshWindow(sql: Sql, start: Date, end: Date): Promise<void> {
  const [w] = await sql<{ [k: string]: Date }[]>`
    select date_bin('15 minutes', ${start}::timestamptz, timestamptz '2000-01-01') as s15,
           date_bin('15 minutes', ${end}::timestamptz, timestamptz '2000-01-01')
             + interval '15 minutes' as e15,
           date_bin('1 hour', ${start}::timestamptz, timestamptz '2000-01-01') as s1h,
           date_bin('1 hour', ${end}::timestamptz, timestamptz '2000-01-01')
             + interval '1 hour' as e1h,
           date_trunc('day', ${start}::timestamptz, 'America/Chicago') as s1d,
           ((date_trunc('day', ${end}::timestamptz, 'America/Chicago') at time zone 'America/Chicago')
             + interval '1 day') at time zone 'America/Chicago' as e1d`;
  const windows: [Date, Date][] = [[w.s15, w.e15], [w.s1h, w.e1h], [w.s1d, w.e1d]];
  const conn = await reserveConnection(sql);
  try {
    // Under the default work_mem a month's aggregation spills to disk (new chunks have no
    // statistics yet, so the planner expects a few hundred groups): a session of its own has room.
    await conn`set work_mem = '64MB'`;
    for (const [i, view] of VIEWS.entries()) {
      const [from, to] = windows[i];
      await conn`call refresh_continuous_aggregate(${view}::regclass, ${from}::timestamptz, ${to}::timestamptz)`;
    }
  } finally {
    await conn`reset work_mem`.catch(() => {});
    conn.release();
  }
}
