import assert from "node:assert/strict";
import { ParseError, SchemaChangedError } from "../../../domain/errors.ts";
import { parseNp4188 } from "../../../ingest/feeds/np4_188.ts";
import {
  assertNoDuplicateInstants,
  assertThrowsWith,
  seriesKeys,
  seriesOf,
} from "../../_assert.ts";
import { bytes, readRecording, recording } from "../../_fixtures.ts";

const RECORDING = recording(
  "mis-np4-188-cd/NP4-188-CD_202512.rows-subset_2025-12-02_and_2025-12-05.csv",
);
const HEADER = "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag";

Deno.test({
  name: "parseNp4188() reads every product of every hour whatever their order",
  ignore: RECORDING === null,
  fn() {
    const obs = parseNp4188(readRecording(RECORDING));
    assert.equal(obs.length, 240);
    assert.deepEqual(seriesKeys(obs), [
      "mcpc.da.ecrs",
      "mcpc.da.nspin",
      "mcpc.da.regdn",
      "mcpc.da.regup",
      "mcpc.da.rrs",
    ]);
    const regdn = seriesOf(obs, "mcpc.da.regdn");
    assert.equal(regdn.length, 48);
    assert.deepEqual(regdn[0], ["2025-12-02T06:00:00.000Z", 1]);
    assert.equal(regdn[47][0], "2025-12-06T05:00:00.000Z");
    assertNoDuplicateInstants(obs);
  },
});

Deno.test("parseNp4188() rejects an ancillary type outside the catalog naming the row", () => {
  assertThrowsWith(
    () =>
      parseNp4188(bytes(`${HEADER}\n12/02/2025,01:00,REGUP,5.69,N\n12/02/2025,01:00,FFR,1,N\n`)),
    ParseError,
    'Cannot parse NP4-188 row 3: AncillaryType "FFR" is not a known product',
  );
});

Deno.test("parseNp4188() reports a missing column as SchemaChangedError", () => {
  const e = assertThrowsWith(
    () => parseNp4188(bytes("DeliveryDate,HourEnding,AncillaryType,DSTFlag\n")),
    SchemaChangedError,
  );
  assert.deepEqual(e.missing, ["MCPC"]);
});
