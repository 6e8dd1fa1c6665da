import assert from "node:assert/strict";
import {
  addCentralDays,
  addCentralMonths,
  type CentralDate,
  centralDateOf,
  centralDayEnd,
  centralDayStart,
  centralInstant,
  centralInstants,
  centralOffsetMinutes,
  centralParts,
  centralToUtc,
  daysInMonth,
  hoursInCentralDay,
  isFallBackDay,
  quarterHoursInCentralDay,
  validCentralDate,
} from "../../domain/central.ts";
import { assertParseError, FALL_BACK, iso, ORDINARY, SPRING_FORWARD } from "./_days.ts";

Deno.test("centralOffsetMinutes() is -300 under CDT and -360 under CST", () => {
  assert.equal(centralOffsetMinutes(new Date("2025-07-01T12:00:00Z")), -300);
  assert.equal(centralOffsetMinutes(new Date("2025-01-15T12:00:00Z")), -360);
  assert.equal(centralOffsetMinutes(new Date("2025-11-02T06:59:59Z")), -300);
  assert.equal(centralOffsetMinutes(new Date("2025-11-02T07:00:00Z")), -360);
});

Deno.test("centralToUtc() picks CDT for the first pass and CST for the second", () => {
  const wall = { ...FALL_BACK, hour: 1, minute: 30, second: 0 };
  assert.equal(iso(centralToUtc(wall)), "2025-11-02T06:30:00.000Z");
  assert.equal(iso(centralToUtc(wall, { repeated: false })), "2025-11-02T06:30:00.000Z");
  assert.equal(iso(centralToUtc(wall, { repeated: true })), "2025-11-02T07:30:00.000Z");
});

Deno.test("centralToUtc() ignores the repeated flag outside the repeated hour", () => {
  const wall = { ...FALL_BACK, hour: 3, minute: 0, second: 0 };
  assert.equal(iso(centralToUtc(wall, { repeated: true })), "2025-11-02T09:00:00.000Z");
  assert.equal(iso(centralToUtc(wall, { repeated: false })), "2025-11-02T09:00:00.000Z");
});

Deno.test("centralToUtc() rejects a time skipped by spring-forward", () => {
  assertParseError(
    () => centralToUtc({ ...SPRING_FORWARD, hour: 2, minute: 30, second: 0 }),
    '"2026-03-08 02:30:00"',
    "does not exist",
  );
});

Deno.test("Central day boundaries have 23, 24 or 25 hours and 92, 96 or 100 quarter-hours", () => {
  assert.equal(iso(centralDayStart(FALL_BACK)), "2025-11-02T05:00:00.000Z");
  assert.equal(iso(centralDayEnd(FALL_BACK)), "2025-11-03T06:00:00.000Z");
  assert.equal(hoursInCentralDay(FALL_BACK), 25);
  assert.equal(quarterHoursInCentralDay(FALL_BACK), 100);
  assert.equal(hoursInCentralDay(SPRING_FORWARD), 23);
  assert.equal(quarterHoursInCentralDay(SPRING_FORWARD), 92);
  assert.equal(hoursInCentralDay(ORDINARY), 24);
  assert.equal(quarterHoursInCentralDay(ORDINARY), 96);
  assert.equal(isFallBackDay(FALL_BACK), true);
  assert.equal(isFallBackDay(SPRING_FORWARD), false);
  assert.equal(iso(centralDayEnd({ year: 2025, month: 12, day: 31 })), "2026-01-01T06:00:00.000Z");
});

Deno.test("centralDateOf() gives the Central calendar date of an instant", () => {
  assert.deepEqual(centralDateOf(new Date("2025-11-03T05:30:00Z")), FALL_BACK);
  assert.deepEqual(centralDateOf(new Date("2025-11-03T06:00:00Z")), {
    year: 2025,
    month: 11,
    day: 3,
  });
});

Deno.test("centralParts() reads the Central wall clock and weekday of an instant", () => {
  assert.deepEqual(centralParts(new Date("2026-11-27T18:00:05.750Z")), {
    year: 2026,
    month: 11,
    day: 27,
    hour: 12,
    minute: 0,
    second: 5,
    weekday: 5,
  });
  assert.equal(centralParts(new Date("2025-11-02T07:30:00Z")).hour, 1);
  assert.equal(centralParts(new Date("2025-11-02T06:30:00Z")).hour, 1);
  assert.equal(centralParts(new Date("2025-11-02T05:00:00Z")).weekday, 0);
});

Deno.test("centralInstants() finds none, one or both passes of a wall-clock time", () => {
  const at = (date: CentralDate, hour: number) =>
    centralInstants({ ...date, hour, minute: 30, second: 0 }).map(iso);
  assert.deepEqual(at(SPRING_FORWARD, 2), []);
  assert.deepEqual(at(ORDINARY, 2), ["2025-03-13T07:30:00.000Z"]);
  assert.deepEqual(at(FALL_BACK, 1), ["2025-11-02T06:30:00.000Z", "2025-11-02T07:30:00.000Z"]);
});

Deno.test("centralInstant() overflows fields like Date.UTC", () => {
  assert.equal(iso(centralInstant(2026, 11, 27)), "2026-11-27T06:00:00.000Z");
  assert.equal(iso(centralInstant(2025, 13, 1)), "2026-01-01T06:00:00.000Z");
  assert.equal(iso(centralInstant(2026, 3, 0)), "2026-02-28T06:00:00.000Z");
  assert.equal(iso(centralInstant(2026, 1, 0, 1)), "2025-12-31T07:00:00.000Z");
  assert.equal(iso(centralInstant(2026, 7, 1, 24)), "2026-07-02T05:00:00.000Z");
});

Deno.test("centralInstant() takes the CST pass of the repeated hour and skips the gap", () => {
  assert.equal(iso(centralInstant(2025, 11, 2, 1, 30)), "2025-11-02T07:30:00.000Z");
  assert.equal(iso(centralInstant(2026, 3, 8, 2, 30)), "2026-03-08T08:30:00.000Z");
});

Deno.test("daysInMonth() counts 28 to 31 days and overflows months", () => {
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(daysInMonth(2025, 2), 28);
  assert.equal(daysInMonth(2025, 4), 30);
  assert.equal(daysInMonth(2025, 13), 31);
  assert.equal(daysInMonth(2025, 0), 31);
});

Deno.test("addCentralMonths() keeps the Central wall time and clamps the day", () => {
  const at = new Date("2026-03-31T17:00:00.250Z");
  assert.equal(iso(addCentralMonths(at, -1)), "2026-02-28T18:00:00.250Z");
  assert.equal(iso(addCentralMonths(at, 12)), "2027-03-31T17:00:00.250Z");
  assert.equal(iso(addCentralMonths(at, 0)), iso(at));
  assert.equal(
    iso(addCentralMonths(new Date("2025-10-02T06:30:00Z"), 1)),
    "2025-11-02T07:30:00.000Z",
  );
});

Deno.test("addCentralDays() and validCentralDate() step and check calendar dates", () => {
  assert.deepEqual(addCentralDays({ year: 2025, month: 12, day: 31 }, 1), {
    year: 2026,
    month: 1,
    day: 1,
  });
  assert.deepEqual(addCentralDays({ year: 2024, month: 3, day: 1 }, -1), {
    year: 2024,
    month: 2,
    day: 29,
  });
  assert.deepEqual(validCentralDate(2024, 2, 29), { year: 2024, month: 2, day: 29 });
  assert.equal(validCentralDate(2025, 2, 29), null);
  assert.equal(validCentralDate(2025, 13, 1), null);
  assert.equal(validCentralDate(2025, 1, 0), null);
});
