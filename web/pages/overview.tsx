/**
 * `/`: the grid at a glance. Tiles for hub prices, demand, reserves, wind
 * and solar; charts of the latest 24 hours of data; the grid condition. All
 * of it follows the live feed, and every value says how old it is.
 *
 * @module
 */
import { Chart } from "../components/chart.tsx";
import { GridBanner } from "../components/grid_banner.tsx";
import { FeedHealth } from "../components/feed_health.tsx";
import { feedsHealth } from "../lib/feed_state.ts";
import { marketName } from "../lib/markets.ts";
import { ErrorNote, FreshnessBadge } from "../components/notice.tsx";
import { Tile } from "../components/tile.tsx";
import { freshness } from "../lib/data.ts";
import { formatInstant } from "../lib/format.ts";
import { liveStatus } from "../lib/live.ts";
import {
  type ChartDef,
  CHARTS,
  chartSeries,
  latestWindow,
  TILES,
  within,
} from "../lib/overview.ts";
import { useStore } from "../lib/store.ts";
import { type Overview, useOverview } from "../lib/use_overview.ts";

const LIVE_TEXT = {
  connecting: "Connecting to live feed",
  open: "Live feed on",
  down: "Live feed down, retrying",
};

/** The overview page. */
export default function OverviewPage() {
  const overview = useOverview();
  const status = useStore(liveStatus);
  // The connection being open says nothing of the data: failing or late feeds colour the dot.
  const health = feedsHealth([...overview.feeds.values()]);
  const level = status === "open" && health.level !== "ok" ? ` live-${health.level}` : "";
  const liveText = status === "open" && health.reason
    ? `${LIVE_TEXT[status]}, feeds ${health.reason}`
    : LIVE_TEXT[status];
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Overview</h1>
        <span class={`live-dot live-${status}${level}`} role="status">{liveText}</span>
      </div>
      <ErrorNote message={overview.error} />
      <GridBanner grid={overview.grid} now={overview.now} />
      <section class="tiles" aria-label="Current values">
        {TILES.map((def) => <Tile key={def.id} def={def} overview={overview} />)}
      </section>
      <section class="charts" aria-label="Latest 24 hours">
        {CHARTS.map((def) => <OverviewChart key={def.id} def={def} overview={overview} />)}
      </section>
      <FeedHealth feeds={[...overview.feeds.values()]} />
    </>
  );
}

function OverviewChart({ def, overview }: { def: ChartDef; overview: Overview }) {
  const series = overview.catalog ? chartSeries(def, overview.catalog) : [];
  const keys = series.map((s) => s.key);
  const window = series.length ? latestWindow(series, def.anchor) : null;
  const data = window
    ? series.flatMap((s) => {
      const read = overview.data?.get(s.key);
      return read ? [within(read, window)] : [];
    })
    : [];
  const newest = series.reduce((a, s) => (s.last! > (a?.last ?? "") ? s : a), series[0]);
  const fresh = freshness(
    newest,
    newest?.last ?? null,
    newest && overview.feeds.get(newest.feed),
    overview.now,
  );
  const title = chartTitle(def, series);
  return (
    <article class="card chart-card" data-chart={def.id} aria-labelledby={`chart-${def.id}`}>
      <header>
        <h2 id={`chart-${def.id}`}>{title}</h2>
        <FreshnessBadge freshness={fresh} />
      </header>
      <p class="muted">
        {window ? `24 hours to ${formatInstant(window.end)}` : "No data for this chart yet"}
      </p>
      <ErrorNote message={overview.dataError} />
      {data.length
        ? (
          <Chart
            data={data}
            kind={def.kind}
            stacked={def.stacked}
            window={window ? [Date.parse(window.start), Date.parse(window.end)] : undefined}
            label={`${title}: ${keys.join(", ")}`}
          />
        )
        : null}
    </article>
  );
}

/** A price chart's title names its market (settlement point prices or SCED LMPs). */
function chartTitle(def: ChartDef, series: { key: string }[]): string {
  const market = series[0] && marketName(series[0].key);
  if (def.id !== "prices" || !market) return def.title;
  return market === "LMP (SCED)" ? "Hub LMPs (SCED)" : "Hub settlement point prices";
}
