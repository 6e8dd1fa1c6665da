/**
 * A generated NP6-905-CD day for the benchmarks: 1,000 settlement points ×
 * 96 intervals (mostly RN resource nodes plus every hub, load zone,
 * energy-weighted zone and DC tie), zipped as ERCOT serves it; and the
 * NP4-190-CD day-ahead day of the same points (24 hours, no type column).
 *
 * @module
 */
import { zipSync } from "fflate";

/** Settlement points in a generated day. */
export const POINTS = 1000;

const point = (name: string, type: string): [string, string] => [name, type];
const ZONES = ["AEN", "CPS", "HOUSTON", "LCRA", "NORTH", "RAYBN", "SOUTH", "WEST"];
const FIXED: [string, string][] = [
  point("HB_BUSAVG", "SH"),
  point("HB_HUBAVG", "AH"),
  ...["HB_HOUSTON", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST"].map((n) => point(n, "HU")),
  ...ZONES.map((z) => point(`LZ_${z}`, "LZ")),
  ...ZONES.map((z) => point(`LZ_${z}`, "LZEW")),
  ...["DC_E", "DC_L", "DC_N", "DC_R"].map((n) => point(n, "LZ_DC")),
];
const PLANTS = ["ALVIN", "BRAZOS", "CEDARBLUFF", "DECKER", "ELMCREEK", "FORNEY", "GIBCREEK"];
const UNITS = ["RN", "UNIT1", "UNIT2", "ALL", "G1", "CT1", "ESR1", "PV1", "WND1"];

/**
 * Every settlement point of a generated day, with its type: 27 fixed (fewer when `count` is
 * smaller), the rest nodes.
 */
export function settlementPoints(count = POINTS): [string, string][] {
  if (count <= FIXED.length) return FIXED.slice(0, count);
  const nodes: [string, string][] = [];
  for (let i = 0; FIXED.length + nodes.length < count; i++) {
    const plant = `${PLANTS[i % PLANTS.length]}${Math.floor(i / PLANTS.length)}`;
    const type = i % 50 === 7 ? "PCCRN" : i % 50 === 23 ? "LCCRN" : i % 97 === 5 ? "PUN" : "RN";
    nodes.push(point(`${plant}_${UNITS[i % UNITS.length]}`, type));
  }
  return [...FIXED, ...nodes];
}

/**
 * One NP6-905-CD day (`MM/DD/YYYY`) as ERCOT would post it, in interval order, as a ZIP of one
 * CSV; `count` settlement points (1,000).
 */
export function generateDay(date: string, seed: number, count = POINTS): Uint8Array {
  const points = settlementPoints(count);
  const lines = [
    "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType," +
    "SettlementPointPrice,DSTFlag",
  ];
  for (let hour = 1; hour <= 24; hour++) {
    for (let interval = 1; interval <= 4; interval++) {
      const base = 28 + 18 * Math.sin(((hour - 6) / 24) * 2 * Math.PI) + seed;
      points.forEach(([name, type], k) => {
        const price = base + ((k * 7919 + hour * 31 + interval * 17) % 1300) / 100 - 4;
        const h = String(hour).padStart(2, "0");
        lines.push(`${date},${h},${interval},${name},${type},${price.toFixed(2)},N`);
      });
    }
  }
  const csv = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  const stamp = date.replace(/^(\d\d)\/(\d\d)\/(\d{4})$/, "$3$1$2");
  return zipSync({ [`cdr.00012301.0000000000000000.${stamp}.SPPHLZNP6905.csv`]: csv });
}

/**
 * One NP4-190-CD day-ahead day (`MM/DD/YYYY`) of the same settlement points (energy-weighted
 * zones are real-time only), hours ending `01:00` to `24:00`, as a ZIP of one CSV.
 */
export function generateDamDay(date: string, seed: number, count = POINTS): Uint8Array {
  const points = settlementPoints(count).filter(([, type]) => !type.endsWith("EW"));
  const lines = ["DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag"];
  for (let hour = 1; hour <= 24; hour++) {
    const base = 30 + 15 * Math.sin(((hour - 7) / 24) * 2 * Math.PI) + seed;
    const h = `${String(hour).padStart(2, "0")}:00`;
    points.forEach(([name], k) => {
      const price = base + ((k * 6007 + hour * 43) % 1100) / 100 - 3;
      lines.push(`${date},${h},${name},${price.toFixed(2)},N`);
    });
  }
  const csv = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  const stamp = date.replace(/^(\d\d)\/(\d\d)\/(\d{4})$/, "$3$1$2");
  return zipSync({ [`cdr.00012331.0000000000000000.${stamp}.DAMSPNP4190.csv`]: csv });
}
