/**
 * Dashboard `fuel-mix.json`: generation by fuel, 5-minute (`gen.<fuel>`).
 *
 * Reads all three schemas seen: 2023 (stamps without offsets, Central time;
 * `{gen, hsl}`), 2024 (`{gen, hsl, seasonalCapacity}`) and 2025 (`{gen}` plus
 * top-level `monthlyCapacity`). Each stamp is an interval end a few seconds
 * early (`00:04:56`): it is rounded to the nearest 5 minutes and 5 minutes
 * are taken off to give the interval start. When ERCOT splits one interval
 * across two stamps seconds apart, the two merge into one interval; a fuel
 * reported twice for one interval is a `ParseError`. A fuel outside the
 * catalog is a `SchemaChangedError`.
 *
 * @module
 */
import { SchemaChangedError } from "../../domain/errors.ts";
import { parseCentralTimestamp } from "../../domain/ercot_time.ts";
import { ObservationList } from "./bounds.ts";
import type { Observation } from "../types.ts";
import {
  asObject,
  decodeJsonDocument,
  docLabel,
  jsonNumber,
  locate,
  type ParseOptions,
  requireKeys,
} from "./helpers.ts";

const FUELS: Readonly<Record<string, string>> = {
  "Coal and Lignite": "coal_and_lignite",
  "Hydro": "hydro",
  "Natural Gas": "natural_gas",
  "Nuclear": "nuclear",
  "Other": "other",
  "Power Storage": "power_storage",
  "Solar": "solar",
  "Wind": "wind",
};

const FIVE_MINUTES_MS = 300_000;

/** Interval start of a fuel-mix stamp: round to the nearest 5 min, minus 5 min. */
function intervalStart(stamp: string, doc: string, where: string): Date {
  const end = locate(doc, where, () => parseCentralTimestamp(stamp, { field: "Stamp" })).getTime();
  return new Date(Math.round(end / FIVE_MINUTES_MS) * FIVE_MINUTES_MS - FIVE_MINUTES_MS);
}

/** Parses one `fuel-mix.json` document. */
export function parseFuelMix(bytes: Uint8Array, opts: ParseOptions = {}): Observation[] {
  const doc = docLabel("fuel-mix.json", opts.fileName);
  const root = decodeJsonDocument(bytes, doc);
  requireKeys(root, ["data"], doc, "the document");
  const out = new ObservationList(doc);
  for (const [day, stamps] of Object.entries(asObject(root.data, doc, "data"))) {
    for (const [stamp, fuels] of Object.entries(asObject(stamps, doc, `data.${day}`))) {
      const where = `data.${day}["${stamp}"]`;
      const ts = intervalStart(stamp, doc, where);
      const byFuel = asObject(fuels, doc, where);
      const unknown = Object.keys(byFuel).filter((fuel) => !Object.hasOwn(FUELS, fuel));
      if (unknown.length > 0) {
        throw new SchemaChangedError(
          `${doc} changed shape: unknown fuel ${unknown.join(", ")}`,
          [],
          unknown,
        );
      }
      for (const [fuel, fields] of Object.entries(byFuel)) {
        const values = asObject(fields, doc, `${where}.${fuel}`);
        requireKeys(values, ["gen"], doc, `${where}.${fuel}`);
        const gen = jsonNumber(values.gen, doc, `${where}.${fuel}.gen`);
        if (gen !== undefined) {
          out.add(where, `${fuel}.gen`, { series: `gen.${FUELS[fuel]}`, ts, value: gen });
        }
      }
    }
  }
  return out.items;
}
