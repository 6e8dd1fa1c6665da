/**
 * ERCOT's RTC+B changes renamed `DSTFlag` to `RepeatedHourFlag` in some CSV
 * reports (and the API spells it either way): every CSV feed reads the repeated
 * hour the same under either name, and any other header change is still a
 * changed schema. The documents are written here, on the fall-back day
 * 2025-11-02, with both passes of the repeated hour.
 *
 * @module
 */
import assert from "node:assert/strict";
import { SchemaChangedError } from "../../../domain/errors.ts";
import { type FeedId, FEEDS } from "../../../ingest/feeds/mod.ts";
import { bytes } from "../../_fixtures.ts";

interface CsvCase {
  /** Header as the feed's current files spell it. */
  header: string[];
  /** The flag column's name in `header`. */
  flag: string;
  /** One data row for the flag value `Y` or `N`. */
  row: (flag: "Y" | "N") => string[];
}

/** `n` plausible numbers, so every value column parses. */
const values = (n: number) => Array.from({ length: n }, (_, i) => String(100 + i));

const WIND_COLUMNS = [
  "SYSTEM_WIDE_GEN",
  "COP_HSL_SYSTEM_WIDE",
  "STWPF_SYSTEM_WIDE",
  "WGRPP_SYSTEM_WIDE",
  ...["SOUTH_HOUSTON", "WEST", "NORTH"].flatMap((r) => [
    `GEN_LZ_${r}`,
    `COP_HSL_LZ_${r}`,
    `STWPF_LZ_${r}`,
    `WGRPP_LZ_${r}`,
  ]),
];
const SOLAR_COLUMNS = [
  "SYSTEM_WIDE_GEN",
  "COP_HSL_SYSTEM_WIDE",
  "STPPF_SYSTEM_WIDE",
  "PVGRPP_SYSTEM_WIDE",
];

const CASES: Record<string, CsvCase> = {
  np6_905: {
    header: [
      "DeliveryDate",
      "DeliveryHour",
      "DeliveryInterval",
      "SettlementPointName",
      "SettlementPointType",
      "SettlementPointPrice",
      "DSTFlag",
    ],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "02", "1", "HB_NORTH", "HU", f === "Y" ? "21.5" : "20.5", f],
  },
  np6_788: {
    header: ["SCEDTimestamp", "RepeatedHourFlag", "SettlementPoint", "LMP"],
    flag: "RepeatedHourFlag",
    row: (f) => ["11/02/2025 01:02:13", f, "HB_NORTH", f === "Y" ? "21" : "20"],
  },
  np4_190: {
    header: ["DeliveryDate", "HourEnding", "SettlementPoint", "SettlementPointPrice", "DSTFlag"],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "02:00", "HB_NORTH", f === "Y" ? "31" : "30", f],
  },
  np4_188: {
    header: ["DeliveryDate", "HourEnding", "AncillaryType", "MCPC", "DSTFlag"],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "02:00", "REGUP", f === "Y" ? "5" : "4", f],
  },
  np6_346: {
    header: ["OperDay", "HourEnding", "NORTH", "SOUTH", "WEST", "HOUSTON", "TOTAL", "DSTFlag"],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "02:00", ...values(5), f],
  },
  np3_560: {
    header: [
      "DeliveryDate",
      "HourEnding",
      "North",
      "South",
      "West",
      "Houston",
      "SystemTotal",
      "DSTFlag",
    ],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "2:00", ...values(5), f],
  },
  np4_732: {
    header: ["DELIVERY_DATE", "HOUR_ENDING", ...WIND_COLUMNS, "DSTFlag"],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "2", ...values(WIND_COLUMNS.length), f],
  },
  np4_737: {
    header: ["DELIVERY_DATE", "HOUR_ENDING", ...SOLAR_COLUMNS, "DSTFlag"],
    flag: "DSTFlag",
    row: (f) => ["11/02/2025", "2", ...values(SOLAR_COLUMNS.length), f],
  },
};

const CSV_FEEDS = Object.keys(CASES) as FeedId[];

/** The document with its flag column named `flagName`. */
function document(c: CsvCase, flagName: string): Uint8Array {
  const header = c.header.map((h) => h === c.flag ? flagName : h);
  return bytes([header, c.row("N"), c.row("Y")].map((r) => r.join(",")).join("\r\n") + "\r\n");
}

const summary = (feed: FeedId, doc: Uint8Array) =>
  FEEDS[feed].parse(doc).map((o) => `${o.series} ${o.ts.toISOString()} ${o.value}`);

Deno.test("every CSV feed of the registry is covered here", () => {
  const registered = Object.values(FEEDS).filter((f) => f.kind === "mis").map((f) => f.id);
  assert.deepEqual(CSV_FEEDS.toSorted(), registered.toSorted());
});

Deno.test("every CSV feed reads the repeated hour under DSTFlag and RepeatedHourFlag alike", async (t) => {
  for (const feed of CSV_FEEDS) {
    await t.step(feed, () => {
      const c = CASES[feed];
      const asRecorded = summary(feed, document(c, c.flag));
      const other = c.flag === "DSTFlag" ? "RepeatedHourFlag" : "DSTFlag";
      assert.deepEqual(summary(feed, document(c, other)), asRecorded);
      // Both passes of the repeated hour are kept apart, an hour from each other.
      const stamps = new Set(asRecorded.map((line) => line.split(" ")[1]));
      assert.equal(stamps.size, 2, asRecorded.join("\n"));
    });
  }
});

Deno.test("every CSV feed still refuses any other change of the flag's header as schema_changed", async (t) => {
  for (const feed of CSV_FEEDS) {
    await t.step(feed, () => {
      const c = CASES[feed];
      for (const renamed of ["RepeatedHour", "DSTFlag2", "IsRepeatedHour"]) {
        assert.throws(
          () => FEEDS[feed].parse(document(c, renamed)),
          (e) =>
            e instanceof SchemaChangedError &&
            e.message.includes(`missing ${c.flag}`) &&
            e.unknown.includes(renamed),
          `${feed}: ${renamed}`,
        );
      }
    });
  }
});
