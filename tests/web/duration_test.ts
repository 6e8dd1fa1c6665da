import assert from "node:assert/strict";
import { formatDuration, parseDuration } from "../../web/lib/duration.ts";

Deno.test("parseDuration() reads durations as people type them", () => {
  const cases: [string, string][] = [
    ["15 min", "PT15M"],
    ["2 h", "PT2H"],
    ["90 s", "PT90S"],
    ["1 h 30 min", "PT1H30M"],
    ["1 day", "P1D"],
    ["2 days", "P2D"],
    ["1 week", "P1W"],
    ["1h30m", "PT1H30M"],
    ["1 hour and 30 minutes", "PT1H30M"],
    ["45 Minutes", "PT45M"],
    ["1.5 h", "PT90M"],
    ["  30 secs ", "PT30S"],
  ];
  for (const [text, iso] of cases) assert.deepEqual(parseDuration(text), { iso }, text);
});

Deno.test("parseDuration() still accepts ISO 8601 durations", () => {
  assert.deepEqual(parseDuration("PT15M"), { iso: "PT15M" });
  assert.deepEqual(parseDuration("pt1h30m"), { iso: "PT1H30M" });
  assert.deepEqual(parseDuration("P1D"), { iso: "P1D" });
});

Deno.test("parseDuration() says what is wrong, suggesting the unit meant", () => {
  assert.match(
    parseDuration("15 minuets").error ?? "",
    /"minuets" is not a unit of time; did you mean "minutes"\?/,
  );
  assert.match(parseDuration("15").error ?? "", /Say the unit after 15, e.g. "15 min"/);
  assert.match(parseDuration("soon").error ?? "", /Expected a number before "soon"/);
  assert.match(parseDuration("").error ?? "", /such as "15 min"/);
  assert.match(parseDuration("0 min").error ?? "", /no time at all/);
  assert.match(parseDuration("PT").error ?? "", /not an ISO duration such as PT15M/);
  assert.match(parseDuration("P1M").error ?? "", /not an ISO duration/);
  assert.match(parseDuration("8 days", 7 * 86_400).error ?? "", /longer than the 7 days allowed/);
  assert.equal(parseDuration("7 days", 7 * 86_400).iso, "P7D");
});

Deno.test("formatDuration() shows a stored duration the way it was typed", () => {
  for (const text of ["15 min", "2 h", "90 s", "1 h 30 min", "1 day", "3 days", "1 week"]) {
    assert.equal(formatDuration(parseDuration(text).iso), text);
  }
  assert.equal(formatDuration("PT0H15M"), "15 min");
  assert.equal(formatDuration(null), "");
  assert.equal(formatDuration("soon"), "soon");
});
