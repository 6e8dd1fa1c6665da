import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { ParseError } from "../../../domain/errors.ts";
import { parseNp3560 } from "../../../ingest/feeds/np3_560.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const NAME = "cdr.00012311.0000000000000000.20250313.123000.LFCCONGESTNP3560_csv.zip";
const RECORDING = recording(`mis-np3-560-cd/${NAME}`);
const HEADER = "DeliveryDate,HourEnding,North,South,West,Houston,SystemTotal,DSTFlag    ";

Deno.test({
  name: "parseNp3560() reads seven days of forecasts by zone from the ZIP",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp3560(readRecording(RECORDING), { fileName: NAME });
    assert.equal(obs.length, 960);
    assert.deepEqual(seriesKeys(obs), [
      "load.forecast",
      "load.forecast.houston",
      "load.forecast.north",
      "load.forecast.south",
      "load.forecast.west",
    ]);
    const total = seriesOf(obs, "load.forecast");
    assert.deepEqual(total[0], ["2025-03-13T05:00:00.000Z", 43797.76989746094]);
    assert.equal(total[191][0], "2025-03-21T04:00:00.000Z");
    assertNoDuplicateInstants(obs);
  },
});

Deno.test({
  name: "parseNp3560() stamps publishedAt with the posting time in the file name",
  ignore: RECORDING === null,
  fn() {
    const fromName = parseNp3560(readRecording(RECORDING), { fileName: NAME });
    assert.ok(fromName.every((o) => o.publishedAt?.toISOString() === "2025-03-13T17:30:00.000Z"));
    const fromEntry = parseNp3560(readRecording(RECORDING), { fileName: "latest.zip" });
    assert.equal(fromEntry[0].publishedAt?.toISOString(), "2025-03-13T17:30:00.000Z");
  },
});

Deno.test("parseNp3560() leaves publishedAt unset when no name carries a posting time", () => {
  const obs = parseNp3560(bytes(`${HEADER}\n03/13/2025,1:00,1,2,3,4,10,N\n`));
  assert.equal(obs.length, 5);
  assert.ok(obs.every((o) => o.publishedAt === undefined));
});

Deno.test("parseNp3560() reads the unpadded 1:00 labels and the DSTFlag header with trailing spaces", () => {
  const name = "cdr.00012311.0000000000000000.20251102.013000123.LFCCONGESTNP3560.csv";
  const zip = zipSync({
    [name]: bytes(`${HEADER}\n11/02/2025,2:00,1,2,3,4,10,N\n11/02/2025,2:00,1,2,3,4,11,Y\n`),
  });
  const obs = parseNp3560(zip);
  assert.deepEqual(seriesOf(obs, "load.forecast"), [
    ["2025-11-02T06:00:00.000Z", 10],
    ["2025-11-02T07:00:00.000Z", 11],
  ]);
  assert.equal(obs[0].publishedAt?.toISOString(), "2025-11-02T06:30:00.123Z");
});

Deno.test("parseNp3560() rejects a corrupt ZIP", () => {
  const zip = zipSync({ "a.csv": bytes(`${HEADER}\n`.repeat(50)) });
  zip.fill(0, 30, 60);
  assertThrowsWith(
    () => parseNp3560(zip, { fileName: NAME }),
    ParseError,
    `NP3-560 (${NAME})`,
    "ZIP archive",
  );
});
