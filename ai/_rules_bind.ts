/**
 * Binding of modifiers to subjects in a token list from `_rules_words.ts`: which quantity a
 * region word belongs to ("west hub price" vs "west load" vs "west wind"), and which subject a
 * forecast / actual / generation word qualifies ("load vs forecast", "wind forecast vs actual").
 *
 * @module
 */

/** What a region word names: a price point kind, or the quantity it is a zone of. */
export type Role = "hub" | "lz" | "dc" | "price" | "load" | "wind" | "none";

/** Kinds a subject can be qualified with. */
export type Kind = "FC" | "ACT" | "HSL" | "GEN";

const CONJ = new Set(["and", "or", ",", "&", "/", "+"]);
const FILLER = new Set([
  "the",
  "in",
  "at",
  "for",
  "of",
  "on",
  "to",
  "from",
  "ercot",
  "system",
  "area",
  "region",
]);
const QUALIFIER: Record<string, Role> = { HUB: "hub", LZ: "lz", DCTIE: "dc", FZ: "load" };
const SUBJECT: Record<string, Role> = {
  PRICE: "price",
  RT: "price",
  DA: "price",
  LMP: "price",
  LOAD: "load",
  WIND: "wind",
};
const SKIPPED = new Set(["FC", "ACT", "GEN", "HSL", "ZONE", "EW"]);
const KINDS = new Set<string>(["FC", "ACT", "HSL", "GEN"]);

/** Whether a token is a region word (`R_WEST`). */
export const isRegion = (t: string | undefined): boolean => t?.startsWith("R_") ?? false;

function qualifierAfter(
  tokens: string[],
  i: number,
  used: Set<number>,
): { role?: Role; zone: boolean } {
  let zone = false;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (isRegion(t) || t === "EW" || (CONJ.has(t) && isRegion(tokens[j + 1]))) continue;
    if (t === "ZONE") {
      zone = true;
      used.add(j);
      continue;
    }
    if (!QUALIFIER[t]) break;
    used.add(j);
    return { role: QUALIFIER[t], zone };
  }
  return { zone };
}

function qualifierBefore(tokens: string[], i: number, used: Set<number>): Role | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t === "the" || t === "EW" || isRegion(t) || CONJ.has(t)) continue;
    if (t !== "HUB" && t !== "LZ" && t !== "DCTIE") return undefined;
    used.add(j);
    return QUALIFIER[t];
  }
  return undefined;
}

function subjectNear(tokens: string[], i: number, step: number): Role | undefined {
  for (let j = i + step, n = 0; j >= 0 && j < tokens.length && n < 5; j += step, n++) {
    const t = tokens[j];
    if (SUBJECT[t]) return SUBJECT[t];
    if (!SKIPPED.has(t) && !isRegion(t) && !CONJ.has(t) && !FILLER.has(t)) return undefined;
  }
  return undefined;
}

/**
 * The role of the region word at `i`: an adjacent qualifier ("west hub", "LZ Houston", "west
 * forecast zone"), else the nearest subject ("Houston zone load", "wind in the west"), else
 * `fallback`. Qualifier and zone tokens it consumes are added to `used`.
 */
export function regionRole(tokens: string[], i: number, used: Set<number>, fallback: Role): Role {
  const after = qualifierAfter(tokens, i, used);
  if (after.role) return after.role;
  const before = qualifierBefore(tokens, i, used);
  if (before) return before;
  const subject = subjectNear(tokens, i, 1) ?? subjectNear(tokens, i, -1);
  if (subject === "price" || (!subject && fallback === "price")) return after.zone ? "lz" : "price";
  return subject ?? fallback;
}

/** Kinds bound to each subject token, plus kinds no subject took. */
export interface KindBinding {
  /** Subject index → kinds adjacent to it (empty: the subject's default). */
  adjacent: Map<number, Set<Kind>>;
  /** Subject index → kinds bound from further away ("load vs forecast"). */
  remote: Map<number, Set<Kind>>;
  /** Kinds with no eligible subject in the request. */
  unbound: Set<Kind>;
}

function eligible(kind: string, subject: string | undefined): boolean {
  if (subject === "LOAD") return kind === "FC" || kind === "ACT";
  if (subject === "WIND" || subject === "SOLAR") return true;
  const generating = subject === "MIX" || subject === "STORAGE" ||
    (subject?.startsWith("FUEL_") ?? false);
  return kind === "GEN" && generating;
}

function adjacentKinds(tokens: string[], i: number, taken: Set<number>): Set<Kind> {
  const kinds = new Set<Kind>();
  let j = i + 1;
  while (CONJ.has(tokens[j]) && tokens[j + 1] !== undefined && eligible("GEN", tokens[j + 1])) {
    j += 2;
  }
  const take = (at: number) => {
    kinds.add(tokens[at] as Kind);
    taken.add(at);
  };
  for (; KINDS.has(tokens[j]) && eligible(tokens[j], tokens[i]); j++) take(j);
  for (let k = i - 1; KINDS.has(tokens[k]) && eligible(tokens[k], tokens[i]); k--) take(k);
  return kinds;
}

function nearestSubject(tokens: string[], k: number): number | undefined {
  for (let d = 1; d < tokens.length; d++) {
    if (k - d >= 0 && eligible(tokens[k], tokens[k - d])) return k - d;
    if (k + d < tokens.length && eligible(tokens[k], tokens[k + d])) return k + d;
  }
  return undefined;
}

/** Binds every forecast / actual / HSL / generation token to the subject it qualifies. */
export function bindKinds(tokens: string[]): KindBinding {
  const taken = new Set<number>();
  const adjacent = new Map<number, Set<Kind>>();
  tokens.forEach((t, i) => {
    if (eligible("GEN", t) || t === "LOAD") adjacent.set(i, adjacentKinds(tokens, i, taken));
  });
  const remote = new Map<number, Set<Kind>>();
  const unbound = new Set<Kind>();
  tokens.forEach((t, k) => {
    if (!KINDS.has(t) || taken.has(k)) return;
    const target = nearestSubject(tokens, k);
    if (target === undefined) unbound.add(t as Kind);
    else remote.set(target, (remote.get(target) ?? new Set<Kind>()).add(t as Kind));
  });
  return { adjacent, remote, unbound };
}
