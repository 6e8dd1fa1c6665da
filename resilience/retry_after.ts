/**
 * Reading an HTTP `Retry-After` header (RFC 9110 §10.2.3): either
 * delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`,
 * and the two obsolete date forms a sender may still use).
 *
 * @module
 */

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
/** IMF-fixdate, the form senders must use. */
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
/** The obsolete RFC 850 form, e.g. `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-(${MONTH})-(\\d{2}) (${TIME}) GMT$`);
/** The obsolete asctime form, e.g. `Sun Nov  6 08:49:37 1994` (always UTC). */
const ASCTIME = new RegExp(`^${DAY} (${MONTH}) ([ \\d]\\d) (${TIME}) (\\d{4})$`);

/**
 * The instant (epoch ms) an HTTP-date names, or undefined for anything else.
 * A two-digit RFC 850 year is read within 50 years of `nowMs`, as RFC 9110 asks.
 */
function parseHttpDate(text: string, nowMs: number): number | undefined {
  let iso: string | undefined;
  if (IMF_FIXDATE.test(text)) iso = text;
  const rfc850 = RFC_850.exec(text);
  if (rfc850) {
    const [, day, month, yy, time] = rfc850;
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear + 50) year -= 100;
    iso = `${day} ${month} ${year} ${time} GMT`;
  }
  const asctime = ASCTIME.exec(text);
  if (asctime) {
    const [, month, day, time, year] = asctime;
    iso = `${day.trim().padStart(2, "0")} ${month} ${year} ${time} GMT`;
  }
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Milliseconds a `Retry-After` header asks the client to wait, measured from
 * `nowMs` (a date in the past waits 0), or undefined when the header is
 * absent or is neither delta-seconds nor an HTTP-date.
 *
 * @example
 * parseRetryAfter("120", Date.now()) // 120000
 * parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2015-10-21T07:27:00Z")) // 60000
 * parseRetryAfter("soon", Date.now()) // undefined
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  const at = parseHttpDate(text, nowMs);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}
