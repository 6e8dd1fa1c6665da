/**
 * Types shared by every feed: what a parser produces and how a feed is described.
 *
 * @module
 */

/** One observation of one series at the UTC start of the interval it covers. */
export interface Observation {
  /** Series key from the DESIGN catalog, e.g. `spp.rt.hb_west`. */
  series: string;
  /** Interval start, UTC. */
  ts: Date;
  /** The value in the series' unit. */
  value: number;
  /** When ERCOT published it, if the document says (forecasts). */
  publishedAt?: Date;
  /** The settlement point's ERCOT name (`ALVIN_RN`), for price series; names new catalog rows. */
  point?: string;
}
