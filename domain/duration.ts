/**
 * ISO 8601 durations, the two grammars the API takes: windows (`last=P1M`,
 * a VizSpec's range) may name years and months, counted as a twelfth of
 * 365.2425 days each; rules and escalations (`PT15M`, `P1DT2H`) take weeks to
 * seconds only. Shared by the server and the browser.
 *
 * @module
 */

/** `P[nW][nD][T[nH][nM][nS]]`, at least one part, bounded digits. */
const DURATION =
  /^P(?!$)(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?=\d)(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/;

/** The weeks, days, hours, minutes and seconds written in `text`, or null when it is not one. */
export function durationParts(text: string): [number, number, number, number, number] | null {
  const m = DURATION.exec(text.trim().toUpperCase());
  if (!m) return null;
  const [w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  return [w, d, h, mi, s];
}

/**
 * Milliseconds in an ISO 8601 duration of weeks, days, hours, minutes and
 * seconds, or null when the text is not one or is zero.
 *
 * @example durationMs("PT15M") // 900000
 */
export function durationMs(text: string): number | null {
  const parts = durationParts(text);
  if (!parts) return null;
  const [w, d, h, mi, s] = parts;
  const ms = ((((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000;
  return ms > 0 ? ms : null;
}

/** A month in a window: a twelfth of 365.2425 days. */
export const MONTH_MS = 30.436875 * 86_400_000;

/** `P[nY][nM][nW][nD][T[nH][nM][n[.fff]S]]`. */
const WINDOW =
  /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,7})D)?(?:T(?=\d)(?:(\d{1,8})H)?(?:(\d{1,9})M)?(?:(\d{1,10}(?:\.\d{1,3})?)S)?)?$/;

/** A window's calendar months (years counted as 12) and the rest in milliseconds. */
export interface WindowParts {
  months: number;
  ms: number;
}

/** The parts of a window's ISO 8601 duration, or undefined when `text` is not one (`P` included). */
export function windowParts(text: string): WindowParts | undefined {
  const m = WINDOW.exec(text);
  if (!m || text === "P") return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  return { months: y * 12 + mo, ms: (((w * 7 + d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 };
}

/**
 * Milliseconds in a window's ISO 8601 duration (`PnYnMnWnDTnHnMnS`, a month a
 * twelfth of 365.2425 days), or undefined when `text` is not one (`P` alone
 * included). Zero is returned as 0: callers say why it is refused.
 *
 * @example windowMs("P1DT12H") // 129600000
 */
export function windowMs(text: string): number | undefined {
  const parts = windowParts(text);
  return parts && parts.months * MONTH_MS + parts.ms;
}
