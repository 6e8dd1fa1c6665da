/**
 * Turns a chart title from an untrusted source (an LLM answer) into plain text a page can show
 * as is: no markup, no URLs, no control or invisible formatting characters, at most 120
 * characters.
 *
 * @module
 */

const TAG = /<\/?[a-z!?][^<>]*>?/gi;
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|javascript:|data:|vbscript:)\S*/gi;
// C0/C1 controls, zero-width and bidirectional formatting characters, BOM.
const INVISIBLE: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2069],
  [0xfeff, 0xfeff],
];

function visible(text: string): string {
  return [...text].map((c) => {
    const code = c.codePointAt(0) as number;
    return INVISIBLE.some(([lo, hi]) => code >= lo && code <= hi) ? " " : c;
  }).join("");
}
const MAX_TITLE = 120;

/**
 * A title reduced to plain text: tags, then any `<`/`>` left, URLs and invisible characters
 * removed, Unicode compatibility forms folded (NFKC), whitespace collapsed, cut to 120
 * characters. May answer an empty string.
 *
 * @example plainTitle("<b>West</b> hub https://x.example price") // "West hub price"
 */
export function plainTitle(text: string): string {
  const plain = visible(text.normalize("NFKC"))
    .replace(TAG, " ")
    .replace(/[<>]/g, " ")
    .replace(URL_LIKE, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length <= MAX_TITLE ? plain : `${plain.slice(0, MAX_TITLE - 1).trimEnd()}…`;
}
