/**
 * One overview tile: the newest value of a series, its "as of" time, a
 * 24-hour sparkline, and whether it is live, stale or from a failed feed.
 * Values pushed over the live feed replace the loaded one when newer.
 *
 * @module
 */
import { freshness } from "../lib/data.ts";
import { asOfText, formatValue } from "../lib/format.ts";
import { latestWindow, type TileDef, tileSeries, within } from "../lib/overview.ts";
import type { Overview } from "../lib/use_overview.ts";
import { FreshnessBadge } from "./notice.tsx";
import { Sparkline } from "./sparkline.tsx";
import { gridLevel } from "./grid_banner.tsx";
import { marketName } from "../lib/markets.ts";

/** The tile for `def`. */
export function Tile({ def, overview }: { def: TileDef; overview: Overview }) {
  const series = overview.catalog && tileSeries(def, overview.catalog);
  const key = series?.key;
  const read = series && overview.data?.get(series.key);
  const col = read && within(read, latestWindow([series]));
  const n = col?.t.length ?? 0;
  let value = n ? col!.v[n - 1] : null;
  // A bucketed read stamps the bucket's start; the newest observation's own instant is the catalog's.
  let asOf = !n
    ? null
    : col!.resolution === "raw"
    ? new Date(col!.t[n - 1] * 1000).toISOString()
    : series!.last;
  const pushed = key ? overview.live.get(key) : undefined;
  if (pushed && (!asOf || Date.parse(pushed.ts) >= Date.parse(asOf))) {
    value = pushed.value;
    asOf = pushed.ts;
  }
  const fresh = freshness(series, asOf, series && overview.feeds.get(series.feed), overview.now);
  const level = def.grid ? ` grid-${gridLevel(overview.grid)}` : "";
  const id = `tile-${def.id}`;
  // A hub price says which market it is: settlement point price, or SCED LMP when only that has data.
  const market = key ? marketName(key) : undefined;
  const title = market ? def.label.replace(/ price$/, ` ${market}`) : def.label;
  return (
    <article class={`tile tile-${fresh.kind}${level}`} aria-labelledby={id} data-tile={def.id}>
      <h3 id={id}>{title}</h3>
      <p class="tile-value" aria-live="polite">
        {overview.loading && !col ? "…" : formatValue(value, series?.unit)}
      </p>
      {col ? <Sparkline t={col.t} v={col.v} /> : null}
      <p class="tile-asof">
        <FreshnessBadge freshness={fresh} /> {asOfText(asOf, overview.now)}
      </p>
      {overview.dataError ? <p class="error">{overview.dataError}</p> : null}
    </article>
  );
}
