import assert from "node:assert/strict";
import { parseNp6346 } from "../../../ingest/feeds/np6_346.ts";
import { assertNoDuplicateInstants, seriesKeys, seriesOf } from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const RECORDING = recording("mis-np6-346-cd/NP6-346-CD_202102.csv");

Deno.test({
  name: "parseNp6346() reads a month concatenated in reverse day order",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp6346(readRecording(RECORDING));
    assert.equal(obs.length, 672 * 5);
    assert.deepEqual(seriesKeys(obs), [
      "load.actual",
      "load.actual.houston",
      "load.actual.north",
      "load.actual.south",
      "load.actual.west",
    ]);
    const total = seriesOf(obs, "load.actual");
    assert.equal(total[0][0], "2021-01-31T06:00:00.000Z");
    assert.equal(total[671][0], "2021-02-28T05:00:00.000Z");
    total.forEach(([ts], i) =>
      assert.equal(Date.parse(ts), Date.parse(total[0][0]) + i * 3_600_000)
    );
    assertNoDuplicateInstants(obs);
  },
});

Deno.test({
  name: "parseNp6346() puts the Winter Storm Uri peak at HE20 on 02/14/2021",
  ignore: RECORDING === null,
  fn() {
    const total = seriesOf(parseNp6346(readRecording(RECORDING)), "load.actual");
    const peak = total.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.deepEqual(peak, ["2021-02-15T01:00:00.000Z", 69222.23]);
  },
});

Deno.test("parseNp6346() reads zero-padded HH:00 labels and HE 24:00 as the day's last hour", () => {
  const doc = bytes(
    "OperDay,HourEnding,NORTH,SOUTH,WEST,HOUSTON,TOTAL,DSTFlag\n02/27/2021,24:00,1,2,3,4,10,N\n02/27/2021,01:00,1,2,3,4,10,N\n",
  );
  assert.deepEqual(seriesOf(parseNp6346(doc), "load.actual.houston"), [
    ["2021-02-27T06:00:00.000Z", 4],
    ["2021-02-28T05:00:00.000Z", 4],
  ]);
});
