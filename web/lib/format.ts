/**
 * How instants, ages, values and windows read in the UI. ERCOT runs on
 * Central time, so instants are shown in America/Chicago with "CT".
 *
 * @module
 */

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

const compact = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A value with its unit: prices to the cent, megawatts whole. */
export function formatValue(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const text = unit.startsWith("$") ? compact.format(v) : whole.format(v);
  return unit ? `${text} ${unit}` : text;
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO 8601 duration (months as 30.44 days); NaN when it is not one. */
export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return NaN;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const days = y * 365.2425 + mo * 30.436875 + w * 7 + d;
  return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000;
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
