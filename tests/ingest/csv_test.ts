import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../domain/errors.ts";
import {
  cellError,
  type ColumnSpec,
  matchColumns,
  parseNumber,
  readCsv,
  readNumber,
} from "../../ingest/csv.ts";

const SPEC: ColumnSpec = { columns: ["DeliveryDate", "HourEnding", "SettlementPoint", "DSTFlag"] };

Deno.test("readCsv() reads LF and CRLF files alike", () => {
  const lf = readCsv("A,B\n1,2\n3,4\n", "T");
  const crlf = readCsv("A,B\r\n1,2\r\n3,4\r\n", "T");
  assert.deepEqual(crlf, lf);
  assert.deepEqual(lf.records.map((r) => r.cells), [["1", "2"], ["3", "4"]]);
});

Deno.test("readCsv() trims header names and cells", () => {
  const t = readCsv("DeliveryDate,HourEnding,DSTFlag    \n03/13/2025, 1:00 ,N\n", "NP3-560");
  assert.deepEqual(t.header, ["DeliveryDate", "HourEnding", "DSTFlag"]);
  assert.deepEqual(t.records[0].cells, ["03/13/2025", "1:00", "N"]);
});

Deno.test("readCsv() honours quotes, escaped quotes and quoted line breaks", () => {
  const t = readCsv('Name,Note,Price\n"RAB_G1-8","a, ""b""\nc","  -38.25"\nX,y,1\n', "T");
  assert.deepEqual(t.records[0].cells, ["RAB_G1-8", 'a, "b"\nc', "-38.25"]);
  assert.equal(t.records[0].line, 2);
  assert.equal(t.records[1].line, 4);
});

Deno.test("readCsv() numbers rows by file line, header first, skipping blank lines", () => {
  const t = readCsv("A\n1\n\n2", "T");
  assert.deepEqual(t.records.map((r) => r.line), [2, 4]);
  assert.equal(readCsv("\uFEFFA\n1\n", "T").header[0], "A");
});

Deno.test("readCsv() rejects a row with the wrong number of fields naming the row", () => {
  assert.throws(
    () => readCsv("A,B\n1,2\n3\n", "NP6-905"),
    (e) =>
      e instanceof ParseError &&
      e.message === "Cannot parse NP6-905 row 3: expected 2 fields, found 1",
  );
});

Deno.test("readCsv() rejects an empty file", () => {
  assert.throws(() => readCsv("", "NP6-905"), ParseError);
});

Deno.test("readNumber() accepts ERCOT number quirks", () => {
  assert.equal(readNumber(".01"), 0.01);
  assert.equal(readNumber("-38.25"), -38.25);
  assert.equal(readNumber("      -38.25"), -38.25);
  assert.equal(readNumber(" 23.94"), 23.94);
  assert.equal(readNumber("1"), 1);
  assert.equal(readNumber("+5."), 5);
  assert.equal(readNumber("13005.493749755861875"), 13005.493749755861875);
  assert.equal(readNumber("1e3"), 1000);
});

Deno.test("readNumber() rejects non-numeric text", () => {
  for (const bad of ["abc", "", " ", "1,000", "NaN", "Infinity", "0x10", "1.2.3", "-", "."]) {
    assert.equal(readNumber(bad), undefined, JSON.stringify(bad));
  }
});

Deno.test("parseNumber() names file, row and field when a value is not a number", () => {
  assert.equal(parseNumber(" .5", { doc: "NP6-905", row: 12, field: "SettlementPointPrice" }), 0.5);
  assert.throws(
    () => parseNumber("abc", { doc: "NP6-905", row: 12, field: "SettlementPointPrice" }),
    (e) =>
      e instanceof ParseError &&
      e.message === 'Cannot parse NP6-905 row 12: SettlementPointPrice "abc" is not a number',
  );
});

Deno.test("cellError() builds a ParseError in the house format", () => {
  const e = cellError({ doc: "NP4-188", row: 4, field: "AncillaryType" }, '"XYZ" is unknown');
  assert.ok(e instanceof ParseError);
  assert.equal(e.message, 'Cannot parse NP4-188 row 4: AncillaryType "XYZ" is unknown');
});

Deno.test("matchColumns() accepts ERCOT's spellings of date, hour and flag columns", async (t) => {
  const variants = [
    ["DeliveryDate", "HourEnding", "SettlementPoint", "DSTFlag"],
    ["Delivery Date", "Hour Ending", "SettlementPoint", "Repeated Hour Flag"],
    ["DELIVERY_DATE", "HOUR_ENDING", "SettlementPoint", "RepeatedHourFlag"],
    ["OperDay", "DeliveryHour", "SettlementPoint", "RepeatHourFlag"],
    ["deliveryDate", "hourEnding", "settlementPoint", "dstFlag"],
    ["operatingDay", "hourEnding", "SettlementPoint", "DSTFlag"],
  ];
  for (const header of variants) {
    await t.step(header.join(","), () => {
      const found = matchColumns(header, SPEC, "NP4-190");
      assert.deepEqual([...found.keys()].sort(), [...SPEC.columns].sort());
      assert.equal(found.get("DSTFlag")?.name, header[3]);
    });
  }
});

Deno.test("matchColumns() reports missing and unknown columns as schema drift", () => {
  assert.throws(
    () =>
      matchColumns(
        ["DeliveryDate", "HourEnding", "SettlementPointName2", "DSTFlag", "Extra"],
        SPEC,
        "NP4-190",
      ),
    (e) => {
      assert.ok(e instanceof SchemaChangedError);
      assert.deepEqual(e.missing, ["SettlementPoint"]);
      assert.deepEqual(e.unknown, ["SettlementPointName2", "Extra"]);
      assert.equal(
        e.message,
        "NP4-190 columns changed: missing SettlementPoint; unknown SettlementPointName2, Extra",
      );
      return true;
    },
  );
});

Deno.test("matchColumns() accepts declared aliases and optional columns", () => {
  const spec: ColumnSpec = {
    columns: ["SYSTEM_WIDE_GEN"],
    optional: ["SYSTEM_WIDE_HSL"],
    aliases: { SYSTEM_WIDE_GEN: ["ACTUAL_SYSTEM_WIDE"] },
  };
  assert.equal(
    matchColumns(["ACTUAL_SYSTEM_WIDE"], spec, "NP4-737").get("SYSTEM_WIDE_GEN")?.index,
    0,
  );
  assert.equal(matchColumns(["SYSTEM_WIDE_GEN", "SYSTEM_WIDE_HSL"], spec, "NP4-737").size, 2);
});
