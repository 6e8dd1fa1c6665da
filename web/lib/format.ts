/**
 * How instants, ages, values and windows read in the UI. ERCOT runs on
 * Central time, so instants are shown in America/Chicago with "CT".
 *
 * @module
 */
import { windowMs } from "../../domain/duration.ts";

/** ERCOT's time zone. */
export const CENTRAL = "America/Chicago";

const dateTime = new Intl.DateTimeFormat("en-US", {
  timeZone: CENTRAL,
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant in Central time, e.g. `Nov 2, 2025, 14:35 CT`; a dash for none. */
export function formatInstant(at: string | number | Date | null | undefined): string {
  if (at === null || at === undefined) return "—";
  return `${dateTime.format(new Date(at))} CT`;
}

/** A duration in seconds, coarsely: `45 s`, `12 min`, `3 h`, `2 d`. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

/** "as of <instant> (<age> ago)" for a value stamped `asOf`. */
export function asOfText(asOf: string | null, now: number): string {
  if (!asOf) return "no data";
  return `as of ${formatInstant(asOf)} (${formatAge((now - Date.parse(asOf)) / 1000)} ago)`;
}

const cents = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Whether `unit` is a price ($/MWh, $/MW): shown to the cent. */
export const isPrice = (unit: string | null | undefined): boolean => Boolean(unit?.startsWith("$"));

/**
 * A number as its unit reads: prices always to the cent (`28.20`), megawatts and anything else
 * whole with thousands separators (`61,234`); a dash for none.
 */
export function formatNumber(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return (isPrice(unit) ? cents : whole).format(v);
}

/** Names of the grid condition's levels (unit `level`): 0 Normal … 4 EEA3. */
export const LEVEL_NAMES = ["Normal", "Conservation", "EEA1", "EEA2", "EEA3"] as const;

/** A grid condition level with its name, e.g. `2 EEA1`; as a number when it is not a level. */
export function formatLevel(v: number): string {
  const name = Number.isInteger(v) ? LEVEL_NAMES[v] : undefined;
  return name ? `${v} ${name}` : formatNumber(v);
}

/**
 * A value with its unit beside it, e.g. `28.20 $/MWh`, `61,234 MW`; a level (unit `level`) with
 * its name, e.g. `2 EEA1`; a dash for none.
 */
export function formatValue(v: number | null | undefined, unit = ""): string {
  if (unit === "level" && v !== null && v !== undefined && Number.isFinite(v)) {
    return formatLevel(v);
  }
  const text = formatNumber(v, unit);
  return unit && text !== "—" ? `${text} ${unit}` : text;
}

/**
 * Axis tick labels: every tick with the same number of decimals, as few as keep neighbouring
 * ticks distinct (so ticks 0.5 apart read `27.5, 28.0`, never `28, 28`); separators always.
 */
export function formatTicks(ticks: number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 0;
  let digits = 0;
  const off = (d: number) => Math.abs(step * 10 ** d - Math.round(step * 10 ** d));
  while (step > 0 && digits < 6 && off(digits) > 1e-6 * 10 ** digits) digits++;
  const f = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return ticks.map((t) => f.format(t));
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO 8601 duration (months as 30.44 days); NaN when it is not one. */
export function durationMs(text: string): number {
  return windowMs(text) ?? NaN;
}

const UNITS = ["year", "month", "week", "day", "hour", "minute", "second"];

/** An ISO 8601 duration in words, e.g. `P1D` → `1 day`, `PT6H` → `6 hours`; as is when odd. */
export function durationText(text: string): string {
  const m = DURATION.exec(text);
  if (!m) return text;
  const parts = m.slice(1).flatMap((v, i) =>
    v === undefined ? [] : [`${Number(v)} ${UNITS[i]}${Number(v) === 1 ? "" : "s"}`]
  );
  return parts.join(" ") || text;
}

/** An instant as the value of an `<input type="datetime-local">`, in the browser's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${
    pad(d.getMinutes())
  }`;
}

const BUCKET_SECONDS: Record<string, number> = { "5m": 300, "15m": 900, "1h": 3600, "1d": 86_400 };

/**
 * The instant a value was observed, in epoch ms: a raw point's own time; for a bucket starting
 * at `bucketMs` at `resolution`, the series' newest observation `last` when it falls in that
 * bucket (a daily bucket read at 00:40 is "as of 00:40", not 00:00), else the bucket's start.
 */
export function observedAt(bucketMs: number, resolution: string, last?: string | null): number {
  const width = BUCKET_SECONDS[resolution];
  const lastMs = last ? Date.parse(last) : NaN;
  if (!width || !(lastMs >= bucketMs && lastMs < bucketMs + width * 1000)) return bucketMs;
  return lastMs;
}
