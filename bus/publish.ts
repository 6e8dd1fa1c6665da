/**
 * What ingestion publishes after each committed document: per-observation
 * `observation` events (only the newest point of each series, so the live
 * feed stays useful when a document carries a day of history) and one
 * `ingest` event naming every series touched, which also invalidates cached
 * API answers on every replica.
 *
 * @module
 */
import type { BusEvent, EventBus, NewEvent } from "./events.ts";
import type { GridStatus } from "../db/grid_status.ts";

/** One written observation, by series key. */
export interface WrittenObservation {
  series: string;
  /** Interval start, UTC. */
  ts: Date;
  value: number;
}

/** Arguments of {@link publishWrite}. */
export interface PublishWriteOptions {
  /** Feed id, e.g. `np6_905`. */
  feed: string;
  /** Rows the document wrote (after the transaction committed). */
  rows: WrittenObservation[];
  /** When they were written. */
  ingestedAt: Date;
  /** Run status for the `ingest` event (`success`). */
  status?: string;
  /** At most this many `observation` events per document (1,000); newest series points first. */
  maxObservationEvents?: number;
}

/** Payload of an `observation` event. */
export interface ObservationPayload {
  [member: string]: unknown;
  series: string;
  /** Interval start, ISO UTC. */
  ts: string;
  value: number;
  /** ISO UTC. */
  ingested_at: string;
  /** Seconds from the interval start to ingestion. */
  lag_seconds: number;
}

/**
 * Publishes one document's write: the newest observation of each series,
 * then an `ingest` event `{ feed, status, rows, series, start, end }`, in
 * one transaction and one notification.
 *
 * @example
 * await publishWrite(bus, { feed: "np6_905", rows, ingestedAt: new Date() });
 */
export async function publishWrite(bus: EventBus, opts: PublishWriteOptions): Promise<BusEvent[]> {
  const newest = newestPerSeries(opts.rows);
  const cap = opts.maxObservationEvents ?? 1000;
  const chosen = [...newest.values()]
    .sort((a, b) => b.ts.getTime() - a.ts.getTime() || a.series.localeCompare(b.series))
    .slice(0, cap)
    .sort((a, b) => a.ts.getTime() - b.ts.getTime() || a.series.localeCompare(b.series));
  const events: NewEvent[] = chosen.map((r) => ({
    type: "observation",
    payload: observationPayload(r, opts.ingestedAt),
  }));
  let start = Infinity, end = -Infinity;
  for (const r of opts.rows) {
    start = Math.min(start, r.ts.getTime());
    end = Math.max(end, r.ts.getTime());
  }
  events.push({
    type: "ingest",
    payload: {
      feed: opts.feed,
      status: opts.status ?? "success",
      rows: opts.rows.length,
      series: [...newest.keys()].sort(),
      start: opts.rows.length ? new Date(start).toISOString() : null,
      end: opts.rows.length ? new Date(end).toISOString() : null,
      ingested_at: opts.ingestedAt.toISOString(),
    },
  });
  return await bus.publishMany(events);
}

/** The `observation` payload for one row. */
export function observationPayload(r: WrittenObservation, ingestedAt: Date): ObservationPayload {
  return {
    series: r.series,
    ts: r.ts.toISOString(),
    value: r.value,
    ingested_at: ingestedAt.toISOString(),
    lag_seconds: Math.round((ingestedAt.getTime() - r.ts.getTime()) / 1000),
  };
}

function newestPerSeries(rows: WrittenObservation[]): Map<string, WrittenObservation> {
  const newest = new Map<string, WrittenObservation>();
  for (const r of rows) {
    const seen = newest.get(r.series);
    if (!seen || r.ts.getTime() >= seen.ts.getTime()) newest.set(r.series, r);
  }
  return newest;
}

/** Publishes a stored grid condition that was new or changed (see `recordGridStatus`). */
export async function publishGridStatus(bus: EventBus, status: GridStatus): Promise<void> {
  await bus.publish("grid_status", {
    state: status.state,
    title: status.title,
    note: status.note,
    eea_level: status.eeaLevel,
    prc: status.prc,
    as_of: status.at.toISOString(),
  });
}
