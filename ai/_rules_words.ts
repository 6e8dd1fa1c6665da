/**
 * Series vocabulary of the rule parser: ordered phrase rules that rewrite a normalised request
 * into upper-case concept tokens (`PRICE`, `HUB`, `R_WEST`, `FUEL_NUCLEAR`, `P_HB_WEST`)
 * that `_rules_pick.ts` assembles into catalog keys. Longer, more specific phrases come first so
 * "load zone" is never read as load, nor "hub average" as an aggregate.
 *
 * @module
 */
import { isKnownSeries } from "../domain/catalog.ts";

/** A request rewritten into tokens, with the literal keys its `K<n>` and `X<n>` tokens stand for. */
export interface Rewritten {
  text: string;
  keys: string[];
}

type Rewrite = [RegExp, string | ((match: string, ...groups: string[]) => string)];

const w = (...alternatives: string[]) =>
  new RegExp(String.raw`\b(?:${alternatives.join("|")})\b`, "g");
const AS_TAIL = String.raw`(?:\s+(?:service|reserves?))?(?:\s+(?:market\s+)?clearing)?` +
  String.raw`(?:\s+(?:prices?|mcpcs?))?`;

const SPREAD = String.raw`(?:\s+(?:price\s+)?spreads?)`;
const NUMBER: Record<string, string> = { "2": "2", two: "2", "4": "4", four: "4" };

// Derived series (domain/derived.ts): read before their parts ("net load" is not load).
const DERIVED: Rewrite[] = [
  [
    w(
      String.raw`net\s+(?:system\s+)?(?:load|demand)`,
      String.raw`load\s+minus\s+(?:wind\s+and\s+solar|renewables)`,
    ),
    " NETLOAD ",
  ],
  [
    w(String
      .raw`(?:capacity|supply|reserve)\s+headroom|headroom|spare\s+(?:generation\s+)?capacity`),
    " HEADROOM ",
  ],
  [
    w(
      String.raw`(?:grid|system|operating)\s+(?:condition|status|state)s?`,
      String.raw`eea(?:\s+(?:status|level|state)s?)?|energy\s+emergency(?:\s+alerts?)?`,
    ),
    " GRIDCOND ",
  ],
  [
    w(
      String.raw`darts?|(?:da|dam)\s*(?:/|-|vs\.?|minus)\s*(?:rt|real[ -]?time)${SPREAD}?`,
      String.raw`day[ -]?ahead\s+(?:minus|less)\s+real[ -]?time${SPREAD}?`,
    ),
    " DART ",
  ],
  [
    /\b(?:tb\s*-?\s*([24])|top[ -]?(?:and[ -]?|to[ -]?|minus[ -]?)?bottom(?:[ -](2|4|two|four))?(?:[ -]hours?)?(?:\s+(?:price\s+)?spreads?)?)\b/g,
    (_, tb, n) => ` TB${NUMBER[tb ?? n ?? "2"]} `,
  ],
  [
    w(String
      .raw`(?:batter(?:y|ies)|storage|bess)\s+(?:(?:energy\s+)?arbitrage\s+)?spreads?|arbitrage\s+spreads?`),
    " TB ",
  ],
  [w(String.raw`basis(?:\s+spreads?)?`), " BASIS "],
  [w("spreads?|differentials?|differences?|diff"), " SPREAD "],
  [w("minus"), " MINUS "],
];

const REWRITES: Rewrite[] = [
  ...DERIVED,
  [
    w(
      String.raw`(?:fuel|generation|gen|energy|power|supply|resource)[ -]?mix(?:es)?`,
      String.raw`(?:generation|gen|output|production)\s+(?:by|per|across)\s+` +
        String.raw`(?:fuel|source|resource|technology|type)s?(?:\s+types?)?`,
      String.raw`all\s+fuels?|by\s+fuel(?:\s+type)?`,
    ),
    " MIX ",
  ],
  [w(String.raw`(?:reg(?:ulation)?[ -]?up|regup)${AS_TAIL}`), " AS_REGUP "],
  [w(String.raw`(?:reg(?:ulation)?[ -]?(?:down|dn)|regdn|regdown)${AS_TAIL}`), " AS_REGDN "],
  [w(String.raw`(?:responsive\s+reserves?(?:\s+service)?|rrs)${AS_TAIL}`), " AS_RRS "],
  [
    w(String.raw`(?:(?:ercot\s+)?contingency\s+reserves?(?:\s+service)?|ecrs)${AS_TAIL}`),
    " AS_ECRS ",
  ],
  [w(String.raw`(?:non[ -]?spin(?:ning)?(?:\s+reserves?)?|nspin)${AS_TAIL}`), " AS_NSPIN "],
  [w(String.raw`regulation${AS_TAIL}`), " AS_REGUP AS_REGDN "],
  [
    w(
      String.raw`(?:ancillary(?:\s+services?)?|a/s|mcpcs?)(?:\s+(?:market\s+)?clearing)?` +
        String.raw`(?:\s+prices?)?`,
    ),
    " ASALL ",
  ],
  [w(String.raw`(?:market\s+)?clearing\s+prices?`), " ASALL "],
  [
    w(String.raw`(?:day[ -]?ahead|da|dam)\s+(?:system\s+|ercot\s+)?(?:load|demand)\s+forecasts?`),
    " LOADFCDA ",
  ],
  [
    w(String.raw`(?:real[ -]?time|rt|instantaneous)\s+(?:system\s+|ercot\s+)?(?:demand|load)`),
    " DEMANDRT ",
  ],
  [
    w(
      String.raw`(?:available\s+)?(?:generation\s+|generating\s+)?capacity(?:\s+available)?`,
      String.raw`available\s+generation|supply`,
    ),
    " CAPACITY ",
  ],
  [
    w(String.raw`physical\s+responsive\s+capability|prc|(?:operating\s+)?reserves?(?:\s+margin)?`),
    " RESERVES ",
  ],
  [w(String.raw`energy[ -]?weighted|ew`), " EW "],
  [w("lzew"), " EW LZ "],
  [
    w(
      String.raw`(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?(?:five\s+|5\s+)?(?:trading\s+)?hubs?`,
      String.raw`the\s+(?:five|5)\s+hubs`,
    ),
    " ALLHUBS ",
  ],
  [
    /\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?(?:eight\s+|8\s+)?(EW\s+)?(?:load[ -]?zones?|lzs?)\b/g,
    (_, ew) => ` ${ew ? "EW " : ""}ALLLZ `,
  ],
  [w(String.raw`(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?dc[ -]?ties?`), " ALLDC "],
  [
    w(String.raw`(?:hub|hb)[ _-]?(?:average|avg)|average\s+of\s+(?:the\s+|all\s+)?hubs`),
    " P_HB_HUBAVG ",
  ],
  [w(String.raw`(?:(?:hub\s+)?bus|hb_?bus)[ _-]?(?:average|avg)`), " P_HB_BUSAVG "],
  [
    w(String.raw`dc[ -]?ties?|(?:dc|asynchronous)\s+(?:interconnect(?:ion)?s?|links?)|ties?`),
    " DCTIE ",
  ],
  [w(String.raw`(?:by|per|each|every|all|across)\s+(?:the\s+)?(?:wind\s+)?regions?`), " BYREGION "],
  [w(String.raw`load[ -]?zones?|lzs?|settlement\s+zones?`), " LZ "],
  [w(String.raw`(?:forecast|weather)\s+(?:zones?|regions?|areas?)`), " FZ "],
  [w(String.raw`(?:trading\s+)?hubs?`), " HUB "],
  [w("zones?"), " ZONE "],
  [w(String.raw`austin(?:\s+energy)?|aen`), " R_AEN "],
  [w(String.raw`cps(?:\s+energy)?|san\s+antonio`), " R_CPS "],
  [w(String.raw`lcra|lower\s+colorado(?:\s+river(?:\s+authority)?)?`), " R_LCRA "],
  [w(String.raw`rayburn(?:\s+country)?|raybn`), " R_RAYBN "],
  [w("laredo"), " R_LAREDO "],
  [w("railroad"), " R_RAILROAD "],
  [w("east(?:ern)?"), " R_EAST "],
  [w(String.raw`(?:far\s+)?west(?:ern)?`), " R_WEST "],
  [w("north(?:ern)?|dallas|dfw"), " R_NORTH "],
  [w("south(?:ern)?"), " R_SOUTH "],
  [w("houston"), " R_HOUSTON "],
  [w("pan(?:handle)?"), " R_PAN "],
  [
    w(
      String.raw`(?:(?:real[ -]?time|rt)\s+)?` +
        String.raw`(?:lmps?|sced(?:\s+lmps?)?|locational\s+marginal\s+prices?|nodal\s+prices?)`,
    ),
    " LMP PRICE ",
  ],
  [w(String.raw`real[ -]?time|rt|spot`), " RT "],
  [w(String.raw`day[ -]?ahead|da|dam`), " DA "],
  [
    w(String.raw`settlement\s+(?:point\s+)?prices?|spps?|prices?|pricing|priced|costs?`),
    " PRICE ",
  ],
  [/\$\s*\/\s*mwh\b/g, " PRICE "],
  [w("stwpf"), " WIND FC "],
  [w("stppf"), " SOLAR FC "],
  [w(String.raw`high\s+sustained\s+limits?|hsls?`), " HSL "],
  [
    w("forecast(?:s|ed|ing)?|predicted|predictions?|projected|projections?|outlook"),
    " FC ",
  ],
  [w(String.raw`actuals?|observed|measured|metered`), " ACT "],
  [w(String.raw`power\s+storage`), " FUEL_POWER_STORAGE "],
  [w(String.raw`natural\s+gas|gas(?:[ -]fired)?`), " FUEL_NATURAL_GAS "],
  [w(String.raw`coal(?:\s+and\s+lignite)?|lignite`), " FUEL_COAL_AND_LIGNITE "],
  [w("nuclear|nukes?"), " FUEL_NUCLEAR "],
  [w("hydro(?:electric)?(?:power)?"), " FUEL_HYDRO "],
  [w(String.raw`other\s+(?:generation|fuels?|sources?|resources?)`), " FUEL_OTHER "],
  [w("renewables?"), " WIND SOLAR "],
  [w(String.raw`wind(?:\s+(?:power|energy|farms?|turbines?))?`), " WIND "],
  [w(String.raw`(?:solar|pv|photovoltaic)(?:\s+(?:power|energy|farms?|panels?))?`), " SOLAR "],
  [w(String.raw`batter(?:y|ies)|(?:energy\s+)?storage(?:\s+resources?)?|esrs?|bess`), " STORAGE "],
  [w("discharg(?:e|es|ing|ed)"), " DIS "],
  [w("charg(?:e|es|ing|ed)"), " CHG "],
  [w("net"), " NET "],
  [
    w(
      String.raw`how\s+much\s+(?:power|electricity|energy)(?:\s+\w+){0,3}?\s+` +
        String.raw`(?:us(?:e|es|ed|ing)|consum(?:e|es|ed|ing))`,
      String.raw`loads?|demands?|consumption|usage`,
    ),
    " LOAD ",
  ],
  [w("generation|generating|generated|gen|outputs?|production|produced|producing"), " GEN "],
];

const LITERAL_KEY =
  /\b(?:spp\.rt|lmp\.rt|spp\.da|mcpc\.da|load|demand|capacity|reserves|gen|wind|solar|storage)(?:\.[a-z0-9_]+)+/g;
const LITERAL_POINT = /\b(?:hb|lz|dc)_[a-z]+(?:_ew)?\b/g;

/**
 * Rewrites every known series phrase of a normalised request into concept tokens. Literal keys
 * (`spp.rt.hb_west`) become `K<n>` when in the catalog and `X<n>` when not, indexing `keys`;
 * literal settlement points (`HB_WEST`) become `P_HB_WEST`.
 */
export function rewriteSeriesWords(text: string): Rewritten {
  const keys: string[] = [];
  const literal = (key: string, known: string) => {
    keys.push(key);
    return ` ${isKnownSeries(key) ? known : "X"}${keys.length - 1} `;
  };
  let out = text.replace(LITERAL_KEY, (key) => literal(key, "K"))
    .replace(
      LITERAL_POINT,
      (point) =>
        isKnownSeries(`spp.rt.${point}`)
          ? ` P_${point.toUpperCase()} `
          : literal(`spp.rt.${point}`, "K"),
    );
  for (const [pattern, replacement] of REWRITES) {
    out = out.replace(pattern, replacement as string);
  }
  return { text: out, keys };
}

/** Splits rewritten text into tokens: concept tokens as written, other words stripped of punctuation. */
export function tokenize(text: string): string[] {
  return text.replace(/([,&/+])/g, " $1 ").split(/\s+/)
    .map((t) => /^[A-Z]/.test(t) ? t : t.replace(/^[^a-z0-9,&/+]+|[^a-z0-9]+$/g, ""))
    .filter((t) => t.length > 0);
}
