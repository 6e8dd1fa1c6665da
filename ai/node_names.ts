/**
 * The resource-node price keys stored in the `series` table (rows written when ingestion keeps
 * every settlement point), for the rule parser to resolve node names against. Hubs, load zones
 * and DC ties are the static catalog's and are left out. Read at most once per `ttlMs` (60 s);
 * concurrent requests share one read.
 *
 * @module
 */
import type { Sql } from "../db/client.ts";
import { isKnownSeries } from "../domain/catalog.ts";

/** Returns the stored node price keys, e.g. `["spp.da.alvin_rn", "spp.rt.alvin_rn"]`. */
export type NodeKeys = () => Promise<readonly string[]>;

/** Most node keys handed to the parser (ERCOT publishes about 1,000 points in three markets). */
const MAX_KEYS = 10_000;

/**
 * A cached reader of stored node price keys.
 *
 * @example const nodeKeys = storedNodeKeys(sql); parseRequest(text, { now, storedKeys: await nodeKeys() });
 */
export function storedNodeKeys(
  sql: Sql,
  options: { ttlMs?: number; clock?: () => number } = {},
): NodeKeys {
  const ttlMs = options.ttlMs ?? 60_000;
  const clock = options.clock ?? Date.now;
  let cached: { at: number; keys: Promise<readonly string[]> } | undefined;
  const read = async (): Promise<readonly string[]> => {
    const rows = await sql<{ key: string }[]>`
      select key from series
      where key like 'spp.rt.%' or key like 'spp.da.%' or key like 'lmp.rt.%'
      order by key limit ${MAX_KEYS}`;
    return rows.map((r) => r.key).filter((k) => !isKnownSeries(k));
  };
  return () => {
    const now = clock();
    if (!cached || now - cached.at >= ttlMs) {
      const keys = read();
      cached = { at: now, keys };
      // A failed read is not kept: the next request tries again.
      keys.catch(() => {
        if (cached?.keys === keys) cached = undefined;
      });
    }
    return cached.keys;
  };
}
