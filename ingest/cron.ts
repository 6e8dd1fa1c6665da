/**
 * When a five-field UTC cron fires next, as `Deno.cron` reads it: minute,
 * hour, day of month, month, day of week, each `*`, a number, a range `a-b`,
 * a step `*\/n` or `a-b/n`, or a comma list of these. When both day fields
 * are restricted, a day matches either (as in classic cron).
 *
 * @example
 * ```ts
 * nextCronTick("10 18,19,20 * * *", new Date("2026-01-01T18:10:00Z")); // 19:10 UTC
 * ```
 *
 * @module
 */

interface Fields {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domAny: boolean;
  dowAny: boolean;
}

const RANGES: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

function parseField(text: string, [min, max]: [number, number], cron: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new TypeError(`Cron "${cron}" has an unreadable field "${text}"`);
    const from = m[1] === "*" ? min : Number(m[2]);
    const to = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : from;
    const step = m[4] ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) {
      throw new TypeError(`Cron "${cron}" has field "${text}" outside ${min}-${max}`);
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Parses a five-field cron; throws a `TypeError` naming the cron when it cannot. */
function parseCron(cron: string): Fields {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) throw new TypeError(`Cron "${cron}" is not five fields`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, RANGES[i], cron));
  if (dow.has(7)) dow.add(0);
  return { minute, hour, dom, month, dow, domAny: parts[2] === "*", dowAny: parts[4] === "*" };
}

function dayMatches(f: Fields, d: Date): boolean {
  if (!f.month.has(d.getUTCMonth() + 1)) return false;
  const dom = f.dom.has(d.getUTCDate());
  const dow = f.dow.has(d.getUTCDay());
  if (f.domAny || f.dowAny) return (f.domAny || dom) && (f.dowAny || dow);
  return dom || dow;
}

/**
 * The first instant strictly after `after` (to the minute) at which `cron`
 * fires, in UTC; null when it never fires within eight years (e.g. 31 February).
 */
export function nextCronTick(cron: string, after: Date): Date | null {
  const f = parseCron(cron);
  const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (let i = 0; i < 366 * 8; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!dayMatches(f, day)) continue;
    for (const h of [...f.hour].sort((a, b) => a - b)) {
      for (const m of [...f.minute].sort((a, b) => a - b)) {
        const at = new Date(day.getTime() + h * 3_600_000 + m * 60_000);
        if (at >= start) return at;
      }
    }
  }
  return null;
}
