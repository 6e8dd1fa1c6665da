/**
 * A small Prometheus registry: counters, gauges, histograms and collected
 * values, rendered in the text exposition format at `/metrics`. The service
 * keeps one {@link metrics} registry; ingestion reports through it.
 *
 * @example
 * import { metrics } from "./metrics.ts";
 * metrics.ingestRows("np6_905", 1200);
 * metrics.ingestLag("np6_905", 412);
 *
 * @module
 */

/** Label names to values. */
export type Labels = Record<string, string>;

/** Default latency buckets, in seconds. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  render(): string[];
}

/** The registry. */
export interface Metrics {
  /** Adds `n` rows written by `feed` (`ingest_rows_total`). */
  ingestRows(feed: string, n: number): void;
  /** Records the lag, in seconds, of the newest observation `feed` wrote (`ingest_lag_seconds`). */
  ingestLag(feed: string, seconds: number): void;
  /** Counts one HTTP request and its latency (`http_requests_total`, `http_request_duration_seconds`). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /**
   * Registers a value read at scrape time, replacing an earlier one of that
   * name (the newest app's collector wins); `read` returns label sets and values.
   */
  collect(
    name: string,
    help: string,
    type: "counter" | "gauge",
    read: () => [Labels, number][],
  ): void;
  /** The text exposition of every family. */
  render(): string;
}

/**
 * Creates an empty registry (tests make their own; the service uses {@link metrics}).
 */
export function createMetrics(opts: { buckets?: readonly number[] } = {}): Metrics {
  return new Registry(opts.buckets ?? LATENCY_BUCKETS);
}

class Registry implements Metrics {
  #families = new Map<string, Family>();
  #collectedNames = new Set<string>();
  #rows = counter("ingest_rows_total", "Observation rows written, by feed");
  #lag = gauge(
    "ingest_lag_seconds",
    "Seconds from the newest written interval start to its ingestion, by feed",
  );
  #requests = counter("http_requests_total", "HTTP requests, by method, route and status");
  #latency: ReturnType<typeof histogram>;
  #requestKeys = new Map<string, string>();

  constructor(buckets: readonly number[]) {
    this.#latency = histogram(
      "http_request_duration_seconds",
      "HTTP latency to the response head, by method, route and status",
      buckets,
    );
    for (const f of [this.#rows, this.#lag, this.#requests, this.#latency]) {
      this.#families.set(f.family.name, f.family);
    }
    this.collect("process_resident_memory_bytes", "Resident set size", "gauge", () => [
      [{}, Deno.memoryUsage().rss],
    ]);
  }

  ingestRows(feed: string, n: number): void {
    this.#rows.inc({ feed }, n);
  }

  ingestLag(feed: string, seconds: number): void {
    this.#lag.set({ feed }, seconds);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    // Label sets repeat: render each once (routes are patterns, so they are few).
    const id = `${method} ${route} ${status}`;
    let key = this.#requestKeys.get(id);
    if (key === undefined) {
      key = labelText(labels);
      if (this.#requestKeys.size < 10_000) this.#requestKeys.set(id, key);
    }
    this.#requests.inc(labels, 1, key);
    this.#latency.observe(labels, seconds, key);
  }

  collect(name: string, help: string, type: "counter" | "gauge", read: () => [Labels, number][]) {
    if (this.#families.has(name) && !this.#collectedNames.has(name)) {
      throw new Error(`Metric ${name} is already registered`);
    }
    this.#collectedNames.add(name);
    this.#families.set(name, collected(name, help, type, read));
  }

  render(): string {
    const out: string[] = [];
    for (const f of this.#families.values()) {
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.render());
    }
    return out.join("\n") + "\n";
  }
}

/** The service's registry. */
export const metrics: Metrics = createMetrics();

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) =>
    `${k}="${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`
  );
  return parts.length ? `{${parts.join(",")}}` : "";
}

function number(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

function counter(name: string, help: string) {
  const values = new Map<string, number>();
  return {
    family: {
      name,
      help,
      type: "counter",
      render: () => [...values].map(([l, v]) => `${name}${l} ${number(v)}`),
    } as Family,
    inc: (labels: Labels, n: number, key = labelText(labels)) => {
      if (!(n >= 0)) throw new RangeError(`Counter ${name} cannot grow by ${n}`);
      values.set(key, (values.get(key) ?? 0) + n);
    },
  };
}

function gauge(name: string, help: string) {
  const values = new Map<string, number>();
  return {
    family: {
      name,
      help,
      type: "gauge",
      render: () => [...values].map(([l, v]) => `${name}${l} ${number(v)}`),
    } as Family,
    set: (labels: Labels, v: number) => void values.set(labelText(labels), v),
  };
}

function histogram(name: string, help: string, buckets: readonly number[]) {
  const sorted = [...buckets].sort((a, b) => a - b);
  const series = new Map<string, { labels: Labels; counts: number[]; sum: number; n: number }>();
  const render = () =>
    [...series.values()].flatMap(({ labels, counts, sum, n }) => [
      ...sorted.map((le, i) =>
        `${name}_bucket${labelText({ ...labels, le: number(le) })} ${counts[i]}`
      ),
      `${name}_bucket${labelText({ ...labels, le: "+Inf" })} ${n}`,
      `${name}_sum${labelText(labels)} ${number(sum)}`,
      `${name}_count${labelText(labels)} ${n}`,
    ]);
  return {
    family: { name, help, type: "histogram", render } as Family,
    observe: (labels: Labels, v: number, key = labelText(labels)) => {
      let s = series.get(key);
      if (!s) series.set(key, s = { labels, counts: sorted.map(() => 0), sum: 0, n: 0 });
      for (let i = 0; i < sorted.length; i++) if (v <= sorted[i]) s.counts[i]++;
      s.sum += v;
      s.n++;
    },
  };
}

function collected(
  name: string,
  help: string,
  type: "counter" | "gauge",
  read: () => [Labels, number][],
): Family {
  return {
    name,
    help,
    type,
    render: () => read().map(([labels, v]) => `${name}${labelText(labels)} ${number(v)}`),
  };
}
