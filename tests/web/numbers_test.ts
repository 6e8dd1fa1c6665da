import assert from "node:assert/strict";
import { formatNumber, formatTicks, formatValue, observedAt } from "../../web/lib/format.ts";
import { withGaps, xRange } from "../../web/lib/axes.ts";
import { marketName } from "../../web/lib/markets.ts";

Deno.test("formatValue() shows prices to the cent and megawatts whole, each with its unit", () => {
  assert.equal(formatValue(28.2, "$/MWh"), "28.20 $/MWh");
  assert.equal(formatValue(27.15, "$/MWh"), "27.15 $/MWh");
  assert.equal(formatValue(28, "$/MW"), "28.00 $/MW");
  assert.equal(formatValue(-1234.5, "$/MWh"), "-1,234.50 $/MWh");
  assert.equal(formatValue(609417.4, "MW"), "609,417 MW");
  assert.equal(formatValue(null, "MW"), "—");
  assert.equal(formatValue(Number.NaN, "$/MWh"), "—");
  assert.equal(formatNumber(28.2, "$/MWh"), "28.20");
  assert.equal(formatNumber(61234.7, "MW"), "61,235");
});

Deno.test("formatTicks() keeps neighbouring ticks distinct with one number of decimals", () => {
  assert.deepEqual(formatTicks([27, 27.5, 28, 28.5]), ["27.0", "27.5", "28.0", "28.5"]);
  assert.deepEqual(formatTicks([27.25, 27.5, 27.75]), ["27.25", "27.50", "27.75"]);
  assert.deepEqual(formatTicks([0.1 + 0.2, 0.4, 0.5]), ["0.3", "0.4", "0.5"]);
  assert.deepEqual(formatTicks([40000, 45000, 50000]), ["40,000", "45,000", "50,000"]);
  assert.deepEqual(formatTicks([28]), ["28"]);
});

Deno.test("xRange() spans the window asked for, and an hour either side of a lone point", () => {
  const end = Date.parse("2026-06-25T05:00:00Z");
  const window: [number, number] = [end - 86_400_000, end];
  const point = end / 1000 - 3600;
  assert.deepEqual(xRange(point, point, window), [window[0] / 1000, end / 1000]);
  assert.deepEqual(xRange(point, point), [point - 3600, point + 3600]);
  assert.deepEqual(xRange(point - 900, point), [point - 900, point]);
  // An empty or inverted window is ignored.
  assert.deepEqual(xRange(point, point, [end, end]), [point - 3600, point + 3600]);
});

Deno.test("observedAt() is the observation's instant, not its bucket's start", () => {
  const day = Date.parse("2026-06-25T05:00:00Z");
  const last = "2026-06-25T05:40:00Z";
  assert.equal(observedAt(day, "1d", last), Date.parse(last));
  assert.equal(observedAt(day, "raw", last), day);
  // A newest observation outside the bucket (an older window) leaves the bucket's start.
  assert.equal(observedAt(day, "1h", "2026-06-26T05:40:00Z"), day);
  assert.equal(observedAt(day, "1d", null), day);
});

Deno.test("marketName() tells SCED LMPs from settlement point prices", () => {
  assert.equal(marketName("lmp.rt.hb_houston"), "LMP (SCED)");
  assert.equal(marketName("spp.rt.hb_houston"), "settlement point price");
  assert.equal(marketName("demand.rt"), undefined);
});

Deno.test("withGaps() breaks a line across days without data, and only there", () => {
  const t = [0, 900, 1800, 2700, 86_400 * 2, 86_400 * 2 + 900];
  const [gt, gv] = withGaps(t, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(gt, [0, 900, 1800, 2700, 3600, 86_400 * 2, 86_400 * 2 + 900]);
  assert.deepEqual(gv, [1, 2, 3, 4, null, 5, 6]);
  assert.deepEqual(withGaps([0, 900, 1800], [1, 2, 3]), [[0, 900, 1800], [1, 2, 3]]);
  assert.deepEqual(withGaps([5], [1]), [[5], [1]]);
});

Deno.test("a grid condition level reads with its name, 0 Normal to 4 EEA3", () => {
  assert.equal(formatValue(0, "level"), "0 Normal");
  assert.equal(formatValue(1, "level"), "1 Conservation");
  assert.equal(formatValue(4, "level"), "4 EEA3");
  assert.equal(formatValue(null, "level"), "—");
  assert.equal(formatValue(2.5, "level"), "3");
});
