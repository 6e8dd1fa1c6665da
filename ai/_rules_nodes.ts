/**
 * Resource-node names in plain-English requests ("price at ALVIN_RN", "ALVIN RN day-ahead
 * price", "Alvin node"): resolved against the settlement points the caller says are stored, and
 * rewritten as `P_<POINT>` tokens that `_rules_pick.ts` reads like `P_HB_WEST`. A close
 * misspelling resolves when exactly one point is nearest; an unknown or ambiguous name is
 * refused with the nearest candidates. Pure: the caller reads the stored names.
 *
 * @module
 */
import { editDistance, priceFamilyOf } from "../domain/catalog.ts";

/** Settlement points of stored keys, for matching. */
interface NodeIndex {
  /** Every point name, e.g. `alvin_rn`. */
  points: Set<string>;
  /** Point names sorted, for stable candidate lists, with their first part ("alvin"). */
  sorted: { point: string; head: string }[];
  /** The stored keys themselves. */
  keys: ReadonlySet<string>;
}

const INDEXES = new WeakMap<readonly string[], NodeIndex>();
const NODE_WORD = String.raw`(?:resource\s+|settlement\s+(?:point\s+)?|electrical\s+)?nodes?`;
/** Words that never name a node themselves ("the node", "price at node"). */
const NOT_A_NAME = new Set(
  `the a an at of for this that my our your price prices each every any one which per by hub hubs
  zone zones load resource settlement point`.split(/\s+/),
);
const MAX_WINDOW = 4;

function indexOf(storedKeys: readonly string[]): NodeIndex {
  let index = INDEXES.get(storedKeys);
  if (!index) {
    const points = new Set<string>();
    for (const key of storedKeys) {
      const family = priceFamilyOf(key);
      if (family) points.add(key.slice(family.prefix.length + 1));
    }
    const sorted = [...points].sort().map((point) => ({ point, head: point.split("_")[0] }));
    index = { points, sorted, keys: new Set(storedKeys) };
    INDEXES.set(storedKeys, index);
  }
  return index;
}

const token = (point: string) => ` P_${point.toUpperCase()} `;
const shown = (points: string[]) => points.map((p) => p.toUpperCase()).join(", ");

/**
 * Points nearest to `name` (by edit distance to the whole name or its first part), best first.
 * Names whose length differs by more than `reach` are skipped unless too few are within it.
 */
function nearest(index: NodeIndex, name: string, reach = 3): { point: string; distance: number }[] {
  const near = (s: string) => Math.abs(s.length - name.length) <= reach;
  const ranked = index.sorted.filter(({ point, head }) => near(point) || near(head))
    .map(({ point, head }) => ({
      point,
      distance: Math.min(editDistance(name, point), editDistance(name, head)),
    })).sort((a, b) => a.distance - b.distance || a.point.localeCompare(b.point));
  return ranked.length >= 3 || reach > 40 ? ranked : nearest(index, name, reach * 4);
}

/** The stored keys as a set (built once per list), for the parser's key check. */
export function storedKeySet(storedKeys: readonly string[]): ReadonlySet<string> {
  return indexOf(storedKeys).keys;
}

/** The one point a name means, or a refusal listing the nearest candidates. */
function resolve(index: NodeIndex, name: string): { point: string } | { error: string } {
  if (index.points.has(name)) return { point: name };
  const starting = index.sorted.map((s) => s.point).filter((p) => p.startsWith(`${name}_`));
  if (starting.length === 1) return { point: starting[0] };
  if (starting.length > 1) {
    return {
      error: `Settlement point "${name}" is ambiguous; did you mean ${
        shown(starting.slice(0, 5))
      }?`,
    };
  }
  const ranked = nearest(index, name);
  const allowed = name.length >= 6 ? 2 : 1;
  const [best, next] = ranked;
  if (best && best.distance <= allowed && (!next || next.distance > best.distance)) {
    return { point: best.point };
  }
  const list = ranked.slice(0, 3).map((r) => r.point);
  return {
    error: `I don't know a settlement point called "${name.toUpperCase()}"${
      list.length ? `; nearest: ${shown(list)}` : ""
    }`,
  };
}

function exactNames(text: string, index: NodeIndex): string {
  const words = text.split(" ");
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    let matched = 0;
    for (let n = Math.min(MAX_WINDOW, words.length - i); n >= 1 && !matched; n--) {
      const name = words.slice(i, i + n).join("_").replace(/-/g, "_").replace(/[^a-z0-9_]/g, "");
      // A one-word point name counts only when written as a point ("alvin_rn", "sandhill1").
      if (index.points.has(name) && (n > 1 || /[_\d]/.test(name))) matched = n;
    }
    if (matched) {
      const trail = words[i + matched - 1].match(/[^a-z0-9_-]+$/)?.[0] ?? "";
      out.push(
        token(words.slice(i, i + matched).join("_").replace(/-/g, "_").replace(/[^a-z0-9_]/g, "")) +
          trail,
      );
      i += matched;
    } else out.push(words[i++]);
  }
  return out.join(" ");
}

/**
 * Rewrites node names of a cleaned (lower-case) request as `P_<POINT>` tokens, or refuses a
 * node name that matches no stored point or several. `storedKeys` are price keys of stored
 * resource nodes (`spp.rt.alvin_rn`); with none, only unknown point-like words are refused.
 */
export function readNodes(
  text: string,
  storedKeys: readonly string[] = [],
): { text: string } | { error: string } {
  const index = indexOf(storedKeys);
  let out = index.points.size ? exactNames(text, index) : text;
  let problem: string | undefined;
  const replace = (whole: string, name: string) => {
    if (problem || NOT_A_NAME.has(name)) return whole;
    const found = resolve(index, name);
    if ("error" in found) problem = found.error;
    return "error" in found ? whole : token(found.point);
  };
  // "Alvin node", "alvn resource node", "node alvin".
  out = out.replace(new RegExp(String.raw`\b([a-z][a-z0-9_]*)\s+${NODE_WORD}\b`, "g"), replace)
    .replace(new RegExp(String.raw`\b${NODE_WORD}\s+([a-z][a-z0-9_]*)\b`, "g"), replace);
  // A point-like word ("alvn_rn") that is no hub, zone, tie or literal key.
  out = out.replace(/(?<![.\w])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![.\w])/g, (whole, name) => {
    if (/^(?:hb|lz|dc)_/.test(name)) return whole;
    return replace(whole, name);
  });
  return problem ? { error: problem } : { text: out };
}
