import assert from "node:assert/strict";
import fc from "fast-check";
import { ParseError, ValidationError } from "../../domain/errors.ts";
import {
  centralDayEnd,
  centralDayStart,
  formatCentralDate,
  hoursInCentralDay,
} from "../../domain/central.ts";
import {
  hourEndingStart,
  parseCentralDate,
  parseCentralDay,
  parseCentralTimestamp,
  parseDstFlag,
  parseHourEnding,
  parseQuarterHourInterval,
} from "../../domain/ercot_time.ts";
import { assertParseError, FALL_BACK, iso, ORDINARY, SPRING_FORWARD } from "./_days.ts";

Deno.test("parseHourEnding() reads every label format ERCOT uses", async (t) => {
  const cases: [string | number, number][] = [
    ["01:00", 1],
    ["1:00", 1],
    ["24:00", 24],
    [14, 14],
    ["01", 1],
    ["1", 1],
    [" 7 ", 7],
    ["25", 25],
  ];
  for (const [label, he] of cases) {
    await t.step(
      `${JSON.stringify(label)} is HE ${he}`,
      () => assert.equal(parseHourEnding(label), he),
    );
  }
});

Deno.test("parseHourEnding() rejects impossible labels naming field and value", async (t) => {
  for (const label of [0, "0", 26, "26", "24:30", "1:15", "abc", "", 1.5, "-1"]) {
    await t.step(JSON.stringify(label), () =>
      assertParseError(
        () => parseHourEnding(label, { field: "HourEnding" }),
        `HourEnding "${label}"`,
      ));
  }
});

Deno.test("parseQuarterHourInterval() accepts 1-4 only", () => {
  assert.equal(parseQuarterHourInterval("4"), 4);
  assert.equal(parseQuarterHourInterval(1), 1);
  assertParseError(
    () => parseQuarterHourInterval("5", { field: "DeliveryInterval" }),
    'DeliveryInterval "5" is not 1-4',
  );
  assertParseError(() => parseQuarterHourInterval("0"), '"0"');
});

Deno.test("parseDstFlag() reads Y/N and booleans", () => {
  for (const yes of ["Y", "y", " Y ", true, "true", "TRUE"]) assert.equal(parseDstFlag(yes), true);
  for (const no of ["N", "n", false, "false"]) assert.equal(parseDstFlag(no), false);
  assertParseError(() => parseDstFlag("X", { field: "DSTFlag" }), 'DSTFlag "X" is not Y or N');
  assertParseError(() => parseDstFlag(undefined), '"undefined"');
});

Deno.test("parseCentralDate() reads MM/DD/YYYY and YYYY-MM-DD and rejects others", () => {
  assert.deepEqual(parseCentralDate("11/02/2025"), FALL_BACK);
  assert.deepEqual(parseCentralDate("2025-11-02"), FALL_BACK);
  assert.deepEqual(parseCentralDate("3/8/2026"), SPRING_FORWARD);
  for (const bad of ["02/30/2025", "2025/11/02", "13/01/2025", "", "11-02-2025"]) {
    assertParseError(
      () => parseCentralDate(bad, { field: "DeliveryDate" }),
      `DeliveryDate "${bad}"`,
    );
  }
  assert.equal(formatCentralDate(FALL_BACK), "2025-11-02");
});

Deno.test("hourEndingStart() puts HE 1 at local midnight and HE 24 an hour before the next", () => {
  assert.equal(iso(hourEndingStart(ORDINARY, 1, { dst: false })), "2025-03-13T05:00:00.000Z");
  assert.equal(iso(hourEndingStart(ORDINARY, 24, { dst: false })), "2025-03-14T04:00:00.000Z");
  assert.equal(
    iso(hourEndingStart({ year: 2025, month: 1, day: 15 }, 24)),
    "2025-01-16T05:00:00.000Z",
  );
});

Deno.test("hourEndingStart() adds (interval - 1) x 15 minutes", () => {
  assert.equal(
    iso(hourEndingStart(ORDINARY, 23, { dst: false, interval: 3 })),
    "2025-03-14T03:30:00.000Z",
  );
  assertParseError(() => hourEndingStart(ORDINARY, 1, { interval: 5 }), '"5" is not 1-4');
});

Deno.test("hourEndingStart() keeps both passes of the repeated hour apart by the DST flag", () => {
  assert.equal(iso(hourEndingStart(FALL_BACK, 2, { dst: false })), "2025-11-02T06:00:00.000Z");
  assert.equal(iso(hourEndingStart(FALL_BACK, 2, { dst: true })), "2025-11-02T07:00:00.000Z");
  assert.equal(iso(hourEndingStart(FALL_BACK, 3, { dst: false })), "2025-11-02T08:00:00.000Z");
  assert.equal(
    iso(hourEndingStart(FALL_BACK, 2, { dst: true, interval: 4 })),
    "2025-11-02T07:45:00.000Z",
  );
});

Deno.test("hourEndingStart() counts elapsed hours 1-25 on a fall-back day without a flag", () => {
  assert.equal(iso(hourEndingStart(FALL_BACK, 2)), "2025-11-02T06:00:00.000Z");
  assert.equal(iso(hourEndingStart(FALL_BACK, 3)), "2025-11-02T07:00:00.000Z");
  assert.equal(iso(hourEndingStart(FALL_BACK, 25)), "2025-11-03T05:00:00.000Z");
});

Deno.test("hourEndingStart() rejects HE 25 on an ordinary day and in a flagged file", () => {
  assertParseError(
    () => hourEndingStart(ORDINARY, 25, { field: "HOUR_ENDING" }),
    'HOUR_ENDING "25" is not an hour ending 1-24 on 2025-03-13',
  );
  assertParseError(() => hourEndingStart(FALL_BACK, 25, { dst: false }), '"25"');
  assertParseError(() => hourEndingStart(FALL_BACK, 26), '"26" is not an hour ending 1-25');
  assertParseError(() => hourEndingStart(ORDINARY, 0), '"0"');
});

Deno.test("hourEndingStart() rejects HE 3 on a spring-forward day naming the field", () => {
  assertParseError(
    () => hourEndingStart(SPRING_FORWARD, 3, { dst: false, field: "DeliveryHour" }),
    'DeliveryHour "3" does not exist on 2026-03-08',
  );
  assert.equal(iso(hourEndingStart(SPRING_FORWARD, 2, { dst: false })), "2026-03-08T07:00:00.000Z");
  assert.equal(iso(hourEndingStart(SPRING_FORWARD, 4, { dst: false })), "2026-03-08T08:00:00.000Z");
});

Deno.test("every labelled hour of any day is a distinct hour inside that day", () => {
  const day = fc.date({
    min: new Date("2000-01-01T12:00:00Z"),
    max: new Date("2040-12-31T12:00:00Z"),
    noInvalidDate: true,
  })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
  const dstDays = fc.constantFrom(FALL_BACK, SPRING_FORWARD, { year: 2024, month: 11, day: 3 }, {
    year: 2024,
    month: 3,
    day: 10,
  });
  fc.assert(fc.property(fc.oneof(day, dstDays), (date) => {
    const starts = new Set<number>();
    for (let he = 1; he <= 24; he++) {
      for (const dst of [false, true]) {
        try {
          starts.add(hourEndingStart(date, he, { dst }).getTime());
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
      }
    }
    const first = centralDayStart(date).getTime();
    const sorted = [...starts].sort((a, b) => a - b);
    assert.equal(sorted.length, hoursInCentralDay(date));
    sorted.forEach((t, i) => assert.equal(t, first + i * 3_600_000));
    assert.equal(centralDayEnd(date).getTime(), first + sorted.length * 3_600_000);
  }));
});

Deno.test("parseCentralTimestamp() reads offset-aware and Central wall-clock stamps", () => {
  assert.equal(iso(parseCentralTimestamp("2025-10-08 00:04:56-0500")), "2025-10-08T05:04:56.000Z");
  assert.equal(iso(parseCentralTimestamp("2024-11-23 00:04:57-06:00")), "2024-11-23T06:04:57.000Z");
  assert.equal(iso(parseCentralTimestamp("2023-02-01 00:04:55")), "2023-02-01T06:04:55.000Z");
  assert.equal(iso(parseCentralTimestamp("06/25/2026 00:40:18")), "2026-06-25T05:40:18.000Z");
  assert.equal(
    iso(parseCentralTimestamp("11/02/2025 01:02:13", { repeated: true })),
    "2025-11-02T07:02:13.000Z",
  );
  assert.equal(iso(parseCentralTimestamp("2024-11-05T03:16:10.000")), "2024-11-05T09:16:10.000Z");
});

Deno.test("parseCentralTimestamp() rejects malformed and skipped times naming the value", () => {
  for (const bad of ["yesterday", "2025-10-08", "2025-13-01 00:00:00", "2025-10-08 24:00:00"]) {
    assertParseError(
      () => parseCentralTimestamp(bad, { field: "SCEDTimestamp" }),
      `SCEDTimestamp "${bad}"`,
    );
  }
  assertParseError(() => parseCentralTimestamp("03/08/2026 02:15:00"), "does not exist");
});

Deno.test("parseCentralDay() reads YYYY-MM-DD only, naming the parameter otherwise", () => {
  assert.deepEqual(parseCentralDay(" 2025-11-02 ", "start_date"), FALL_BACK);
  for (const bad of ["11/02/2025", "2025-02-30", "2025-1-2", "today"]) {
    assert.throws(
      () => parseCentralDay(bad, "end_date"),
      (e: unknown) =>
        e instanceof ValidationError && e.extra.parameter === "end_date" &&
        e.message === `end_date "${bad}" is not a date (YYYY-MM-DD)`,
    );
  }
});
