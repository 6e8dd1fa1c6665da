/**
 * The dashboard range in the URL: what `?range=` and `?from=&to=` mean, the
 * windows they cover in Central time, and the messages for bad ones.
 */
import assert from "node:assert/strict";
import {
  boardRangeParams,
  boardRangeQuery,
  boardWindow,
  centralDateText,
  parseBoardRange,
} from "../../web/lib/board_range.ts";

const parse = (query: string) => parseBoardRange(new URLSearchParams(query));

Deno.test("parseBoardRange() reads durations, named days and Central dates, and round-trips", () => {
  for (const query of ["?range=P7D", "?range=PT6H", "?range=today", "?range=month"]) {
    const { range, problem } = parse(query.slice(1));
    assert.equal(problem, undefined);
    assert.equal(boardRangeQuery(range), query);
  }
  const dates = parse("from=2026-06-01&to=2026-06-07");
  assert.deepEqual(dates, { range: { kind: "dates", from: "2026-06-01", to: "2026-06-07" } });
  assert.equal(boardRangeQuery(dates.range), "?from=2026-06-01&to=2026-06-07");
});

Deno.test("parseBoardRange() with no range leaves every panel its own", () => {
  assert.deepEqual(parse("other=1"), { range: null });
  assert.equal(boardRangeQuery(null), "");
});

Deno.test("parseBoardRange() refuses garbage with a message that names it", () => {
  const cases: [string, RegExp][] = [
    ["range=soon", /Range "soon" is not one of today, yesterday, month or a duration/],
    ["range=P0D", /Range "P0D"/],
    ["range=P30Y", /over 20 years/],
    ["from=2026-06-08&to=2026-06-01", /From 2026-06-08 is after to 2026-06-01/],
    ["from=2026-02-30&to=2026-03-01", /"2026-02-30" is not a calendar date/],
    ["from=yesterday&to=2026-03-01", /From "yesterday" is not a date like 2026-06-01/],
    ["from=2026-06-01", /Give both from and to \(got only from\)/],
    ["range=P7D&from=2026-06-01&to=2026-06-02", /either range or from and to/],
  ];
  for (const [query, message] of cases) {
    const { range, problem } = parse(query);
    assert.equal(range, null, query);
    assert.match(problem ?? "", message, query);
  }
});

Deno.test("boardWindow() covers whole Central days, across daylight saving", () => {
  // Nov 1 2026 is the fall-back day: CDT (−5) before, CST (−6) after.
  const w = boardWindow({ kind: "dates", from: "2026-10-31", to: "2026-11-01" }, 0);
  assert.equal(new Date(w.start).toISOString(), "2026-10-31T05:00:00.000Z");
  assert.equal(new Date(w.end).toISOString(), "2026-11-02T06:00:00.000Z");
});

Deno.test("boardWindow() resolves today, yesterday and this month at a Central instant", () => {
  const now = Date.parse("2026-12-07T03:30:00Z"); // Dec 6, 21:30 CST
  assert.equal(centralDateText(now), "2026-12-06");
  const iso = (
    w: { start: number; end: number },
  ) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()];
  assert.deepEqual(iso(boardWindow({ kind: "today" }, now)), [
    "2026-12-06T06:00:00.000Z",
    "2026-12-07T03:30:00.000Z",
  ]);
  assert.deepEqual(iso(boardWindow({ kind: "yesterday" }, now)), [
    "2026-12-05T06:00:00.000Z",
    "2026-12-06T06:00:00.000Z",
  ]);
  assert.deepEqual(iso(boardWindow({ kind: "month" }, now)), [
    "2026-12-01T06:00:00.000Z",
    "2026-12-07T03:30:00.000Z",
  ]);
  assert.deepEqual(boardRangeParams({ kind: "last", last: "P7D" }, now), { last: "P7D" });
  assert.deepEqual(boardRangeParams({ kind: "yesterday" }, now), {
    start: "2026-12-05T06:00:00.000Z",
    end: "2026-12-06T06:00:00.000Z",
  });
});
