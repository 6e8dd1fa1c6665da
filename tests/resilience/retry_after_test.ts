import assert from "node:assert/strict";
import { parseRetryAfter } from "../../resilience/mod.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");

Deno.test("parseRetryAfter() reads delta-seconds", async (t) => {
  for (const [text, ms] of [["0", 0], ["7", 7_000], [" 120 ", 120_000], ["007", 7_000]] as const) {
    await t.step(JSON.stringify(text), () => assert.equal(parseRetryAfter(text, NOW), ms));
  }
});

Deno.test("parseRetryAfter() reads the three HTTP-date forms as the wait until that instant", async (t) => {
  const cases = [
    ["IMF-fixdate", "Sun, 01 Mar 2026 12:00:30 GMT", 30_000],
    ["RFC 850", "Sunday, 01-Mar-26 12:01:00 GMT", 60_000],
    ["asctime", "Sun Mar  1 12:00:05 2026", 5_000],
    ["a date in the past waits 0", "Sat, 28 Feb 2026 12:00:00 GMT", 0],
  ] as const;
  for (const [name, text, ms] of cases) {
    await t.step(name, () => assert.equal(parseRetryAfter(text, NOW), ms));
  }
});

Deno.test("parseRetryAfter() ignores absent and garbage values", async (t) => {
  const garbage = [
    null,
    undefined,
    "",
    "soon",
    "-5",
    "1.5",
    "5s",
    "2026-03-01T12:00:30Z",
    "2026-03",
    "Sun, 01 Mar 2026 12:00:30 PST",
    "Sun, 99 Mar 2026 12:00:30 GMT",
    "9".repeat(30),
  ];
  for (const value of garbage) {
    await t.step(
      String(JSON.stringify(value)),
      () => assert.equal(parseRetryAfter(value, NOW), undefined),
    );
  }
});
