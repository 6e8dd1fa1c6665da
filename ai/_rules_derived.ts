/**
 * Derived price series of plain-English requests (domain/derived.ts): which of DART, TB2/TB4,
 * basis or a two-point spread the tokens of `_rules_words.ts` ask for, at which points. The
 * points arrive in the order the request names them, so "west to north spread" is
 * `spread.hb_west.hb_north`.
 *
 * @module
 */
import { BASIS_ZONES, DERIVED_POINTS } from "../domain/derived.ts";
import { isKnownSeries } from "../domain/catalog.ts";

/** Tokens that ask for a derived price series. */
export const DERIVED_PRICE = /^(DART|TB|TB2|TB4|BASIS|SPREAD)$/;

type Answer = { keys: string[] } | { error: string };

const EXAMPLES =
  `name two hubs or load zones ("west to north hub spread") or day-ahead and real-time at one ("north hub DART")`;

const nameOf = (point: string) => DERIVED_POINTS[point] ?? point.toUpperCase();

function atPoints(prefix: string, label: string, points: string[]): Answer {
  const keys = points.map((p) => `${prefix}.${p}`);
  const bad = keys.findIndex((k) => !isKnownSeries(k));
  if (bad < 0) return { keys };
  return {
    error: `${label} is computed at hubs and load zones, not at ${
      nameOf(points[bad])
    }; try e.g. "${label} at the west hub"`,
  };
}

const regionOf = (point: string) => point.replace(/^(?:hb|lz)_/, "");

function basis(named: string[]): Answer {
  const zones = named.filter((p) => p.startsWith("lz_"));
  const hubs = named.filter((p) => p.startsWith("hb_"));
  if (zones.length === 1 && hubs.length === 1 && regionOf(hubs[0]) !== regionOf(zones[0])) {
    return { keys: [`spread.${zones[0]}.${hubs[0]}`] };
  }
  const regions = named.length ? [...new Set(named.map(regionOf))] : [...BASIS_ZONES] as string[];
  const alone = regions.find((r) => !(BASIS_ZONES as readonly string[]).includes(r));
  if (alone) {
    return {
      error: `${
        nameOf(named.find((p) => regionOf(p) === alone) ?? alone)
      } has no hub of its own region; name the hub, e.g. "${alone} load zone basis to the north hub"`,
    };
  }
  return { keys: regions.map((r) => `spread.lz_${r}.hb_${r}`) };
}

function spread(named: string[]): Answer {
  if (named.length !== 2) {
    const listed = named.length ? ` (this names ${named.map(nameOf).join(", ")})` : "";
    return { error: `A spread is between two settlement points${listed}; ${EXAMPLES}` };
  }
  return spreadKey(named[0], named[1]);
}

function spreadKey(a: string, b: string): Answer {
  const key = `spread.${a}.${b}`;
  if (isKnownSeries(key)) return { keys: [key] };
  const odd = [a, b].find((p) => !DERIVED_POINTS[p]) ?? a;
  return {
    error: a === b
      ? `A spread needs two different settlement points; ${EXAMPLES}`
      : `Spreads are computed between hubs and load zones, not at ${nameOf(odd)}; ${EXAMPLES}`,
  };
}

/**
 * The derived price keys a request asks for, `undefined` when it asks for none. `named` are the
 * settlement points it names, in order; `group` those of "all hubs"-style words; `markets` the
 * market tokens (`RT`, `DA`, `LMP`) it uses.
 */
export function derivedPriceKeys(
  tokens: string[],
  named: string[],
  group: string[],
  markets: string[],
): Answer | undefined {
  const has = (t: string) => tokens.includes(t);
  const points = named.length ? named : group.length ? group : ["hb_hubavg"];
  if (has("TB4")) return atPoints("tb4", "TB4", points);
  if (has("TB2") || has("TB")) return atPoints("tb2", "TB2", points);
  const contrast = has("SPREAD") || has("MINUS");
  const dart = has("DART") ||
    (contrast && markets.includes("DA") && markets.includes("RT") && named.length <= 1);
  if (dart) return atPoints("dart", "DART", points);
  if (has("BASIS")) return basis(named.length ? named : group.filter((p) => p.startsWith("lz_")));
  // "load forecast difference" is no price spread: a spread needs a price word or a point.
  const priced = named.length > 0 || has("PRICE") || markets.length > 0;
  if ((has("SPREAD") && priced) || (has("MINUS") && named.length === 2)) return spread(named);
  return undefined;
}
