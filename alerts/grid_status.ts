/**
 * The built-in `grid-condition` rule: ERCOT's grid condition from
 * `daily-prc.json` (state, EEA level, PRC), reduced to a level — `normal`,
 * `conservation`, `eea1`..`eea3`, or ERCOT's state word verbatim when it is
 * none of those. Every change of level is kept in `grid_alerts` and raises an
 * alert event for each subscriber (`firing`, or `resolved` on the return to
 * normal). The `grid_status` live event itself comes from `recordGridStatus()`.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../db/client.ts";
import { type GridStatus, latestGridStatus } from "../db/grid_status.ts";
import { type AlertEventRow, insertAlertEvents } from "./events_store.ts";
import type { StoredChannel } from "./schemas.ts";

/** Id of the built-in grid condition rule. */
export const GRID_BUILTIN = "grid-condition";

/** What the built-in rule is. */
export const GRID_BUILTIN_INFO = {
  id: GRID_BUILTIN,
  name: "ERCOT grid condition",
  description:
    "Fires when ERCOT reports conservation, an energy emergency (EEA 1-3) or any condition other than normal, again on every change of level, and resolves on the return to normal",
} as const;

/** A grid condition reduced to its level. */
export interface GridLevel {
  /** `normal`, `conservation`, `eea1`.. or ERCOT's state verbatim. */
  level: string;
  /** For people: `Normal`, `Conservation`, `EEA 2`, or the state. */
  label: string;
}

/** A change of level, as kept. */
export interface GridChange extends GridLevel {
  id: number;
  previousLevel: string | null;
  state: string;
  eeaLevel: number;
  prc: number | null;
  title: string;
  note: string;
  assessedAt: Date;
}

const LOCK_KEY = 724_500_240;

/**
 * The level of a condition: an EEA level above 0 wins, then `normal` and
 * conservation states; anything else is kept verbatim.
 *
 * @example gridLevel({ state: "normal", eeaLevel: 2 }) // { level: "eea2", label: "EEA 2" }
 */
export function gridLevel(s: Pick<GridStatus, "state" | "eeaLevel">): GridLevel {
  const state = s.state.trim();
  const stated = /^eea[\s_-]*(\d)$/i.exec(state);
  const eea = Math.max(s.eeaLevel, stated ? Number(stated[1]) : 0);
  if (eea > 0) return { level: `eea${eea}`, label: `EEA ${eea}` };
  if (state.toLowerCase() === "normal") return { level: "normal", label: "Normal" };
  if (/conserv/i.test(state)) return { level: "conservation", label: "Conservation" };
  return state ? { level: state, label: state } : { level: "unknown", label: "Unknown" };
}

/** A stored event raised for a subscriber, with where to send it. */
export interface GridDispatch {
  event: AlertEventRow;
  channels: StoredChannel[];
}

type ChangeRow = {
  id: string;
  level: string;
  previous_level: string | null;
  state: string;
  eea_level: number;
  prc: number | null;
  title: string;
  note: string;
  assessed_at: Date;
};

function toChange(r: ChangeRow): GridChange {
  const { label } = gridLevel({ state: r.state, eeaLevel: r.eea_level });
  return {
    id: Number(r.id),
    level: r.level,
    label,
    previousLevel: r.previous_level,
    state: r.state,
    eeaLevel: r.eea_level,
    prc: r.prc,
    title: r.title,
    note: r.note,
    assessedAt: r.assessed_at,
  };
}

/**
 * Compares the newest stored grid condition with the last kept level. On a
 * change (the first condition counts as a change from normal) it keeps the
 * change and stores an event for every subscriber, all in one transaction.
 * Returns the change and the events to dispatch, or null when nothing changed.
 */
export async function checkGridCondition(
  sql: Sql,
  now: Date,
): Promise<{ change: GridChange; dispatches: GridDispatch[] } | null> {
  const status = await latestGridStatus(sql);
  if (!status) return null;
  const current = gridLevel(status);
  return await sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    const [last] = await tx<{ level: string; assessed_at: Date }[]>`
      select level, assessed_at from grid_alerts order by assessed_at desc limit 1`;
    if ((last?.level ?? "normal") === current.level || (last && last.assessed_at >= status.at)) {
      return null;
    }
    const [row] = await tx<ChangeRow[]>`
      insert into grid_alerts (assessed_at, level, previous_level, state, eea_level, prc, title,
                               note, created_at)
      values (${status.at}, ${current.level}, ${last?.level ?? null}, ${status.state},
              ${status.eeaLevel}, ${status.prc}, ${status.title}, ${status.note}, ${now})
      returning *`;
    const change = toChange(row);
    return { change, dispatches: await raiseForSubscribers(tx, change, now) };
  });
}

async function raiseForSubscribers(
  tx: Sql,
  change: GridChange,
  now: Date,
): Promise<GridDispatch[]> {
  const subs = await tx<{ user_id: string; channels: StoredChannel[] }[]>`
    select user_id, channels from alert_subscriptions where builtin = ${GRID_BUILTIN}
    order by created_at, user_id`;
  const details = {
    level: change.level,
    label: change.label,
    previous_level: change.previousLevel,
    state: change.state,
    eea_level: change.eeaLevel,
    prc: change.prc,
    title: change.title,
    note: change.note,
  } as Record<string, postgres.JSONValue>;
  const events = await insertAlertEvents(
    tx,
    subs.map((s) => ({
      user_id: s.user_id,
      rule_id: null,
      builtin: GRID_BUILTIN,
      name: `${GRID_BUILTIN_INFO.name}: ${change.label}`,
      state: change.level === "normal" ? "resolved" : "firing",
      value: change.eeaLevel,
      instant: change.assessedAt,
      details,
    })),
    now,
  );
  return events.map((event, i) => ({ event, channels: subs[i].channels }));
}

/** The kept changes, newest first. */
export async function gridChanges(sql: Sql, limit = 50): Promise<GridChange[]> {
  const rows = await sql<ChangeRow[]>`
    select * from grid_alerts order by assessed_at desc limit ${limit}`;
  return rows.map(toChange);
}

/** A user's subscription to a built-in rule, or null. */
export async function findSubscription(
  sql: Sql,
  userId: string,
  builtin: string,
): Promise<{ channels: StoredChannel[]; created_at: Date; updated_at: Date } | null> {
  const [row] = await sql<{ channels: StoredChannel[]; created_at: Date; updated_at: Date }[]>`
    select channels, created_at, updated_at from alert_subscriptions
    where user_id = ${userId} and builtin = ${builtin}`;
  return row ?? null;
}

/** Subscribes a user to a built-in rule, or replaces the channels of their subscription. */
export async function subscribe(
  sql: Sql,
  userId: string,
  builtin: string,
  channels: StoredChannel[],
  now: Date,
): Promise<void> {
  await sql`
    insert into alert_subscriptions (user_id, builtin, channels, created_at, updated_at)
    values (${userId}, ${builtin}, ${sql.json(channels as postgres.JSONValue)}, ${now}, ${now})
    on conflict (user_id, builtin) do update set channels = excluded.channels,
      updated_at = excluded.updated_at`;
}

/** Ends a user's subscription; false when there was none. */
export async function unsubscribe(sql: Sql, userId: string, builtin: string): Promise<boolean> {
  const result = await sql`
    delete from alert_subscriptions where user_id = ${userId} and builtin = ${builtin}`;
  return result.count > 0;
}
