/**
 * Durations as people type them ("15 min", "2 h", "90 s", "1 h 30 min",
 * "1 day") and as the alerts API stores them (ISO 8601: `PT15M`, `PT2H`,
 * `PT90S`, `PT1H30M`, `P1D`). Each unit typed becomes the same ISO unit, so a
 * duration reads back the way it was written; ISO is accepted as is.
 *
 * @module
 */
import { durationMs, durationParts } from "../../domain/duration.ts";
import { editDistance } from "../../domain/catalog.ts";

/** A parsed duration: the ISO text to send, or what is wrong with the input. */
export type DurationParse = { iso: string; error?: undefined } | { error: string; iso?: undefined };

type Unit = "W" | "D" | "H" | "M" | "S";

const SECONDS: Record<Unit, number> = { W: 604_800, D: 86_400, H: 3_600, M: 60, S: 1 };
const ORDER: Unit[] = ["W", "D", "H", "M", "S"];
const SHORT: Record<Unit, [string, string]> = {
  W: ["week", "weeks"],
  D: ["day", "days"],
  H: ["h", "h"],
  M: ["min", "min"],
  S: ["s", "s"],
};

const WORDS: Record<string, Unit> = {};
for (
  const [unit, words] of Object.entries({
    W: "w wk wks week weeks",
    D: "d day days",
    H: "h hr hrs hour hours",
    M: "m min mins minute minutes",
    S: "s sec secs second seconds",
  })
) for (const w of words.split(" ")) WORDS[w] = unit as Unit;

const EXAMPLES = `such as "15 min", "2 h", "1 h 30 min" or "1 day"`;

function unknownUnit(word: string): string {
  const near = Object.keys(WORDS).filter((w) => w.length > 2)
    .map((w) => ({ w, d: editDistance(word, w) }))
    .sort((a, b) => a.d - b.d || b.w.length - a.w.length)[0];
  const hint = near && near.d <= 2 ? `; did you mean "${near.w}"?` : "";
  return `"${word}" is not a unit of time${hint} Write a duration ${EXAMPLES}`;
}

/** Seconds of an ISO duration the API accepts; null when it is not one. */
export function isoSeconds(iso: string): number | null {
  const ms = durationMs(iso);
  return ms === null ? null : ms / 1000;
}

function toIso(parts: Map<Unit, number>): string {
  const n = (u: Unit) => (parts.get(u) ? `${parts.get(u)}${u}` : "");
  const time = n("H") + n("M") + n("S");
  return `P${n("W")}${n("D")}${time ? `T${time}` : ""}`;
}

/**
 * Reads a duration typed by a person, or ISO 8601; at most `maxSeconds` long.
 *
 * @example parseDuration("1 h 30 min") // { iso: "PT1H30M" }
 * @example parseDuration("15 minuets").error // '"minuets" is not a unit of time; did you mean "minutes"? …'
 */
export function parseDuration(text: string, maxSeconds = Infinity): DurationParse {
  const input = text.trim().toLowerCase();
  if (!input) return { error: `Write a duration ${EXAMPLES}` };
  let iso: string;
  if (/^p/.test(input)) {
    if (isoSeconds(input) === null) {
      return {
        error: `"${text.trim()}" is not an ISO duration such as PT15M; or write one ${EXAMPLES}`,
      };
    }
    iso = input.toUpperCase();
  } else {
    const parts = new Map<Unit, number>();
    const tokens = input.replace(/,|\band\b/g, " ").match(/\d+(?:\.\d+)?|[a-z]+|\S/g) ?? [];
    for (let i = 0; i < tokens.length; i += 2) {
      const [num, word] = [tokens[i], tokens[i + 1]];
      if (!/^\d/.test(num)) {
        return { error: `Expected a number before "${num}": write a duration ${EXAMPLES}` };
      }
      if (word === undefined) return { error: `Say the unit after ${num}, e.g. "${num} min"` };
      const unit = WORDS[word];
      if (!unit) return { error: unknownUnit(word) };
      let value = Number(num);
      let u = unit;
      // "1.5 h" is 90 min: step down until whole.
      while (!Number.isInteger(value) && u !== "S") {
        const lower = ORDER[ORDER.indexOf(u) + 1];
        value = Math.round(value * SECONDS[u] / SECONDS[lower] * 1e6) / 1e6;
        u = lower;
      }
      if (!Number.isInteger(value)) {
        return { error: `"${text.trim()}" is not a whole number of seconds` };
      }
      parts.set(u, (parts.get(u) ?? 0) + value);
    }
    if ([...parts.values()].every((v) => v === 0)) {
      return { error: `"${text.trim()}" is no time at all; write a duration ${EXAMPLES}` };
    }
    iso = toIso(parts);
  }
  const secs = isoSeconds(iso);
  if (secs === null) {
    return { error: `"${text.trim()}" is too long to store; write a duration ${EXAMPLES}` };
  }
  if (secs > maxSeconds) {
    return {
      error: `"${text.trim()}" is longer than the ${
        formatDuration(maxSecondsIso(maxSeconds))
      } allowed here`,
    };
  }
  return { iso };
}

function maxSecondsIso(secs: number): string {
  return secs % 86_400 === 0 ? `P${secs / 86_400}D` : `PT${secs}S`;
}

/**
 * An ISO duration as a person would write it, unit by unit as stored:
 * `PT15M` → `15 min`, `PT1H30M` → `1 h 30 min`, `P1D` → `1 day`; as is when odd.
 */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return "";
  const parts = durationParts(iso);
  if (!parts) return iso;
  return parts.flatMap((v, i) => {
    if (v === 0) return [];
    const [one, many] = SHORT[ORDER[i]];
    return [`${v} ${v === 1 ? one : many}`];
  }).join(" ") || iso;
}
