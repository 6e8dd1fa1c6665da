import assert from "node:assert/strict";
import { runParse, toNdjson } from "../../cli/parse.ts";
import { recording } from "../_fixtures.ts";

const ROOT = new URL("../../", import.meta.url);
const FIXTURE = new URL("tests/fixtures/np4_190_fallback_2025-11-02.csv", ROOT).pathname;
const SOLAR_ZIP = recording(
  "mis-np4-737-cd/cdr.00013483.0000000000000000.20250313.135508.PVGRHRLYAVGACTNP4737_csv.zip",
);

async function cli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "cli/parse.ts", ...args],
    cwd: ROOT.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("deno task parse prints NDJSON sorted by series then ts, in UTC with Z", async () => {
  const run = await cli("np4_190", FIXTURE);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 75);
  assert.deepEqual(Object.keys(lines[0]), ["series", "ts", "value"]);
  assert.deepEqual(lines[0], { series: "spp.da.dc_l", ts: "2025-11-02T05:00:00.000Z", value: 27 });
  const keys = lines.map((l) => `${l.series} ${l.ts}`);
  assert.deepEqual(keys, [...keys].sort());
  assert.ok(lines.every((l) => l.ts.endsWith("Z")));
});

Deno.test("deno task parse includes resource nodes with --resource-nodes", async () => {
  const run = await cli("--resource-nodes", "np4_190", FIXTURE);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.trimEnd().split("\n").length, 100);
});

Deno.test({
  name: "deno task parse reads a recorded MIS ZIP",
  ignore: SOLAR_ZIP === null,
  async fn() {
    const run = await cli("np4_737", SOLAR_ZIP ?? "");
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trimEnd().split("\n").length, 312);
  },
});

Deno.test("deno task parse exits 2 with a usage line on bad usage", async () => {
  for (const args of [[], ["np4_190"], ["np4_190", FIXTURE, "extra"], ["--verbose", "np4_190"]]) {
    const run = await cli(...args);
    assert.equal(run.code, 2, args.join(" "));
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^usage: deno task parse/);
    assert.equal(run.stderr.trimEnd().split("\n").length, 1);
  }
});

Deno.test("deno task parse exits 1 naming an unknown feed id", async () => {
  const run = await cli("np9_999", FIXTURE);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^Unknown feed id "np9_999" \(known: np6_905, /);
});

Deno.test("deno task parse exits 1 with one readable line when parsing fails", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/page.csv`, "<html><body>Service unavailable</body></html>");
    const html = await cli("np4_190", `${dir}/page.csv`);
    assert.equal(html.code, 1);
    assert.equal(html.stdout, "");
    assert.equal(
      html.stderr.trimEnd(),
      "ParseError: Cannot parse NP4-190 (page.csv): got an HTML page instead of CSV",
    );
    const missing = await cli("np4_190", `${dir}/absent.csv`);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Cannot read ".*absent.csv": no such file\n$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runParse() reports a schema change with its missing and unknown columns", async () => {
  const run = await runParse(
    ["np4_190", "x.csv"],
    () => Promise.resolve(new TextEncoder().encode("A,B\n")),
  );
  assert.equal(run.code, 1);
  assert.match(
    run.stderr,
    /^SchemaChangedError: NP4-190 \(x\.csv\) columns changed: missing DeliveryDate, .*; unknown A, B$/,
  );
});

Deno.test("toNdjson() sorts by series then instant", () => {
  const ts = (s: string) => new Date(s);
  const text = toNdjson([
    { series: "b", ts: ts("2025-01-01T00:00:00Z"), value: 1 },
    { series: "a", ts: ts("2025-01-01T01:00:00Z"), value: 2 },
    {
      series: "a",
      ts: ts("2025-01-01T00:00:00Z"),
      value: 3,
      publishedAt: ts("2024-12-31T00:00:00Z"),
    },
  ]);
  assert.equal(
    text,
    '{"series":"a","ts":"2025-01-01T00:00:00.000Z","value":3}\n' +
      '{"series":"a","ts":"2025-01-01T01:00:00.000Z","value":2}\n' +
      '{"series":"b","ts":"2025-01-01T00:00:00.000Z","value":1}\n',
  );
});
