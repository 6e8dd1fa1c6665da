/**
 * The overview's shared, live state: the catalog and per-feed status
 * (reloaded when ingestion reports), the grid condition (replaced by
 * `grid_status` events), the newest value per series from `observation`
 * events, a version per series that bumps when ingestion writes it, the
 * observations every tile and chart draws (one request for all of them, so a
 * load costs three API calls: catalog, grid condition, observations), and a
 * clock ticking every 15 s so "as of" ages and staleness stay true.
 *
 * @module
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import {
  type FeedStatus,
  fetchCatalog,
  fetchGridStatus,
  fetchObservations,
  fetchScrapers,
  type GridStatus,
  type SeriesColumns,
  type SeriesInfo,
} from "./data.ts";
import { overviewQuery } from "./overview.ts";
import { useAsync } from "./use_async.ts";
import { type LiveEvent, subscribeLive } from "./live.ts";
import { messageOf } from "./http.ts";

/** A value pushed by the live feed. */
export interface LivePoint {
  ts: string;
  value: number;
}

/** What {@link useOverview} returns. */
export interface Overview {
  catalog: Map<string, SeriesInfo> | undefined;
  feeds: Map<string, FeedStatus>;
  grid: GridStatus | undefined;
  live: Map<string, LivePoint>;
  /** Bumps per series key whenever ingestion writes that series. */
  versions: Map<string, number>;
  /** The observations of every series shown, by key, over the window covering all of them. */
  data: Map<string, SeriesColumns> | undefined;
  /** Whether those observations are being (re)loaded. */
  loading: boolean;
  /** Why they could not be loaded. */
  dataError: string | undefined;
  now: number;
  error: string | undefined;
}

const TICK_MS = 15_000;
/** Points per series for the one read: two weeks of 1-minute data stay raw. */
const MAX_POINTS = 20_000;
const FEEDS_EVERY_MS = 60_000;

/** Loads the overview's state and keeps it current. */
export function useOverview(): Overview {
  const [catalog, setCatalog] = useState<SeriesInfo[]>();
  const [feeds, setFeeds] = useState<FeedStatus[]>([]);
  const [grid, setGrid] = useState<GridStatus>();
  const [live, setLive] = useState(new Map<string, LivePoint>());
  const [versions, setVersions] = useState(new Map<string, number>());
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string>();

  useEffect(() => {
    const fail = (err: unknown) => setError(messageOf(err));
    const loadCatalog = (fresh: boolean) => fetchCatalog(fresh).then(setCatalog, fail);
    const loadFeeds = () => fetchScrapers().then(setFeeds, fail);
    loadCatalog(false);
    loadFeeds();
    fetchGridStatus().then(setGrid, fail);
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    const poll = setInterval(loadFeeds, FEEDS_EVERY_MS);
    // Ingest events come in bursts (one per document): reload once they settle.
    let settle: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      clearTimeout(settle);
      settle = setTimeout(() => (loadCatalog(true), loadFeeds()), 1000);
    };
    const stop = subscribeLive((e) => onEvent(e, { reload, setGrid, setLive, setVersions }));
    return () => {
      clearInterval(tick);
      clearInterval(poll);
      clearTimeout(settle);
      stop();
    };
  }, []);

  const byKey = useMemo(() => catalog && new Map(catalog.map((s) => [s.key, s])), [catalog]);
  const feedMap = useMemo(() => new Map(feeds.map((f) => [f.feed, f])), [feeds]);
  const query = useMemo(() => byKey && overviewQuery(byKey), [byKey]);
  const version = query ? query.series.reduce((n, k) => n + (versions.get(k) ?? 0), 0) : 0;
  // Raw points while the shown series are close in time (the usual case); when feeds are far
  // apart the window covering all of them is read in buckets, each holding its last value, so a
  // tile still shows the newest value and every chart's series share instants.
  const read = useAsync(
    async (signal) =>
      query
        ? new Map(
          (await fetchObservations(
            { ...query, resolution: "auto", agg: "last", maxPoints: MAX_POINTS },
            signal,
            version > 0,
          )).map((s) => [s.key, s]),
        )
        : undefined,
    [query && JSON.stringify(query), version],
  );
  return {
    catalog: byKey,
    feeds: feedMap,
    grid,
    live,
    versions,
    data: read.data,
    loading: read.loading,
    dataError: read.error,
    now,
    error,
  };
}

interface Setters {
  reload: () => void;
  setGrid: (g: GridStatus) => void;
  setLive: (fn: (m: Map<string, LivePoint>) => Map<string, LivePoint>) => void;
  setVersions: (fn: (m: Map<string, number>) => Map<string, number>) => void;
}

function onEvent(e: LiveEvent, s: Setters): void {
  const d = e.data;
  if (e.type === "observation") {
    s.setLive((m) => {
      const seen = m.get(d.series as string);
      if (seen && Date.parse(seen.ts) > Date.parse(d.ts as string)) return m;
      return new Map(m).set(d.series as string, { ts: d.ts as string, value: d.value as number });
    });
  } else if (e.type === "ingest") {
    const keys = (d.series as string[] | undefined) ?? [];
    s.setVersions((m) => {
      const next = new Map(m);
      for (const k of keys) next.set(k, (next.get(k) ?? 0) + 1);
      return next;
    });
    s.reload();
  } else if (e.type === "grid_status") {
    s.setGrid({
      state: d.state as string,
      title: d.title as string,
      note: d.note as string,
      eea_level: d.eea_level as number | null,
      prc_mw: d.prc as number | null,
      as_of: d.as_of as string | null,
      // The event does not say when the condition was stored; nothing here shows it.
      recorded_at: null,
    });
  }
}
