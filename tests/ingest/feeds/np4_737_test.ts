import assert from "node:assert/strict";
import { parseNp4737 } from "../../../ingest/feeds/np4_737.ts";
import { assertNoDuplicateInstants, seriesKeys, seriesOf } from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const RECORDING = recording(
  "mis-np4-737-cd/cdr.00013483.0000000000000000.20250313.135508.PVGRHRLYAVGACTNP4737_csv.zip",
);

Deno.test({
  name: "parseNp4737() emits solar actual, STPPF and HSL, skipping empty future actuals",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp4737(readRecording(RECORDING));
    assert.deepEqual(seriesKeys(obs), ["solar.actual", "solar.hsl", "solar.stppf"]);
    assert.equal(seriesOf(obs, "solar.actual").length, 48);
    assert.equal(seriesOf(obs, "solar.hsl").length, 48);
    assert.equal(seriesOf(obs, "solar.stppf").length, 216);
    assert.deepEqual(seriesOf(obs, "solar.actual")[0], ["2025-03-11T18:00:00.000Z", 19440.92]);
    assert.equal(obs.length, 312);
    assertNoDuplicateInstants(obs);
  },
});

Deno.test("parseNp4737() accepts the older ACTUAL_SYSTEM_WIDE name without an HSL column", () => {
  const doc = bytes(
    "DELIVERY_DATE,HOUR_ENDING,ACTUAL_SYSTEM_WIDE,COP_HSL_SYSTEM_WIDE,STPPF_SYSTEM_WIDE,PVGRPP_SYSTEM_WIDE,DSTFlag\n" +
      "07/01/2023,13,9000.5,1,9100,1,N\n07/01/2023,14,,1,9200,1,N\n",
  );
  const obs = parseNp4737(doc);
  assert.deepEqual(seriesOf(obs, "solar.actual"), [["2023-07-01T17:00:00.000Z", 9000.5]]);
  assert.equal(seriesOf(obs, "solar.stppf").length, 2);
});
