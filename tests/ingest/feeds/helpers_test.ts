import { ObservationList } from "../../../ingest/feeds/bounds.ts";
import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { ParseError } from "../../../domain/errors.ts";
import {
  decodeCsvDocument,
  decodeJsonDocument,
  docLabel,
  jsonNumber,
  postingTime,
} from "../../../ingest/feeds/helpers.ts";
import { bytes } from "../../_fixtures.ts";

Deno.test("decodeCsvDocument() reads the CSV inside a ZIP and names the entry", () => {
  const zip = zipSync({
    "cdr.00012331.0000000000000000.20251101.133000.DAMSPNP4190.csv": bytes("A\n1\n"),
  });
  const doc = decodeCsvDocument(zip, "NP4-190");
  assert.equal(doc.text, "A\n1\n");
  assert.equal(doc.entryName, "cdr.00012331.0000000000000000.20251101.133000.DAMSPNP4190.csv");
  assert.equal(decodeCsvDocument(bytes("A\n1\n"), "NP4-190").entryName, undefined);
});

Deno.test("decodeCsvDocument() rejects a truncated ZIP with a clear message", () => {
  const zip = zipSync({ "a.csv": bytes("A,B\n".repeat(500)) });
  assert.throws(
    () => decodeCsvDocument(zip.slice(0, zip.length / 2), "NP4-190 (x.zip)"),
    (e) =>
      e instanceof ParseError &&
      e.message.startsWith("Cannot parse NP4-190 (x.zip): the ZIP archive is truncated or corrupt"),
  );
});

Deno.test("decodeCsvDocument() rejects a ZIP without exactly one CSV", () => {
  const zip = zipSync({ "readme.txt": bytes("hi") });
  assert.throws(
    () => decodeCsvDocument(zip, "NP4-190"),
    /expected one CSV in the ZIP archive, found readme.txt/,
  );
});

Deno.test("decodeCsvDocument() rejects an HTML page served instead of CSV", () => {
  assert.throws(
    () =>
      decodeCsvDocument(bytes("\n<!DOCTYPE html><html><body>Maintenance</body></html>"), "NP4-190"),
    (e) =>
      e instanceof ParseError &&
      e.message === "Cannot parse NP4-190: got an HTML page instead of CSV",
  );
  assert.throws(() => decodeCsvDocument(bytes("  \n"), "NP4-190"), /the document is empty/);
});

Deno.test("decodeJsonDocument() rejects HTML, broken JSON and non-objects", () => {
  assert.throws(
    () => decodeJsonDocument(bytes("<html></html>"), "fuel-mix.json"),
    /HTML page instead of JSON/,
  );
  assert.throws(() => decodeJsonDocument(bytes('{"data": '), "fuel-mix.json"), /not valid JSON/);
  assert.throws(
    () => decodeJsonDocument(bytes("[1]"), "fuel-mix.json"),
    /the document is not an object/,
  );
});

Deno.test("ObservationList rejects a second value for the same series and instant", () => {
  const list = new ObservationList("NP6-905");
  const ts = new Date("2025-11-02T06:00:00Z");
  list.add("row 2", "SettlementPointPrice", { series: "spp.rt.hb_north", ts, value: 1 });
  list.add("row 3", "SettlementPointPrice", { series: "spp.rt.hb_west", ts, value: 1 });
  assert.throws(
    () =>
      list.add("row 9", "SettlementPointPrice", {
        series: "spp.rt.hb_north",
        ts: new Date(ts),
        value: 2,
      }),
    (e) =>
      e instanceof ParseError &&
      e.message ===
        "Cannot parse NP6-905 row 9: spp.rt.hb_north at 2025-11-02T06:00:00.000Z repeats row 2",
  );
  assert.equal(list.items.length, 2);
});

Deno.test("jsonNumber() reads numbers and numeric text, and skips absent values", () => {
  assert.equal(jsonNumber(1.5, "d", "p"), 1.5);
  assert.equal(jsonNumber(" 7 ", "d", "p"), 7);
  assert.equal(jsonNumber("10,418", "d", "p", { commas: true }), 10418);
  assert.equal(jsonNumber(null, "d", "p"), undefined);
  assert.equal(jsonNumber(undefined, "d", "p"), undefined);
  assert.throws(() => jsonNumber("10,418", "d", "x.prc"), /x.prc "10,418" is not a number/);
  assert.throws(() => jsonNumber({}, "d", "p"), ParseError);
});

Deno.test("postingTime() reads the Central posting time from a MIS file name", () => {
  assert.equal(
    postingTime("cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip")
      ?.toISOString(),
    "2025-03-13T17:30:00.586Z",
  );
  assert.equal(
    postingTime("/x/cdr.00012311.0000000000000000.20250313.123000.LFCCONGESTNP3560.csv")
      ?.toISOString(),
    "2025-03-13T17:30:00.000Z",
  );
  assert.equal(postingTime("np3_560.zip"), undefined);
  assert.equal(postingTime(undefined), undefined);
  assert.equal(postingTime("cdr.1.2.20250399.123000.X.csv"), undefined);
});

Deno.test("docLabel() adds the file's base name when known", () => {
  assert.equal(docLabel("NP6-905"), "NP6-905");
  assert.equal(docLabel("NP6-905", "/tmp/a/x.csv"), "NP6-905 (x.csv)");
});
