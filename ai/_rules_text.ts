/**
 * Text hygiene for the rule parser: normalising a request (Unicode, case, dashes), removing what
 * must never steer it (markup, URLs, SQL, prompt-injection boilerplate), and judging the words
 * left over once every known phrase is read.
 *
 * @module
 */
import { CATALOG, editDistance, type SeriesInfo } from "../domain/catalog.ts";

/** Longest request read, in characters. */
export const MAX_REQUEST_LENGTH = 500;

const STRIP: RegExp[] = [
  /<(script|style|iframe|object|embed|svg|math|template)\b[\s\S]*?(?:<\/\1\s*>|$)/g,
  /<\/?[a-z!?][^>]*>?/g,
  /&(?:#\d+|#x[0-9a-f]+|[a-z]+);?/g,
  /\b(?:https?|ftp|file|javascript|data|vbscript|mailto):\S*/g,
  /\bwww\.\S+/g,
  /\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|dev|ru|cn|xyz|info|biz)\b\S*/g,
  /\b(?:drop|truncate|alter|create)\s+(?:table|database|schema|index|view|user|role)\b[^;\n]*/g,
  /\b(?:delete|insert|replace)\s+(?:from|into)\b[^;\n]*/g,
  /\bupdate\s+\w+\s+set\b[^;\n]*/g,
  /\bunion\s+(?:all\s+)?select\b[^;\n]*/g,
  /\bselect\s+(?:\*|count\s*\([^)]*\)|[\w.]+(?:\s*,\s*[\w.]+)*)\s+from\s+\w+[^;\n]*/g,
  /\b(?:exec(?:ute)?|xp_\w+|pg_sleep|sleep|benchmark|waitfor\s+delay)\s*\([^)]*\)?/g,
  /\b(?:or|and)\s+['"]?\w+['"]?\s*=\s*['"]?\w+['"]?/g,
  /--.*$|\/\*[\s\S]*?(?:\*\/|$)|#.*$/gm,
  /\b(?:ignore|disregard|forget|override)\b[^.;!?\n]{0,60}?\b(?:instructions?|prompts?|rules?|context|above|previous)\b/g,
  /\b(?:system\s+prompt|jailbreak|you\s+are\s+now|act\s+as|pretend\s+(?:to\s+be|you))\b[^.;!?\n]*/g,
  /[<>{}[\]\\|`^~*=;"]/g,
];

// Cyrillic and Greek letters that look like Latin ones ("wеst" with a Cyrillic е).
const CONFUSABLES = "аеорсухіјѕԁһӏкмтвнαορτυνικ";
const LATIN = "aeopcyxijsdhlkmtbhaoptuvik";
const CONFUSABLE = new RegExp(`[${CONFUSABLES}]`, "g");

/**
 * Normalises a request for matching, or refuses it: NFKC, no control or format characters, ASCII
 * dashes and quotes, Latin look-alike letters, "AS" (ancillary services) spelled out, lower case,
 * and no markup, URLs, SQL or prompt-injection boilerplate.
 */
export function cleanRequest(raw: string): { text: string } | { error: string } {
  if (raw.length > MAX_REQUEST_LENGTH) {
    return {
      error: `Request is ${raw.length} characters long; the limit is ${MAX_REQUEST_LENGTH}`,
    };
  }
  let text = raw.normalize("NFKC")
    .replace(/[\p{Cf}]/gu, "")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Zs}]/gu, " ")
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-")
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/\bAS(?=\s+(?:prices?|clearing|mcpc))/g, "ancillary services")
    .toLowerCase()
    .replace(CONFUSABLE, (c) => LATIN[CONFUSABLES.indexOf(c)]);
  for (const pattern of STRIP) text = text.replace(pattern, " ");
  text = text.replace(/\s+/g, " ").trim();
  return text ? { text } : { error: "Request is empty once markup, links and code are removed" };
}

const STOPWORDS = new Set(
  `a about above across after again against ago all along also am an and any are area around as ask at
  be been before being best between both but by can chart charts compare compared comparing comparison could
  data dashboard day days did display do does done draw during each east else ercot even ever every far
  few find for from get give go going gone graph graphs grid had has have help here hour hours how i if in
  into is it its just kind last let lets like line look looking looks make many me mean mind minute minutes
  month months more most much my need next none not now of off on only or other our out over panel past
  per period please plot plots previous prior pull put range rest right see series set show showing shows
  since so some system take tell test than that the their them then there these this those through time
  times to top trend trends up us use using value values versus via view visualise visualize vs want was we
  week weeks went were what when where which while who why will with within worth would year years yet you
  your texas texan grid-wide systemwide system-wide total overall level levels number numbers history
  historical recent today yesterday tomorrow chart graph mw mwh gw megawatts megawatt electricity power energy
  market markets wholesale curve figure figures info information stats statistic statistics unclear reserved
  change changes changed changing cool goal coat worth forth region regions regional zonal
  share breakdown spread`.split(/\s+/),
);

/** Whether a lower-case word is filler that names nothing ("show", "the", "me"). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const VOCABULARY = [
  ...new Set(
    [
      ...CATALOG.flatMap((s) => s.aliases.flatMap((a) => a.split(/[\s_-]+/))),
      ...`price prices load demand forecast generation capacity reserves battery batteries storage charging
      discharging wind solar nuclear coal hydro lignite natural panhandle houston hub hubs zone zones settlement
      ancillary regulation responsive contingency spinning weighted interconnect tie ties fuel mix output`
        .split(/\s+/),
    ].filter((w) => w.length >= 4),
  ),
];
const VOCABULARY_SET = new Set(VOCABULARY);

function nearestKnown(word: string): string | undefined {
  const allowed = word.length >= 6 ? 2 : 1;
  let best: [number, string] | undefined;
  for (const known of VOCABULARY) {
    if (Math.abs(known.length - word.length) > allowed) continue;
    if (word.length < 6 && known[0] !== word[0]) continue;
    const d = editDistance(word, known);
    if (d <= allowed && (!best || d < best[0])) best = [d, known];
  }
  return best?.[1];
}

function suggestion(near: string): string {
  const named = (s: SeriesInfo) => s.aliases.some((a) => a.split(/[\s_-]+/).includes(near));
  const keys = CATALOG.filter(named).map((s) => s.key);
  const list = keys.length && keys.length <= 4 ? ` (${keys.join(", ")})` : "";
  return `; did you mean "${near}"${list}?`;
}

/**
 * Judges the lower-case words left once every phrase is read. A near-miss of a series word
 * ("solr", "nucelar") is refused with a suggestion. `recognised` says what was read: `strong`
 * (a series word), `weak` (only a bare region, which stands for its hub unless other content words
 * say the request is about something else) or `none`. Returns the refusal, or `undefined`.
 */
export function leftoverProblem(
  words: string[],
  recognised: "strong" | "weak" | "none",
): string | undefined {
  const content = words.filter((w) => /^[a-z][a-z'-]{2,23}$/.test(w) && !STOPWORDS.has(w));
  for (const word of content) {
    const near = word.length >= 4 && !VOCABULARY_SET.has(word) ? nearestKnown(word) : undefined;
    if (near) return `I don't know a series called "${word}"${suggestion(near)}`;
  }
  if (recognised === "strong" || (recognised === "weak" && !content.length)) return undefined;
  const hint = `; try e.g. "west hub price", "system load" or "fuel mix"`;
  if (content.length) return `I don't know a series called "${content[0]}"${hint}`;
  return `Request names no series I know${hint}`;
}
