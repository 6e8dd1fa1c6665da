/**
 * Durations as the API writes them for rules and escalations: ISO 8601 weeks,
 * days, hours, minutes and seconds (`PT15M`, `P1DT2H`), without months or
 * years, whose length depends on the calendar. Shared by the alert rules on
 * the server and the rule form in the browser.
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
