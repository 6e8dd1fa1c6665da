import assert from "node:assert/strict";
import { SchemaChangedError } from "../../../domain/errors.ts";
import { parseDailyPrc, parseGridCondition } from "../../../ingest/feeds/daily_prc.ts";
import { assertThrowsWith, seriesOf } from "../../_assert.ts";
import { bytes, handWritten } from "../../_fixtures.ts";

const FIXTURE = handWritten("daily_prc_2025-11-02.json");
const json = (value: unknown) => bytes(JSON.stringify(value));

Deno.test("parseDailyPrc() floors epochs to the minute keeping the minute's last value", () => {
  assert.deepEqual(seriesOf(parseDailyPrc(FIXTURE), "reserves.prc"), [
    ["2025-11-02T20:00:00.000Z", 10480.1],
    ["2025-11-02T20:01:00.000Z", 10440],
    ["2025-11-02T20:02:00.000Z", 10418.3],
  ]);
});

Deno.test("parseDailyPrc() lets the later row win for equal epochs and reads comma strings", () => {
  const obs = parseDailyPrc(json({
    data: [
      { epoch: 1762113600000, prc: "10,001" },
      { epoch: 1762113600000, prc: "10,002" },
      { epoch: 1762113660000, prc: null },
    ],
  }));
  assert.deepEqual(seriesOf(obs, "reserves.prc"), [["2025-11-02T20:00:00.000Z", 10002]]);
});

Deno.test("parseGridCondition() extracts state, title, note, EEA level, PRC and time", () => {
  assert.deepEqual(parseGridCondition(FIXTURE), {
    state: "normal",
    title: "Normal Conditions",
    note: "There is enough power for current demand.",
    eeaLevel: 0,
    prc: 10418,
    at: new Date("2025-11-02T20:02:00.000Z"),
  });
});

Deno.test("parseGridCondition() passes an unseen state through and tolerates a missing title", () => {
  const condition = parseGridCondition(json({
    current_condition: { state: "eea2", prc_value: "1,950", eea_level: 2, datetime: 1613376000 },
  }));
  assert.equal(condition.state, "eea2");
  assert.equal(condition.title, "");
  assert.equal(condition.eeaLevel, 2);
  assert.equal(condition.prc, 1950);
  assert.equal(condition.at.toISOString(), "2021-02-15T08:00:00.000Z");
});

Deno.test("daily-prc parsers report missing keys as a schema change", () => {
  assert.deepEqual(
    assertThrowsWith(() => parseGridCondition(json({ data: [] })), SchemaChangedError).missing,
    [
      "current_condition",
    ],
  );
  assert.deepEqual(
    assertThrowsWith(
      () => parseGridCondition(json({ current_condition: { state: "normal" } })),
      SchemaChangedError,
    )
      .missing,
    ["eea_level", "prc_value", "datetime"],
  );
  assert.deepEqual(
    assertThrowsWith(() => parseDailyPrc(json({ data: [{ epoch: 1 }] })), SchemaChangedError)
      .missing,
    [
      "prc",
    ],
  );
});
