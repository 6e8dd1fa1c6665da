/**
 * Settlement points: which the price feeds keep (`INGEST_SETTLEMENT_POINTS`),
 * what each is by its name or type, and how a name becomes part of a key.
 *
 * @module
 */

import { SchemaChangedError } from "../../domain/errors.ts";
import { pointType } from "../../domain/cross_section.ts";
import type { CellRef } from "../csv.ts";

/** The scope options of a feed parser (see `ParseOptions`). */
export interface PointOptions {
  /**
   * Which settlement points the price feeds (NP6-905, NP4-190, NP6-788) keep:
   * `hubs`, `zones` (hubs, load zones and DC ties; the default) or `all`
   * (resource nodes too).
   */
  settlementPoints?: SettlementPoints;
  /** @deprecated the old opt-in: `true` is `settlementPoints: "all"`. */
  resourceNodes?: boolean;
}

/** The settlement point scopes of `INGEST_SETTLEMENT_POINTS`, narrowest first. */
export const SETTLEMENT_POINT_SCOPES = ["hubs", "zones", "all"] as const;

/** Which settlement points a price feed keeps; see {@link ParseOptions}. */
export type SettlementPoints = typeof SETTLEMENT_POINT_SCOPES[number];

/** What a settlement point is: a hub, a load zone or DC tie, or a resource node. */
export type PointKind = "hub" | "zone" | "node";

/**
 * Whether a point of `kind` is kept under the options' scope (`zones` when unset).
 *
 * @example keepsPoint({ settlementPoints: "hubs" }, "zone") // false
 */
export function keepsPoint(opts: PointOptions, kind: PointKind): boolean {
  const scope = opts.settlementPoints ?? (opts.resourceNodes ? "all" : "zones");
  if (scope === "all") return true;
  return kind === "hub" || (scope === "zones" && kind === "zone");
}

/**
 * The kind of a settlement point by its name's prefix (`HB_`, `LZ_`/`DC_`, anything else), as
 * the catalog and the cross-section reads classify it (domain/cross_section.ts).
 */
export const pointKindOf: (name: string) => PointKind = pointType;

/**
 * ERCOT settlement point names: capitals, digits, `_` and `-` (`RAB_G1-8` is
 * real), at most 48 characters and starting with a capital or digit.
 */
const POINT_NAME = /^[A-Z0-9][A-Z0-9_-]{0,47}$/;

/**
 * `name` when it is an ERCOT settlement point name; anything else is a
 * `SchemaChangedError` naming the cell (`NP6-788 row 12 SettlementPoint`) and
 * the name, so the whole document is refused and no catalog row is written.
 *
 * @example checkPointName("ALVIN RN", { doc: "NP6-788", row: 3, field: "SettlementPoint" }) // throws
 */
export function checkPointName(name: string, at: CellRef): string {
  if (POINT_NAME.test(name)) return name;
  throw new SchemaChangedError(
    `${at.doc} row ${at.row} ${at.field} ${
      JSON.stringify(name)
    } is not an ERCOT settlement point name` +
      " (A-Z, 0-9, _ and -, at most 48 characters): the document is refused",
    [],
    [name],
  );
}

/**
 * The series key part of a settlement point name: lower case, `-` read as
 * `_` (keys are `[a-z0-9_]`; a clash of two names in one document is a
 * repeated instant, which the document is rejected for).
 *
 * @example pointKeyPart("RAB_G1-8") // "rab_g1_8"
 */
export function pointKeyPart(name: string): string {
  return name.toLowerCase().replaceAll("-", "_");
}
